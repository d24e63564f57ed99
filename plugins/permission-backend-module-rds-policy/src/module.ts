import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RdsPermissionPolicy } from './policy';

/**
 * Installs {@link RdsPermissionPolicy} as the permission backend's policy, in
 * place of `@backstage/plugin-permission-backend-module-allow-all-policy`
 * (a backend has one policy).
 *
 * @public
 */
export const permissionModuleRdsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'rds-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(RdsPermissionPolicy.fromConfig(config));
      },
    });
  },
});
