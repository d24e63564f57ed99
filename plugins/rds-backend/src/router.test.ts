import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { APP_NAME_OR_ENTITY_REF_MESSAGE } from '@rds-self-service/plugin-rds-common';
import request from 'supertest';
import { deniedApprovalStep } from './__testUtils__/auditStore';
import {
  databaseExists,
  queryAsAdmin,
  roleExists,
  testAdmin,
  testSecretsClient,
  testSecretsManager,
  uniqueComponent,
} from './__testUtils__/testEnvironment';
import { denying, testRouters } from './__testUtils__/testRouter';

const createApp = testRouters();

type LoggerMock = ReturnType<typeof mockServices.logger.mock>;

/** Everything logged through a logger mock and the children made from it. */
function loggedText(logger: LoggerMock): string {
  const levels = [logger.debug, logger.info, logger.warn, logger.error];
  const children = (logger.child as jest.Mock).mock.results.map(r =>
    loggedText(r.value),
  );
  return JSON.stringify(levels.map(l => (l as jest.Mock).mock.calls)).concat(
    ...children,
  );
}

const encoded = (ref: string) => encodeURIComponent(ref);

/** A refused provision request: no run recorded, one failed auditor event. */
async function expectRefusedUnrecorded(
  knex: Awaited<ReturnType<typeof createApp>>['knex'],
  events: Awaited<ReturnType<typeof createApp>>['events'],
) {
  await expect(knex('rds_runs').count({ n: '*' })).resolves.toEqual([
    { n: '0' },
  ]);
  expect(events).toEqual([
    expect.objectContaining({ eventId: 'database-provision', outcome: 'fail' }),
  ]);
}

describe('createRouter', () => {
  it('lists the environments without connection details', async () => {
    const { app } = await createApp({ entities: [] });

    const res = await request(app).get('/environments');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          name: 'dev',
          instance: 'test-pg17',
          requiresApproval: false,
          approvalRequiredForYou: false,
        },
        // The policy allows everything: this caller may approve.
        {
          name: 'prod',
          instance: 'test-pg17',
          requiresApproval: true,
          approvalRequiredForYou: false,
        },
      ],
    });
  });

  it('says where approval would stop this caller, by the policy’s decision for them', async () => {
    const { app } = await createApp({
      entities: [],
      decide: denying('rds.environment.provision'),
    });

    const res = await request(app).get('/environments');

    expect(res.status).toBe(200);
    expect(
      res.body.items.map((e: any) => [e.name, e.approvalRequiredForYou]),
    ).toEqual([
      ['dev', false],
      ['prod', true],
    ]);
  });

  it('refuses unauthenticated requests', async () => {
    const { app } = await createApp({ entities: [] });

    const res = await request(app)
      .get('/environments')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });

  it('provisions a database, then reports no_change, never returning the password', async () => {
    const c = uniqueComponent();
    const { app, events } = await createApp({ entities: [c.entity] });
    const body = c.body({
      accessLevel: 'editor',
      runId: `task-${c.appName}`,
    });

    const first = await request(app).post('/provision').send(body);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      runId: `task-${c.appName}`,
      dryRun: false,
      outcome: 'created',
      environment: 'dev',
      database: `${c.appName}_dev_db`,
      role: `${c.appName}_dev_user`,
      secretName: `rds/dev/${c.appName}`,
    });
    await expect(databaseExists(`${c.appName}_dev_db`)).resolves.toBe(true);
    const secret = await testSecretsClient().send(
      new GetSecretValueCommand({ SecretId: `rds/dev/${c.appName}` }),
    );
    const { password } = JSON.parse(secret.SecretString!);
    expect(password).toEqual(expect.any(String));
    expect(first.text).not.toContain(password);
    // How to connect: the instance, the names and where Secrets Manager is; no credential.
    expect(first.body.connection).toEqual({
      host: testAdmin().host,
      port: testAdmin().port,
      database: `${c.appName}_dev_db`,
      user: `${c.appName}_dev_user`,
      secretName: `rds/dev/${c.appName}`,
      secretArn: secret.ARN,
      region: 'us-east-1',
      secretsManagerEndpoint: testSecretsManager().endpoint,
    });
    expect(first.text).not.toContain(testAdmin().password);

    const second = await request(app).post('/provision').send(body);
    expect(second.status).toBe(200);
    expect(second.body.outcome).toBe('no_change');
    expect(second.text).not.toContain(password);
    expect(events).toEqual([
      { eventId: 'database-provision', outcome: 'success' },
      { eventId: 'database-provision', outcome: 'success' },
    ]);
  });

  it('plans without changing anything', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [c.entity] });

    const res = await request(app).post('/plan').send(c.appBody());

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      database: `${c.appName}_dev_db`,
      role: `${c.appName}_dev_user`,
      blocked: false,
    });
    expect(res.body.steps.length).toBeGreaterThan(0);
    await expect(databaseExists(`${c.appName}_dev_db`)).resolves.toBe(false);
    await expect(roleExists(`${c.appName}_dev_user`)).resolves.toBe(false);
  });

  it('derives the app name from the entity when the request gives none', async () => {
    const c = uniqueComponent();
    const annotated = uniqueComponent('orders');
    annotated.entity.metadata.annotations = {
      'rds.platform/app-name': `ledger_${annotated.appName}`,
    };
    const { app, knex } = await createApp({
      entities: [c.entity, annotated.entity],
    });

    const plan = await request(app).post('/plan').send({
      environment: 'dev',
      accessLevel: 'reader',
      entityRef: c.entityRef,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      request: expect.objectContaining({ appName: c.appName }),
      database: `${c.appName}_dev_db`,
      role: `${c.appName}_dev_user`,
    });

    // The annotation wins over the entity name, as on the Database tab.
    const run = await request(app)
      .post('/provision')
      .send({
        environment: 'dev',
        accessLevel: 'editor',
        entityRef: annotated.entityRef,
        runId: `task-${annotated.appName}`,
      });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      outcome: 'created',
      database: `ledger_${annotated.appName}_dev_db`,
      role: `ledger_${annotated.appName}_dev_user`,
      secretName: `rds/dev/ledger_${annotated.appName}`,
    });
    const [row] = await knex('rds_runs').where({
      run_id: `task-${annotated.appName}`,
    });
    expect(row).toMatchObject({
      app_name: `ledger_${annotated.appName}`,
      entity_ref: annotated.entityRef,
    });
  });

  it('answers 400 saying to give an app name when there is neither one nor an entity ref', async () => {
    const { app, knex, events } = await createApp({ entities: [] });

    const res = await request(app).post('/provision').send({
      environment: 'dev',
      accessLevel: 'editor',
    });

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: `Invalid request: ${APP_NAME_OR_ENTITY_REF_MESSAGE}`,
    });
    expect(res.body.error.message).toContain('give an appName');
    await expectRefusedUnrecorded(knex, events);
  });

  it('answers 400 naming the entity when its app name breaks the naming rules', async () => {
    const c = uniqueComponent('9svc');
    const { app } = await createApp({ entities: [c.entity] });

    const res = await request(app).post('/provision').send({
      environment: 'dev',
      accessLevel: 'editor',
      entityRef: c.entityRef,
    });

    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      `app name "${c.appName}" must start with a lowercase letter`,
    );
    expect(res.body.error.message).toContain(
      `(the app name of ${c.entityRef}, from its rds.platform/app-name annotation or else its name; give an appName or set that annotation)`,
    );
    await expect(roleExists(`${c.appName}_dev_user`)).resolves.toBe(false);
  });

  it('answers 400 with what to change for an invalid app name, and creates nothing', async () => {
    const { app, knex, events } = await createApp({ entities: [] });

    const res = await request(app).post('/provision').send({
      appName: 'Payments-API',
      environment: 'dev',
      accessLevel: 'editor',
    });

    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(
      'app name "Payments-API" must start with a lowercase letter',
    );
    await expectRefusedUnrecorded(knex, events);
  });

  it.each([
    [
      { environment: 'dev', accessLevel: 'admin' },
      'accessLevel must be one of owner, editor, reader',
    ],
    [
      { environment: 'qa', accessLevel: 'reader' },
      "environment 'qa' is not configured; choose one of: dev, prod",
    ],
    [
      { environment: 'dev', accessLevel: 'reader', dryRun: 'yes' },
      'dryRun must be true or false',
    ],
  ])('answers 400 for %j', async (fields, message) => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [] });

    const res = await request(app)
      .post('/provision')
      .send({ appName: c.appName, ...fields });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    await expect(roleExists(`${c.appName}_dev_user`)).resolves.toBe(false);
  });

  it('answers 400 for an entity that is not in the catalog', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [] });

    const res = await request(app).post('/provision').send(c.body());

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `entityRef '${c.entityRef}' was not found in the catalog`,
    );
  });

  it('answers 403 when the policy denies rds.database.provision, and creates nothing', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({
      entities: [c.entity],
      decide: denying('rds.database.provision'),
    });

    const res = await request(app)
      .post('/provision')
      .send(c.appBody({ accessLevel: 'owner' }));

    expect(res.status).toBe(403);
    expect(res.body.error).toEqual(
      expect.objectContaining({
        name: 'NotAllowedError',
        message:
          'user:default/mock is not allowed to provision databases: the permission policy denied rds.database.provision',
      }),
    );
    await expect(roleExists(`${c.appName}_dev_user`)).resolves.toBe(false);
  });

  it('needs the approval permission on the environment where approval is required', async () => {
    const c = uniqueComponent();
    const asked: Array<[string, string | undefined]> = [];
    let approve = false;
    const { app } = await createApp({
      entities: [c.entity],
      decide: (name, resourceRef) => {
        asked.push([name, resourceRef]);
        return name !== 'rds.environment.provision' || approve
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY;
      },
    });
    const body = c.appBody({ environment: 'prod' });

    const denied = await request(app).post('/provision').send(body);

    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      "Environment 'prod' requires approval (rds.environments.prod.requiresApproval is true), " +
        "and the permission policy did not allow rds.environment.provision in 'prod' for user:default/mock",
    );
    expect(asked).toEqual([
      ['rds.database.provision', undefined],
      ['rds.environment.provision', undefined],
    ]);
    await expect(roleExists(`${c.appName}_prod_user`)).resolves.toBe(false);

    // Plans and dry runs are not refused; without approval they show the block.
    const plan = await request(app).post('/plan').send(body);
    expect(plan.status).toBe(200);
    expect(plan.body.blocked).toBe(true);
    expect(plan.body.steps).toContainEqual(
      expect.objectContaining({ kind: 'approval', action: 'block' }),
    );
    const dryRun = await request(app)
      .post('/provision')
      .send({ ...body, dryRun: true });
    expect(dryRun.status).toBe(409);
    expect(dryRun.body.error.message).toContain(
      'environment "prod" requires explicit approval',
    );
    await expect(roleExists(`${c.appName}_prod_user`)).resolves.toBe(false);

    approve = true;
    const approvedDryRun = await request(app)
      .post('/provision')
      .send({ ...body, dryRun: true });
    expect(approvedDryRun.status).toBe(200);
    expect(approvedDryRun.body).toMatchObject({
      dryRun: true,
      outcome: 'planned',
    });
    await expect(roleExists(`${c.appName}_prod_user`)).resolves.toBe(false);

    const approved = await request(app).post('/provision').send(body);
    expect(approved.status).toBe(200);
    expect(approved.body.outcome).toBe('created');
    await expect(databaseExists(`${c.appName}_prod_db`)).resolves.toBe(true);
  });

  it('keeps a run refused for approval in the entity’s history: justification, actor, who can approve', async () => {
    const c = uniqueComponent();
    const { app, knex, events } = await createApp({
      entities: [c.entity],
      decide: denying('rds.environment.provision'),
    });

    const denied = await request(app)
      .post('/provision')
      .send({
        environment: 'prod',
        accessLevel: 'owner',
        entityRef: c.entityRef,
        runId: `task-${c.appName}`,
        buildId: 'ci-12',
        justification: ' Ledger moves off the shared cluster (CHG-1042) ',
      });

    expect(denied.status).toBe(403);
    expect(denied.body.error.name).toBe('NotAllowedError');
    expect(denied.body.error.message).toBe(
      "Environment 'prod' requires approval (rds.environments.prod.requiresApproval is true), " +
        "and the permission policy did not allow rds.environment.provision in 'prod' for user:default/mock; " +
        'ask the platform team to provision it or to grant you that permission. ' +
        `The request is kept, with its justification, in the audit history of ${c.entityRef}`,
    );
    const audit = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit`,
    );
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual({
      totalCount: 1,
      items: [
        {
          runId: `task-${c.appName}`,
          buildId: 'ci-12',
          timestamp: expect.any(String),
          environment: 'prod',
          instance: 'test-pg17',
          database: `${c.appName}_prod_db`,
          role: `${c.appName}_prod_user`,
          accessLevel: 'owner',
          actor: 'user:default/mock',
          entityRef: c.entityRef,
          appName: c.appName,
          justification: 'Ledger moves off the shared cluster (CHG-1042)',
          outcome: 'denied',
          dryRun: false,
          steps: [
            deniedApprovalStep(
              'prod',
              "not approved: 'prod' requires approval (rds.environments.prod.requiresApproval is true); " +
                "a user whom the permission policy allows rds.environment.provision in 'prod' can run it, " +
                'or grant it to the requester',
            ),
          ],
          error: expect.stringMatching(
            /^Environment 'prod' requires approval .* grant you that permission$/,
          ),
        },
      ],
    });
    // Nothing was read from or done on the instance.
    await expect(roleExists(`${c.appName}_prod_owner`)).resolves.toBe(false);
    const csv = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit.csv`,
    );
    expect(csv.text).toContain(',denied,');
    expect(events).toEqual([
      {
        eventId: 'database-provision',
        outcome: 'fail',
        error: denied.body.error.message,
      },
    ]);
    await expect(
      knex('rds_runs').where({ outcome: 'denied' }).count({ n: '*' }),
    ).resolves.toEqual([{ n: '1' }]);
  });

  it('answers 409 with the guardrail message when the role exists unmanaged', async () => {
    const c = uniqueComponent();
    const { app, knex, events } = await createApp({ entities: [c.entity] });
    await queryAsAdmin(`create role "${c.appName}_dev_user" login`);

    const res = await request(app)
      .post('/provision')
      .send(
        c.body({
          accessLevel: 'editor',
          runId: `task-${c.appName}`,
          justification: 'Orders need their own database (CHG-77)',
        }),
      );

    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('ConflictError');
    // The blocking step's words only, not the steps the block kept from running.
    expect(res.body.error.message).toMatch(
      new RegExp(
        `^role "${c.appName}_dev_user" exists but was not created by the platform`,
      ),
    );
    expect(res.body.error.message).not.toContain('not run');
    expect(res.body.error.stack).toBeUndefined();
    // A block is an outcome in the entity's history, with who asked and why.
    const audit = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        runId: `task-${c.appName}`,
        outcome: 'blocked',
        actor: 'user:default/mock',
        justification: 'Orders need their own database (CHG-77)',
      }),
    ]);
    await expect(databaseExists(`${c.appName}_dev_db`)).resolves.toBe(false);
    const [row] = await knex('rds_runs').where({ app_name: c.appName });
    expect(row).toMatchObject({ outcome: 'blocked', entity_ref: c.entityRef });
    expect(events).toEqual([
      {
        eventId: 'database-provision',
        outcome: 'fail',
        error: res.body.error.message,
      },
    ]);
  });

  it('gives a run started through the API without a runId an id no scaffolder task has', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [c.entity] });
    const provisioned = await request(app).post('/provision').send(c.body());
    expect(provisioned.status).toBe(200);
    // Not a bare UUID, so the Database tab shows no "View task" link for it.
    expect(provisioned.body.runId).toMatch(/^api-[0-9a-f-]{36}$/);

    const audit = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit`,
    );
    expect(audit.body.items[0].runId).toBe(provisioned.body.runId);
  });

  it('reports the status of the entity’s databases with the last run', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [c.entity] });
    const provisioned = await request(app).post('/provision').send(c.body());
    expect(provisioned.status).toBe(200);

    const res = await request(app).get(
      `/entities/${encoded(c.entityRef)}/databases`,
    );

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        environment: 'dev',
        appName: c.appName,
        database: `${c.appName}_dev_db`,
        exists: true,
        secretPresent: true,
        drift: [],
        lastRunId: provisioned.body.runId,
        lastProvisionedBy: 'user:default/mock',
        lastOutcome: 'created',
      }),
      expect.objectContaining({
        environment: 'prod',
        appName: c.appName,
        exists: false,
      }),
    ]);
  });

  it('answers 404 for the databases of an unknown entity and 403 without read permission', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [] });
    await request(app)
      .get(`/entities/${encoded(c.entityRef)}/databases`)
      .expect(404);

    const denied = await createApp({
      entities: [c.entity],
      decide: () => AuthorizeResult.DENY,
    });
    const res = await request(denied.app).get(
      `/entities/${encoded(c.entityRef)}/audit`,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('rds.database.read');
  });

  it('pages the audit history newest first and exports it as CSV', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [c.entity] });
    const body = c.body({ accessLevel: 'editor' });
    await request(app)
      .post('/provision')
      .send({ ...body, runId: 'run-1' })
      .expect(200);
    await request(app)
      .post('/provision')
      .send({ ...body, runId: 'run-2' })
      .expect(200);

    const page = await request(app)
      .get(`/entities/${encoded(c.entityRef)}/audit`)
      .query({ limit: 1, offset: 0 });
    expect(page.status).toBe(200);
    expect(page.body.totalCount).toBe(2);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        runId: 'run-2',
        outcome: 'no_change',
        actor: 'user:default/mock',
      }),
    ]);

    const csv = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit.csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^run_id,build_id,timestamp,environment/);
    expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
      'run-2',
      'run-1',
    ]);
  });

  it('keeps the justification in the audit history and CSV, and logs it nowhere', async () => {
    const c = uniqueComponent();
    const { app, logger } = await createApp({ entities: [c.entity] });
    const justification = `Ledger moves off the shared cluster\n=CHG-${c.appName}`;

    const res = await request(app)
      .post('/provision')
      .send(
        c.body({
          runId: `task-${c.appName}`,
          justification,
        }),
      );
    expect(res.status).toBe(200);

    const audit = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit`,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({ runId: `task-${c.appName}`, justification }),
    ]);
    const csv = await request(app).get(
      `/entities/${encoded(c.entityRef)}/audit.csv`,
    );
    expect(csv.text.split('\r\n')[0]).toMatch(
      /,error,justification,request_id,requested_by,decided_by/,
    );
    expect(csv.text).toContain(
      `,"Ledger moves off the shared cluster\n=CHG-${c.appName}",,,\r\n`,
    );
    // The engine logged the run (so the logger was listening), not the justification.
    expect(loggedText(logger)).toContain(`${c.appName}_dev_db`);
    expect(loggedText(logger)).not.toContain(`CHG-${c.appName}`);
  });

  it('answers 400 for a justification with control characters, and records nothing', async () => {
    const c = uniqueComponent();
    const { app, knex } = await createApp({ entities: [c.entity] });

    const res = await request(app)
      .post('/provision')
      .send(
        c.body({
          justification: 'CHG-1042\u0000',
        }),
      );

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid request: justification must not contain control characters (tabs and line breaks are fine)',
    );
    await expect(knex('rds_runs').count({ n: '*' })).resolves.toEqual([
      { n: '0' },
    ]);
    await expect(roleExists(`${c.appName}_dev_user`)).resolves.toBe(false);
  });

  it('answers 400 for a bad audit page size', async () => {
    const c = uniqueComponent();
    const { app } = await createApp({ entities: [c.entity] });

    const res = await request(app)
      .get(`/entities/${encoded(c.entityRef)}/audit`)
      .query({ limit: 10000 });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid query: limit must be between 1 and 500',
    );
  });
});
