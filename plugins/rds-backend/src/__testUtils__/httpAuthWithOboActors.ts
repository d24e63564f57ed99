import {
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock httpAuth, except that a token one plugin issued on behalf of a
 * user carries an actor, as real Backstage tokens do. The mock drops it, and
 * the permission backend refuses user requests without an actor that ask
 * about resource permissions.
 */
export const httpAuthWithOboActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      async credentials(req, options) {
        const credentials = await inner.credentials(req, options);
        const header = req.headers.authorization ?? '';
        const p = credentials.principal as { type: string; actor?: unknown };
        if (
          header.includes('mock-service-token:') &&
          p.type === 'user' &&
          !p.actor
        ) {
          const user = credentials.principal as { userEntityRef: string };
          return mockCredentials.user(user.userEntityRef, {
            actor: { subject: 'plugin:rds' },
          }) as typeof credentials;
        }
        return credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});
