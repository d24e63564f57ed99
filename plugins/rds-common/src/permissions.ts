import { createPermission } from '@backstage/plugin-permission-common';

/** Allows creating or converging a database, role and secret (plan, provision). */
export const rdsDatabaseProvisionPermission = createPermission({
  name: 'rds.database.provision',
  attributes: { action: 'create' },
});

/** Allows reading database status and audit history. */
export const rdsDatabaseReadPermission = createPermission({
  name: 'rds.database.read',
  attributes: { action: 'read' },
});

/** Every permission of the rds plugins, for `permissionsRegistry.addPermissions`. */
export const rdsPermissions = [
  rdsDatabaseProvisionPermission,
  rdsDatabaseReadPermission,
];
