import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQuery } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * A permission policy for the test backend: everything is allowed except the
 * explicit approval to provision in environments that require it
 * (`rds.environment.provision`), which is granted only when `approve` is set.
 */
export function testPermissionPolicy(options: { approve: boolean }) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'rds-test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy }) {
          policy.setPolicy({
            async handle(request: PolicyQuery) {
              if (request.permission.name === 'rds.environment.provision') {
                return {
                  result: options.approve
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
                };
              }
              return { result: AuthorizeResult.ALLOW };
            },
          });
        },
      });
    },
  });
}
