import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  RDS_ENVIRONMENT_RESOURCE_TYPE,
  rdsEnvironmentProvisionPermission,
  rdsPermissions,
} from './permissions';

describe('rds permissions', () => {
  it('makes the environment approval a resource permission on rds-environment', () => {
    expect(
      isResourcePermission(
        rdsEnvironmentProvisionPermission,
        RDS_ENVIRONMENT_RESOURCE_TYPE,
      ),
    ).toBe(true);
    expect(rdsEnvironmentProvisionPermission).toMatchObject({
      name: 'rds.environment.provision',
      attributes: { action: 'create' },
      resourceType: 'rds-environment',
    });
  });

  it('lists every permission once, for the permissions registry', () => {
    expect(rdsPermissions.map(p => p.name)).toEqual([
      'rds.database.provision',
      'rds.database.read',
      'rds.environment.provision',
      'rds.environment.approve',
      'rds.database.decommission',
    ]);
  });
});
