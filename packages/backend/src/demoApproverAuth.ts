import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * A second guest-like sign-in for the embedded demo, as the approver
 * (`auth.providers.demo-approver.userEntityRef`, a platform-team member in
 * examples/org.yaml): a person can try both sides of the approval workflow
 * without configuring a real identity provider. Like the guest provider it
 * works only in development (NODE_ENV=development), unless
 * `dangerouslyAllowOutsideDevelopment` is set; remove it in production.
 */
export const demoApproverAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-approver-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const settings = config.getOptionalConfig(
          'auth.providers.demo-approver',
        );
        if (!settings) return;
        const userEntityRef = settings.getString('userEntityRef');
        const allowed =
          process.env.NODE_ENV === 'development' ||
          settings.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
            true;
        providers.registerProvider({
          providerId: 'demo-approver',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (!allowed) {
                  throw new NotAllowedError(
                    'The demo-approver sign-in works only in development (auth.providers.demo-approver)',
                  );
                }
                return { result: {} };
              },
            }),
            signInResolver: async (_info, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
