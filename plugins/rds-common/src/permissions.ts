import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of an environment; its resourceRef is the environment name.
 *
 * @public
 */
export const RDS_ENVIRONMENT_RESOURCE_TYPE = 'rds-environment';

/**
 * Allows creating or converging a database, role and secret (plan, provision).
 *
 * @public
 */
export const rdsDatabaseProvisionPermission = createPermission({
  name: 'rds.database.provision',
  attributes: { action: 'create' },
});

/**
 * Allows reading database status and audit history.
 *
 * @public
 */
export const rdsDatabaseReadPermission = createPermission({
  name: 'rds.database.read',
  attributes: { action: 'read' },
});

/**
 * Allows decommissioning a database (retain, snapshot-and-delete, delete). In environments
 * that require approval, a real run also needs `rds.environment.provision` there, the same
 * approval provisioning needs.
 *
 * @public
 */
export const rdsDatabaseDecommissionPermission = createPermission({
  name: 'rds.database.decommission',
  attributes: { action: 'delete' },
});

/**
 * The explicit approval to provision in an environment with
 * `rds.environments.<env>.requiresApproval: true`, checked on top of
 * `rds.database.provision` with the environment name as resourceRef, so a
 * policy can allow it per environment (see docs/security.md).
 *
 * @public
 */
export const rdsEnvironmentProvisionPermission = createPermission({
  name: 'rds.environment.provision',
  attributes: { action: 'create' },
  resourceType: RDS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Allows approving or rejecting other people's pending requests in an
 * environment that requires approval, with the environment name as
 * resourceRef (conditional, like {@link rdsEnvironmentProvisionPermission}).
 * The rds backend also requires the approver to be named in
 * `rds.environments.<env>.approval.approvers`, and never lets requesters
 * approve their own request, whatever the policy says.
 *
 * @public
 */
export const rdsEnvironmentApprovePermission = createPermission({
  name: 'rds.environment.approve',
  attributes: { action: 'update' },
  resourceType: RDS_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Every permission of the rds plugins, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const rdsPermissions = [
  rdsDatabaseProvisionPermission,
  rdsDatabaseReadPermission,
  rdsEnvironmentProvisionPermission,
  rdsEnvironmentApprovePermission,
  rdsDatabaseDecommissionPermission,
];
