import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { ConfigReader } from '@backstage/config';
import {
  rdsEnvironmentApprovePermission,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';
import { DEFAULT_PLATFORM_GROUP, RdsPermissionPolicy } from './policy';

function user(ref: string, groups: string[]): PolicyQueryUser {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: ref },
  } as PolicyQueryUser['credentials'];
  return {
    credentials,
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

const developer = user('user:default/dana', ['group:default/payments-team']);
const platformEngineer = user('user:default/pat', [DEFAULT_PLATFORM_GROUP]);
// Other plugins' permissions, as the permission backend hands them to the policy.
const rdsDatabaseProvisionPermission = createPermission({
  name: 'rds.database.provision',
  attributes: { action: 'create' },
});
const rdsDatabaseReadPermission = createPermission({
  name: 'rds.database.read',
  attributes: { action: 'read' },
});
const scaffolderDryRun = createPermission({
  name: 'scaffolder.template.dry-run',
  attributes: {},
});

describe('RdsPermissionPolicy', () => {
  const policy = new RdsPermissionPolicy();
  /** The policy's decision on `permission` for `who` (none: not signed in). */
  const decide = (
    permission: Parameters<typeof policy.handle>[0]['permission'],
    who?: Parameters<typeof policy.handle>[1],
  ) => policy.handle({ permission }, who);

  it.each([
    ['rds.database.provision', rdsDatabaseProvisionPermission],
    ['rds.database.read', rdsDatabaseReadPermission],
    ['scaffolder.template.dry-run', scaffolderDryRun],
  ])('allows %s to any signed-in user', async (_name, permission) => {
    await expect(decide(permission, developer)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('approves provisioning in any environment for the platform team', async () => {
    await expect(
      decide(rdsEnvironmentProvisionPermission, platformEngineer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('approves provisioning for everyone else only in dev environments', async () => {
    await expect(
      decide(rdsEnvironmentProvisionPermission, developer),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'rds',
      resourceType: 'rds-environment',
      conditions: {
        rule: 'IS_DEV_ENVIRONMENT',
        resourceType: 'rds-environment',
        params: undefined,
      },
    });
  });

  it('gives the approval of other people’s requests to the platform team only', async () => {
    await expect(
      decide(rdsEnvironmentApprovePermission, platformEngineer),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      decide(rdsEnvironmentApprovePermission, developer),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(decide(rdsEnvironmentApprovePermission)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('reads other platform groups from permission.rds.platformGroups', async () => {
    const dba = user('user:default/dora', ['group:default/dba']);
    const configured = RdsPermissionPolicy.fromConfig(
      new ConfigReader({
        permission: { rds: { platformGroups: ['Group:default/DBA'] } },
      }),
    );
    await expect(
      configured.handle({ permission: rdsEnvironmentApprovePermission }, dba),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      configured.handle(
        { permission: rdsEnvironmentApprovePermission },
        platformEngineer,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
