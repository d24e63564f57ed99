import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createRdsProvisionAction } from './actions/provision';
import { RdsBackendClient } from './client/RdsBackendClient';

/**
 * Registers the `rds:provision` action with the scaffolder.
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
        scaffolderActions.addActions(
          createRdsProvisionAction({
            client: new RdsBackendClient({ discovery }),
            auth,
            config,
          }),
        );
      },
    });
  },
});
