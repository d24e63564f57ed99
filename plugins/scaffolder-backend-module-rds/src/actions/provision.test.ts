import { mockServices } from '@backstage/backend-test-utils';
import { actionContext } from '../__testUtils__/actionContext';
import { fetchAudit, Inspector } from '../__testUtils__/inspect';
import {
  APP_BASE_URL,
  componentEntity,
  RdsTestBackend,
  startRdsTestBackend,
} from '../__testUtils__/startRdsTestBackend';
import { readTestEnv, uniqueAppName } from '../__testUtils__/testEnv';
import { createRdsProvisionAction } from './provision';

jest.setTimeout(60_000);

// The catalog Component all databases of this file belong to (the backend
// checks it exists); each test uses its own app name.
const component = componentEntity(uniqueAppName('team-svc').replace(/_/g, '-'));
const entityRef = `component:default/${component.metadata.name}`;
const auditOf = async (target: RdsTestBackend, appName: string) =>
  (await fetchAudit(target.baseUrl, entityRef)).filter(
    a => a.appName === appName,
  );

// The action runs here against a real rds backend (engine on the test Postgres,
// Secrets Manager through the real AWS SDK) started on a random port.
describe('rds:provision', () => {
  let backend: RdsTestBackend;
  let approvingBackend: RdsTestBackend;
  let inspect: Inspector;

  beforeAll(async () => {
    [backend, approvingBackend] = await Promise.all([
      startRdsTestBackend({ entities: [component] }),
      startRdsTestBackend({ entities: [component], approve: true }),
    ]);
    inspect = new Inspector(readTestEnv());
  });
  afterAll(async () => {
    inspect?.close();
    await Promise.all([backend?.stop(), approvingBackend?.stop()]);
  });

  function createAction(target: RdsTestBackend = backend) {
    return createRdsProvisionAction({
      discovery: target.discovery,
      // Tokens the test backend accepts, issued on behalf of the task's initiator.
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
      config: mockServices.rootConfig({
        data: { app: { baseUrl: APP_BASE_URL } },
      }),
    });
  }

  function input(appName: string, extra: Record<string, unknown> = {}) {
    return {
      entityRef,
      appName,
      environment: 'dev',
      accessLevel: 'editor',
      ...extra,
    };
  }

  it('provisions a dev database, role and secret and reports it', async () => {
    const appName = uniqueAppName('pay');
    const { ctx, outputs, logLines } = actionContext(
      input(appName, { buildId: 'ci-17' }),
    );

    await createAction().handler(ctx as any);

    expect(outputs).toEqual({
      database: `${appName}_dev_db`,
      role: `${appName}_dev_user`,
      secretName: `rds/dev/${appName}`,
      secretArn: expect.stringContaining(`rds/dev/${appName}`),
      outcome: 'created',
      databaseTabUrl: `${APP_BASE_URL}/catalog/default/component/${component.metadata.name}/database`,
      databaseTabPath: `/catalog/default/component/${component.metadata.name}/database`,
    });

    const objects = await inspect.objectsOf(appName);
    expect(objects.databases).toEqual([`${appName}_dev_db`]);
    expect(objects.roles).toContain(`${appName}_dev_user`);

    // The secret works: connect as the created user and write data (editor).
    const secret = await inspect.readSecret(`rds/dev/${appName}`);
    expect(secret).toMatchObject({
      engine: 'postgres',
      username: `${appName}_dev_user`,
      dbname: `${appName}_dev_db`,
    });
    const user = await inspect.connectAs(
      `rds/dev/${appName}`,
      `${appName}_dev_db`,
    );
    await user.end();

    // No log line carries the password; they say what happened.
    const lines = logLines();
    expect(lines.join('\n')).not.toContain(String(secret!.password));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Provisioning a database for ${entityRef}`),
        expect.stringMatching(/^Outcome created: database /),
      ]),
    );

    // The audit row carries the task id as run id, the build id and the initiator.
    const [audit] = await auditOf(backend, appName);
    expect(audit).toMatchObject({
      runId: ctx.task.id,
      buildId: 'ci-17',
      actor: 'user:default/mock',
      environment: 'dev',
      database: `${appName}_dev_db`,
      outcome: 'created',
      dryRun: false,
    });
  });

  it('reports no_change on a second run and keeps the password', async () => {
    const appName = uniqueAppName('again');
    const action = createAction();
    await action.handler(actionContext(input(appName)).ctx as any);
    const before = await inspect.readSecret(`rds/dev/${appName}`);

    const second = actionContext(input(appName));
    await action.handler(second.ctx as any);

    expect(second.outputs.outcome).toBe('no_change');
    expect(await inspect.readSecret(`rds/dev/${appName}`)).toEqual(before);
    expect(second.logLines()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Outcome no_change/)]),
    );
  });

  it('rotates the password when asked', async () => {
    const appName = uniqueAppName('rot');
    const action = createAction();
    await action.handler(actionContext(input(appName)).ctx as any);
    const before = await inspect.readSecret(`rds/dev/${appName}`);

    const rotate = actionContext(input(appName, { rotatePassword: true }));
    await action.handler(rotate.ctx as any);

    const after = await inspect.readSecret(`rds/dev/${appName}`);
    expect(after!.password).not.toEqual(before!.password);
    expect(rotate.logLines().join('\n')).not.toContain(String(after!.password));
    const user = await inspect.connectAs(
      `rds/dev/${appName}`,
      `${appName}_dev_db`,
    );
    await user.end();
  });

  it('only plans in a dry run: logs the steps, sets outputs, changes nothing', async () => {
    const appName = uniqueAppName('plan');
    const { ctx, outputs, logLines } = actionContext(input(appName), {
      isDryRun: true,
    });

    await createAction().handler(ctx as any);

    expect(outputs).toMatchObject({
      database: `${appName}_dev_db`,
      role: `${appName}_dev_user`,
      secretName: `rds/dev/${appName}`,
      outcome: 'planned',
    });
    expect(outputs.secretArn).toBeUndefined();
    expect(logLines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Planning a database/),
        expect.stringMatching(/^Plan for database .* would change something/),
        expect.stringMatching(/^ {2}\[create\] /),
      ]),
    );
    expect(await inspect.objectsOf(appName)).toEqual({
      roles: [],
      databases: [],
      owners: {},
    });
    expect(await inspect.readSecret(`rds/dev/${appName}`)).toBeUndefined();
  });

  it('says in a dry run when a real run would be blocked (prod without approval)', async () => {
    const appName = uniqueAppName('planprod');
    const { ctx, outputs, logLines } = actionContext(
      input(appName, {
        environment: 'prod',
        justification: 'ledger moves off the shared cluster',
      }),
      { isDryRun: true },
    );

    await createAction().handler(ctx as any);

    expect(outputs).toMatchObject({
      database: `${appName}_prod_db`,
      outcome: 'blocked',
    });
    expect(logLines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}\[block\] approval /),
        expect.stringContaining('A real run would be blocked'),
      ]),
    );
    expect((await inspect.objectsOf(appName)).roles).toEqual([]);
  });

  it('plans with the dryRun input too', async () => {
    const appName = uniqueAppName('planin');
    const { ctx, outputs } = actionContext(input(appName, { dryRun: true }));

    await createAction().handler(ctx as any);

    expect(outputs.outcome).toBe('planned');
    expect((await inspect.objectsOf(appName)).roles).toEqual([]);
  });

  it('runs the provisioning inside a versioned checkpoint and replays a stored result', async () => {
    const appName = uniqueAppName('ckpt');
    const action = createAction();
    const stored = new Map<string, unknown>();
    // Like the scaffolder's checkpoint: run fn once, replay the stored value after a recovery.
    const checkpoint = jest.fn(async ({ key, fn }: any) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    });

    const first = actionContext(input(appName), { checkpoint } as any);
    await action.handler(first.ctx as any);
    const recovered = actionContext(input(appName), { checkpoint } as any);
    await action.handler(recovered.ctx as any);

    expect([...stored.keys()]).toEqual([`rds-provision-v1-dev-${appName}`]);
    expect(recovered.outputs).toEqual(first.outputs);
    expect(recovered.logLines()).toEqual(
      expect.arrayContaining([expect.stringContaining('already provisioned')]),
    );
    // The recovered run did not provision again: one audit row.
    expect(await auditOf(backend, appName)).toHaveLength(1);
  });

  describe('refuses bad input before anything changes', () => {
    it.each([
      [
        'Payments-App',
        /app name "Payments-App" must start with a lowercase letter/,
      ],
      ['pg_payments', /reserved/],
      ['a'.repeat(60), /too long/],
    ])('app name %s', async (appName, message) => {
      const { ctx } = actionContext(input(appName));
      await expect(createAction().handler(ctx as any)).rejects.toThrow(message);
      expect(
        await inspect.query('SELECT 1 FROM pg_roles WHERE rolname LIKE $1', [
          `${appName}%`,
        ]),
      ).toEqual([]);
    });

    it('an entity ref without a kind', async () => {
      const appName = uniqueAppName('ref');
      const { ctx } = actionContext(input(appName, { entityRef: 'payments' }));
      await expect(createAction().handler(ctx as any)).rejects.toThrow(
        /entityRef 'payments' is not an entity reference/,
      );
      expect((await inspect.objectsOf(appName)).roles).toEqual([]);
    });

    it('an unknown environment, listing the known ones', async () => {
      const appName = uniqueAppName('env');
      const { ctx } = actionContext(input(appName, { environment: 'staging' }));
      await expect(createAction().handler(ctx as any)).rejects.toThrow(
        "Unknown environment 'staging'; choose one of: dev, prod",
      );
    });

    it('an environment that needs approval without a justification', async () => {
      const appName = uniqueAppName('nojust');
      const { ctx } = actionContext(input(appName, { environment: 'prod' }));
      await expect(createAction().handler(ctx as any)).rejects.toThrow(
        "Environment 'prod' requires approval: give a justification",
      );
      expect((await inspect.objectsOf(appName)).roles).toEqual([]);
    });
  });

  it('fails with the backend message when prod is not approved', async () => {
    const appName = uniqueAppName('prodno');
    const { ctx } = actionContext(
      input(appName, {
        environment: 'prod',
        accessLevel: 'owner',
        justification: 'ledger moves off the shared cluster',
      }),
    );
    await expect(createAction().handler(ctx as any)).rejects.toThrow(
      /^Not allowed: .*prod/,
    );
    expect((await inspect.objectsOf(appName)).roles).toEqual([]);
  });

  it('provisions in prod when the policy approves, keeping the justification in the audit only', async () => {
    const appName = uniqueAppName('prodok');
    const { ctx, outputs, logLines } = actionContext(
      input(appName, {
        environment: 'prod',
        accessLevel: 'owner',
        buildId: 'ci-2931',
        justification: ' ledger moves off the shared cluster (CHG-2931) ',
      }),
    );
    await createAction(approvingBackend).handler(ctx as any);
    expect(outputs).toMatchObject({
      database: `${appName}_prod_db`,
      outcome: 'created',
    });
    expect((await inspect.objectsOf(appName)).databases).toEqual([
      `${appName}_prod_db`,
    ]);
    // Task log lines also reach the backend log: free text stays out of them.
    expect(logLines().join('\n')).not.toContain('CHG-2931');
    expect(await auditOf(approvingBackend, appName)).toEqual([
      expect.objectContaining({
        runId: ctx.task.id,
        buildId: 'ci-2931',
        justification: 'ledger moves off the shared cluster (CHG-2931)',
      }),
    ]);
  });

  it('fails with the guardrail message when the role exists unmanaged', async () => {
    const appName = uniqueAppName('taken');
    // Someone created the login role by hand: the platform must not take it over.
    await inspect.query(`CREATE ROLE ${appName}_dev_user LOGIN`);
    const { ctx } = actionContext(input(appName));

    await expect(createAction().handler(ctx as any)).rejects.toThrow(
      new RegExp(`${appName}_dev_user`),
    );
    const objects = await inspect.objectsOf(appName);
    expect(objects.roles).toEqual([`${appName}_dev_user`]);
    expect(objects.databases).toEqual([]);
    expect(await inspect.readSecret(`rds/dev/${appName}`)).toBeUndefined();
  });
});
