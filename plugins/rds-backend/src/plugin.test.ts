import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { rdsPlugin } from './plugin';
import {
  queryAsAdmin,
  testRdsConfig,
  testSecretsClient,
  uniqueComponent,
} from './__testUtils__/testEnvironment';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });

async function startBackend(options: {
  entities: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  rds?: JsonObject;
}) {
  const knex = await databases.init('POSTGRES_17');
  const backend = await startTestBackend({
    features: [
      rdsPlugin,
      mockServices.rootConfig.factory({
        data: { rds: options.rds ?? testRdsConfig() },
      }),
      mockServices.database.factory({ knex }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      catalogServiceMock.factory({ entities: options.entities }),
    ],
  });
  return { server: backend.server, stop: () => backend.stop(), knex };
}

describe('rds backend plugin', () => {
  it('provisions a database over HTTP: role, secret, audit, status and CSV', async () => {
    const c = uniqueComponent('orders');
    const { server, knex, stop } = await startBackend({ entities: [c.entity] });
    try {
      const res = await request(server)
        .post('/api/rds/provision')
        .send(
          c.body({
            accessLevel: 'editor',
            buildId: 'build-7',
            justification: 'Orders get their own database (CHG-7)',
          }),
        );

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'created',
        database: `${c.appName}_dev_db`,
        role: `${c.appName}_dev_user`,
        secretName: `rds/dev/${c.appName}`,
      });

      // The login role exists as an ordinary role, the database belongs to the platform's owner role.
      const roles = await queryAsAdmin<{
        rolname: string;
        rolcanlogin: boolean;
        rolsuper: boolean;
      }>(
        'select rolname, rolcanlogin, rolsuper from pg_roles where rolname like $1 order by rolname',
        [`${c.appName}_dev_%`],
      );
      expect(roles).toEqual(
        expect.arrayContaining([
          {
            rolname: `${c.appName}_dev_user`,
            rolcanlogin: true,
            rolsuper: false,
          },
        ]),
      );
      const [db] = await queryAsAdmin<{ owner: string }>(
        'select pg_get_userbyid(datdba) as owner from pg_database where datname = $1',
        [`${c.appName}_dev_db`],
      );
      expect(db.owner).not.toBe('rds_admin');

      // The secret has the RDS rotation shape; its password is nowhere in the response.
      const secret = await testSecretsClient().send(
        new GetSecretValueCommand({ SecretId: `rds/dev/${c.appName}` }),
      );
      const value = JSON.parse(secret.SecretString!);
      expect(value).toMatchObject({
        engine: 'postgres',
        username: `${c.appName}_dev_user`,
        dbname: `${c.appName}_dev_db`,
        password: expect.any(String),
      });
      expect(res.text).not.toContain(value.password);

      // One audit row with its steps; no secret in any of them.
      const runs = await knex('rds_runs').where({ app_name: c.appName });
      expect(runs).toEqual([
        expect.objectContaining({
          run_id: res.body.runId,
          build_id: 'build-7',
          environment: 'dev',
          instance: 'test-pg17',
          database: `${c.appName}_dev_db`,
          role: `${c.appName}_dev_user`,
          access_level: 'editor',
          actor: 'user:default/mock',
          entity_ref: c.entityRef,
          outcome: 'created',
          dry_run: false,
          justification: 'Orders get their own database (CHG-7)',
        }),
      ]);
      const steps = await knex('rds_run_steps').where({
        run_row_id: runs[0].id,
      });
      expect(steps.length).toBeGreaterThan(0);
      expect(JSON.stringify([runs, steps])).not.toContain(value.password);

      const status = await request(server).get(
        `/api/rds/entities/${encodeURIComponent(c.entityRef)}/databases`,
      );
      expect(status.status).toBe(200);
      expect(status.body.items[0]).toMatchObject({
        environment: 'dev',
        exists: true,
        secretPresent: true,
        accessLevel: 'editor',
        lastRunId: res.body.runId,
      });

      const audit = await request(server).get(
        `/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit`,
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          runId: res.body.runId,
          justification: 'Orders get their own database (CHG-7)',
        }),
      ]);

      const csv = await request(server).get(
        `/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit.csv`,
      );
      expect(csv.status).toBe(200);
      expect(csv.text).toContain(`${res.body.runId},build-7,`);
      expect(csv.text).toContain(
        ',Orders get their own database (CHG-7),,,\r\n',
      );
      expect(csv.text).not.toContain(value.password);
    } finally {
      await stop();
    }
  });

  it('answers 403 when the permission policy denies, and creates nothing', async () => {
    const c = uniqueComponent();
    const { server, stop } = await startBackend({
      entities: [c.entity],
      permission: AuthorizeResult.DENY,
    });
    try {
      const res = await request(server)
        .post('/api/rds/provision')
        .send(c.appBody());

      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      await expect(
        queryAsAdmin('select 1 from pg_roles where rolname like $1', [
          `${c.appName}%`,
        ]),
      ).resolves.toEqual([]);
    } finally {
      await stop();
    }
  });

  // Bad input (400) and guardrail blocks (409) over the real router: router.test.ts.

  it('refuses to start with a message naming the bad config key', async () => {
    const rds = testRdsConfig();
    await expect(
      startBackend({
        entities: [],
        rds: {
          ...rds,
          environments: {
            prod: {
              instance: {
                ...rds.environments.dev.instance,
                ssl: { mode: 'require' },
              },
            },
          },
        },
      }),
    ).rejects.toThrow(
      /Invalid rds configuration: .*rds\.environments\.prod\.instance\.ssl\.mode must be verify-full outside dev environments \(got 'require'\)/,
    );
  });
});
