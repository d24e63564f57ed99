import { createPermission } from '@backstage/plugin-permission-common';
import { RDS_ENVIRONMENT_RESOURCE_TYPE } from './resource';

/**
 * The explicit approval to provision in an environment with
 * `rds.environments.<env>.requiresApproval: true`, checked on top of
 * `rds.database.provision` with the environment name as resourceRef, so a
 * policy can allow it per environment (see docs/security.md).
 */
export const rdsEnvironmentProvisionPermission = createPermission({
  name: 'rds.environment.provision',
  attributes: { action: 'create' },
  resourceType: RDS_ENVIRONMENT_RESOURCE_TYPE,
});
