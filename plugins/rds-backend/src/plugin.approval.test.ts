import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { rdsEnvironmentProvisionPermission } from '@rds-self-service/plugin-rds-common';
import {
  createRdsEnvironmentConditionalDecision,
  rdsEnvironmentConditions,
} from './permissions/rules';
import { rdsPlugin } from './plugin';
import { httpAuthWithOboActors } from './__testUtils__/httpAuthWithOboActors';
import {
  queryAsAdmin,
  testAdmin,
  testSecretsManager,
  uniqueComponent,
} from './__testUtils__/testEnvironment';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });

// Like the app's dev policy for a user outside the platform team: everything
// allowed, approval only in environments marked dev.
class DevOnlyApprovalPolicy implements PermissionPolicy {
  async handle(query: PolicyQuery): Promise<PolicyDecision> {
    if (isPermission(query.permission, rdsEnvironmentProvisionPermission)) {
      return createRdsEnvironmentConditionalDecision(
        query.permission,
        rdsEnvironmentConditions.isDevEnvironment(),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new DevOnlyApprovalPolicy());
      },
    });
  },
});

describe('approval through the real permission backend', () => {
  it('resolves the conditional approval against the environment config', async () => {
    const c = uniqueComponent();
    const { host, port, user, password } = testAdmin();
    const knex = await databases.init('POSTGRES_17');
    const backend = await startTestBackend({
      features: [
        rdsPlugin,
        permissionBackend,
        policyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            rds: {
              secretsManager: testSecretsManager(),
              environments: {
                // A dev environment that still asks for approval: the policy gives it.
                sandbox: {
                  dev: true,
                  requiresApproval: true,
                  // Fail closed: only named approvers; dev allows self-approval.
                  approval: { approvers: ['user:default/mock'] },
                  instance: {
                    host,
                    port,
                    admin: { user, password },
                    ssl: { mode: 'disable' },
                  },
                },
                // Not dev: the policy's condition does not match.
                staging: {
                  instance: {
                    host,
                    port,
                    adminSecretId: 'rds/admin/staging',
                    ssl: {
                      mode: 'verify-full',
                      ca: 'not used: refused before',
                    },
                  },
                },
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        httpAuthWithOboActors,
        catalogServiceMock.factory({ entities: [c.entity] }),
      ],
    });
    try {
      const sandbox = await request(backend.server)
        .post('/api/rds/provision')
        .send(c.appBody({ environment: 'sandbox' }));
      expect(sandbox.status).toBe(200);
      expect(sandbox.body.outcome).toBe('created');

      const staging = await request(backend.server)
        .post('/api/rds/provision')
        .send(c.appBody({ environment: 'staging' }));
      expect(staging.status).toBe(403);
      expect(staging.body.error.message).toContain(
        "Environment 'staging' requires approval (rds.environments.staging.requiresApproval is true)",
      );
      await expect(
        queryAsAdmin('select 1 from pg_roles where rolname = $1', [
          `${c.appName}_staging_user`,
        ]),
      ).resolves.toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
