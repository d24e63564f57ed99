import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  queryAsAdmin,
  testSecretsClient,
  uniqueComponent,
} from './__testUtils__/testEnvironment';
import {
  catalogWithReadRule,
  denying,
  testRouters,
} from './__testUtils__/testRouter';
import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';

const createApp = testRouters();

/** Whether the app's login role may log in, and whether its database exists. */
async function liveState(appName: string, env = 'dev') {
  const [role] = await queryAsAdmin<{ rolcanlogin: boolean }>(
    'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1',
    [`${appName}_${env}_user`],
  );
  const dbs = await queryAsAdmin(
    'SELECT 1 FROM pg_database WHERE datname = $1',
    [`${appName}_${env}_db`],
  );
  return { canLogin: role?.rolcanlogin, database: dbs.length === 1 };
}

describe('POST /decommission', () => {
  it('retains the database: dry run first (nothing changed), then the run; the audit history and the Database tab status show it', async () => {
    const c = uniqueComponent('dc');
    const { app, events } = await createApp({
      entities: [c.entity],
    });
    expect((await request(app).post('/provision').send(c.body())).status).toBe(
      200,
    );

    const dry = await request(app)
      .post('/decommission')
      .send({ entityRef: c.entityRef, environment: 'dev', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      outcome: 'planned',
      policy: 'retain',
      dryRun: true,
    });
    expect(await liveState(c.appName)).toEqual({
      canLogin: true,
      database: true,
    });

    const run = await request(app)
      .post('/decommission')
      .send({
        entityRef: c.entityRef,
        environment: 'dev',
        runId: `dc-${c.appName}`,
      });
    expect(run.status).toBe(200);
    expect(run.body.outcome).toBe('updated');
    expect(await liveState(c.appName)).toEqual({
      canLogin: false,
      database: true,
    });
    expect(events).toContainEqual({
      eventId: 'database-decommission',
      outcome: 'success',
    });

    const audit = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/audit`,
    );
    const record = audit.body.items[0];
    expect(record).toMatchObject({
      runId: `dc-${c.appName}`,
      outcome: 'updated',
      decommission: { policy: 'retain' },
    });
    expect(record.steps.map((s: { id: string }) => s.id)).toEqual([
      'login.disable',
      'sessions.terminate',
    ]);
    const csv = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/audit.csv`,
    );
    expect(csv.text).toContain(
      'login.disable=updated;sessions.terminate=no_change',
    );

    const status = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/databases`,
    );
    const dev = status.body.items.find(
      (i: { environment: string }) => i.environment === 'dev',
    );
    expect(dev.decommissioned).toMatchObject({
      policy: 'retain',
      by: 'user:default/mock',
      runId: `dc-${c.appName}`,
    });

    // Provisioning again brings it back, and the tab no longer shows it decommissioned.
    expect(
      (await request(app).post('/provision').send(c.body())).body.outcome,
    ).toBe('updated');
    expect(await liveState(c.appName)).toEqual({
      canLogin: true,
      database: true,
    });
    const after = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/databases`,
    );
    expect(
      after.body.items.find(
        (i: { environment: string }) => i.environment === 'dev',
      ).decommissioned,
    ).toBeUndefined();
  });

  it('refuses before any side effect: 401 without a user, 403 without rds.database.decommission, 400 for an unknown policy', async () => {
    const c = uniqueComponent('dcx');
    const { app } = await createApp({
      entities: [c.entity],
      decide: (permission, resourceRef) =>
        permission === 'rds.database.decommission' ||
        (permission === 'rds.environment.provision' && resourceRef === 'prod')
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    expect((await request(app).post('/provision').send(c.body())).status).toBe(
      200,
    );
    const body = {
      entityRef: c.entityRef,
      environment: 'dev',
      policy: 'retain',
    };

    const anonymous = await request(app)
      .post('/decommission')
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(anonymous.status).toBe(401);

    const denied = await request(app).post('/decommission').send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('rds.database.decommission');
    expect(await liveState(c.appName)).toEqual({
      canLogin: true,
      database: true,
    });

    const invalid = await request(app)
      .post('/decommission')
      .send({ ...body, policy: 'truncate' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain(
      'policy must be one of retain, snapshot-and-delete, delete',
    );
  });

  it('needs approval in prod: 403 and nothing changed, the refusal kept in the history; a dry run shows the block', async () => {
    const c = uniqueComponent('dca');
    const { app } = await createApp({
      entities: [c.entity],
      decide: denying('rds.environment.provision'),
    });
    // Made in prod as the platform would (approved), straight through the admin's engine.
    const { app: platform } = await createApp({
      entities: [c.entity],
    });
    expect(
      (
        await request(platform)
          .post('/provision')
          .send(c.body({ environment: 'prod' }))
      ).status,
    ).toBe(200);

    const body = {
      entityRef: c.entityRef,
      environment: 'prod',
      runId: `deny-${c.appName}`,
    };
    const refused = await request(app).post('/decommission').send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      "Decommissioning in 'prod' requires approval",
    );
    expect(await liveState(c.appName, 'prod')).toEqual({
      canLogin: true,
      database: true,
    });

    const dry = await request(app)
      .post('/decommission')
      .send({ ...body, dryRun: true });
    expect(dry.status).toBe(409);
    expect(dry.body.error.message).toContain('requires explicit approval');

    const audit = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/audit`,
    );
    expect(
      audit.body.items.find((i: { outcome: string }) => i.outcome === 'denied'),
    ).toMatchObject({
      runId: `deny-${c.appName}`,
      actor: 'user:default/mock',
      decommission: { policy: 'retain' },
    });
  });

  it('answers 400 for an entity the catalog hides from the caller, before reading the instance', async () => {
    const c = uniqueComponent('dch');
    const { app } = await createApp({
      catalog: catalogWithReadRule(
        [c.entity],
        caller => caller === 'user:default/mock',
      ),
    });
    expect((await request(app).post('/provision').send(c.body())).status).toBe(
      200,
    );
    const hidden = await request(app)
      .post('/decommission')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/outsider'),
      )
      .send({ entityRef: c.entityRef, environment: 'dev' });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.message).toBe(
      `entityRef '${c.entityRef}' was not found in the catalog`,
    );
    expect(await liveState(c.appName)).toEqual({
      canLogin: true,
      database: true,
    });
    const secret = await testSecretsClient().send(
      new DescribeSecretCommand({ SecretId: `rds/dev/${c.appName}` }),
    );
    expect(secret.DeletedDate).toBeUndefined();
  });
});
