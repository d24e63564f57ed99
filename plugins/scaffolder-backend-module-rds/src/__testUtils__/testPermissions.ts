import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The permissions service of the test backend, deciding as a policy would:
 * everything is allowed except the explicit approval to provision in
 * environments that require it (`rds.environment.provision`), which is
 * granted only when `approve` is set.
 *
 * (Not the permission backend plus a policy module: with the mock auth
 * service, tokens issued on behalf of a user lose their actor, and the
 * permission backend then refuses the scaffolder's conditional checks.)
 */
export function testPermissions(options: { approve: boolean }) {
  const decide = (name: string) =>
    name === 'rds.environment.provision' && !options.approve
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      async authorize(requests) {
        return requests.map(r => ({ result: decide(r.permission.name) }));
      },
      async authorizeConditional(requests) {
        return requests.map(r => ({ result: decide(r.permission.name) }));
      },
    }),
  });
}
