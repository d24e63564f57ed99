import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  rdsEnvironmentApprovePermission,
  rdsEnvironmentProvisionPermission,
  rdsPermissions,
} from '@rds-self-service/plugin-rds-common';
import { approvalAuditSink } from './approval/approvalAuditSink';
import { createApprovals } from './approval/createApprovals';
import { readRdsConfig } from './config/readRdsConfig';
import {
  rdsEnvironmentResourceRef,
  toEnvironmentResource,
} from './permissions/resource';
import { rdsEnvironmentRules } from './permissions/rules';
import { createRouter } from './router';
import { createProvisioners } from './service/createProvisioners';
import { DecommissionService } from './service/DecommissionService';
import { RdsService } from './service/RdsService';
import { DatabaseRdsAuditStore } from './store/DatabaseRdsAuditStore';
import { warnIfEphemeralAuditStore } from './store/warnIfEphemeral';

/**
 * The rds backend plugin: plan, provision, status and audit API at /api/rds.
 *
 * @public
 */
export const rdsPlugin = createBackendPlugin({
  pluginId: 'rds',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
      },
      async init(deps) {
        const { environments, secretsManager } = readRdsConfig(deps.config);
        if (environments.length === 0) {
          deps.logger.warn(
            'No rds.environments configured: nothing can be provisioned',
          );
        }

        deps.permissionsRegistry.addPermissions(rdsPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: rdsEnvironmentResourceRef,
          permissions: [
            rdsEnvironmentProvisionPermission,
            rdsEnvironmentApprovePermission,
          ],
          rules: Object.values(rdsEnvironmentRules),
          getResources: async names =>
            names.map(name => {
              const found = environments.find(e => e.name === name);
              return found && toEnvironmentResource(found);
            }),
        });

        warnIfEphemeralAuditStore(deps.config, deps.logger);
        const store = await DatabaseRdsAuditStore.create({
          database: deps.database,
        });
        const service = new RdsService({
          environments,
          provisioners: createProvisioners({
            environments,
            secretsManager,
            // Approved applies name the request, its requester and approver.
            auditSink: approvalAuditSink(store),
            logger: deps.logger,
          }),
          store,
          catalog: deps.catalog,
          logger: deps.logger,
          // Where Secrets Manager is, for the results' connection details; not its credentials.
          secretsManager: {
            region: secretsManager.region,
            endpoint: secretsManager.endpoint,
          },
        });
        // The provisioners hold connection pools to every instance.
        deps.lifecycle.addShutdownHook(() => service.close());

        const approvals = await createApprovals({ ...deps, service, store });
        const decommissions = new DecommissionService({
          service,
          store,
          catalog: deps.catalog,
        });

        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            approvals,
            userInfo: deps.userInfo,
            decommissions,
          }),
        );
      },
    });
  },
});
