import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRdsDecommissionAction } from './actions/decommission';
import { createRdsProvisionAction } from './actions/provision';
import { RdsBackendClient } from './client/RdsBackendClient';

/**
 * Registers the `rds:provision` and `rds:decommission` actions with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleRds = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'rds',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, discovery, auth, config }) {
        const client = new RdsBackendClient({ discovery });
        scaffolderActions.addActions(
          createRdsProvisionAction({ client, auth, config }),
          createRdsDecommissionAction({ client, auth, config }),
        );
      },
    });
  },
});
