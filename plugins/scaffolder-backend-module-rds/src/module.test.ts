import type { Entity } from '@backstage/catalog-model';
import { randomBytes } from 'node:crypto';
import { fetchAudit, Inspector, NO_OBJECTS } from './__testUtils__/inspect';
import { ScaffolderApi } from './__testUtils__/scaffolderApi';
import {
  componentEntity,
  loadRdsDatabaseTemplate,
  RdsTestBackend,
  startRdsTestBackend,
} from './__testUtils__/startRdsTestBackend';
import { readTestEnv } from './__testUtils__/testEnv';

jest.setTimeout(60_000);

const TEMPLATE = 'template:default/rds-database';
const suffix = randomBytes(4).toString('hex');
// Components this run registers in the catalog; names unique per run.
const plain = componentEntity(`svc-${suffix}`);
const annotated = componentEntity(`orders-service-${suffix}`, {
  'rds.platform/app-name': `orders_${suffix}`,
});
const other = componentEntity(`other-${suffix}`);
const prodComponent = componentEntity(`ledger-${suffix}`);
const dryRunComponent = componentEntity(`preview-${suffix}`);
const doubleClick = componentEntity(`double-${suffix}`);
const blockedComponent = componentEntity(`blocked-${suffix}`);
const ref = (name: string) => `component:default/${name}`;
/** The template's form for an editor database of `component` in dev, plus `values`. */
const devEditor = (component: Entity, values: Record<string, string> = {}) => ({
  component: ref(component.metadata.name),
  environment: 'dev',
  accessLevel: 'editor',
  ...values,
});

// Real tasks through the scaffolder's REST API: the scaffolder backend runs the
// real template (templates/rds-database/template.yaml, served by a catalog
// mock) with this module, against the rds backend on the test Postgres.
describe('the rds-database template in the scaffolder', () => {
  let backend: RdsTestBackend;
  let scaffolder: ScaffolderApi;
  let inspect: Inspector;

  beforeAll(async () => {
    backend = await startRdsTestBackend({
      scaffolder: true,
      entities: [
        plain,
        annotated,
        other,
        prodComponent,
        dryRunComponent,
        doubleClick,
        blockedComponent,
      ],
    });
    scaffolder = new ScaffolderApi(backend.baseUrl);
    inspect = new Inspector(readTestEnv());
  });
  afterAll(async () => {
    inspect?.close();
    await backend?.stop();
  });

  it('provisions the database of a component and links to its Database tab', async () => {
    const app = `svc_${suffix}`;
    const run = await scaffolder.runTask(TEMPLATE, {
      component: ref(plain.metadata.name),
      environment: 'dev',
      accessLevel: 'reader',
    });

    expect(run).toMatchObject({ status: 'completed' });
    expect(run.output!.links).toEqual([
      {
        title: 'Database tab',
        url: `/catalog/default/component/${plain.metadata.name}/database`,
      },
      {
        title: 'Open the component',
        icon: 'catalog',
        entityRef: ref(plain.metadata.name),
      },
    ]);
    const text = run.output!.text[0].content as string;
    // A table with a header that says something, the outcome as the Database tab says it.
    expect(text).toMatch(
      new RegExp(
        `^\\| Database \\| \`${app}_dev_db\` \\|\n\\|---\\|---\\|\n\\| Outcome \\| \\*\\*Created\\*\\* \\|\n`,
      ),
    );
    expect(text).not.toContain('| | |');
    expect(text).toContain(`\`${app}_dev_user\``);
    expect(text).toContain(`\`rds/dev/${app}\``);
    // How to connect, with the commands for the backend's Secrets Manager endpoint.
    const { adminUrl, secretsEndpoint } = readTestEnv();
    expect(text).toContain('#### Connect');
    expect(text).toContain(
      `| \`${adminUrl.hostname}\` | \`${adminUrl.port}\` | \`${app}_dev_db\` | \`${app}_dev_user\` |`,
    );
    expect(text).toContain(
      `aws secretsmanager get-secret-value --secret-id rds/dev/${app} --region us-east-1 ` +
        `--endpoint-url ${secretsEndpoint} --query SecretString --output text`,
    );
    expect(text).toMatch(
      /\| `arn:aws:secretsmanager:us-east-1:[^`]+` \| `us-east-1` \|/,
    );
    expect(text).toContain(
      `psql 'host=${adminUrl.hostname} port=${adminUrl.port} dbname=${app}_dev_db user=${app}_dev_user'`,
    );
    expect(text).toContain('ExternalSecret');
    // The output's links have the one "Database tab" link; the text names no second one.
    expect(text).not.toMatch(/\[[^\]]*database tab[^\]]*\]\(/i);
    // The local endpoint is no AWS console.
    expect(text).not.toContain('console.aws.amazon.com');

    // Postgres has the database and the role; the secret is real and works.
    const objects = await inspect.objectsOf(app);
    expect(objects.databases).toEqual([`${app}_dev_db`]);
    expect(objects.roles).toContain(`${app}_dev_user`);
    const secret = await inspect.readSecret(`rds/dev/${app}`);
    expect(secret).toMatchObject({
      engine: 'postgres',
      username: `${app}_dev_user`,
      dbname: `${app}_dev_db`,
    });
    const user = await inspect.connectAs(`rds/dev/${app}`, `${app}_dev_db`);
    await user.end();

    // The task log explains the run and never shows the password.
    expect(run.log.join('\n')).not.toContain(String(secret!.password));
    expect(run.log).toEqual(
      expect.arrayContaining([expect.stringContaining('Outcome Created')]),
    );

    // The audit history the Database tab shows: this task, this user.
    const audit = await fetchAudit(backend.baseUrl, ref(plain.metadata.name));
    expect(audit).toEqual([
      expect.objectContaining({
        runId: run.taskId,
        actor: 'user:default/mock',
        appName: app,
        environment: 'dev',
        accessLevel: 'reader',
        outcome: 'created',
        dryRun: false,
      }),
    ]);
  });

  it("derives the app name from the component's rds.platform/app-name annotation", async () => {
    const run = await scaffolder.runTask(TEMPLATE, {
      component: ref(annotated.metadata.name),
      environment: 'dev',
      accessLevel: 'owner',
    });
    expect(run.status).toBe('completed');
    expect((await inspect.objectsOf(`orders_${suffix}`)).databases).toEqual([
      `orders_${suffix}_dev_db`,
    ]);
  });

  it('uses an app name given in the form, and a second run changes nothing', async () => {
    const app = `custom_${suffix}`;
    const values = devEditor(other, { appName: app });
    const first = await scaffolder.runTask(TEMPLATE, values);
    const password = await inspect.readSecret(`rds/dev/${app}`);
    const second = await scaffolder.runTask(TEMPLATE, values);

    expect([first.status, second.status]).toEqual(['completed', 'completed']);
    expect(second.output!.text[0].content).toContain(
      '| Outcome | **No change** |',
    );
    // The second run keeps the password.
    expect(await inspect.readSecret(`rds/dev/${app}`)).toEqual(password);
    expect((await inspect.objectsOf(app)).databases).toEqual([`${app}_dev_db`]);
    const audit = await fetchAudit(backend.baseUrl, ref(other.metadata.name));
    expect(audit.map(a => [a.runId, a.outcome])).toEqual([
      [second.taskId, 'no_change'],
      [first.taskId, 'created'],
    ]);
  });

  it('rotates the password when the box is ticked', async () => {
    const app = `rotate_${suffix}`;
    const values = devEditor(other, { appName: app });
    expect((await scaffolder.runTask(TEMPLATE, values)).status).toBe(
      'completed',
    );
    const before = await inspect.readSecret(`rds/dev/${app}`);

    const run = await scaffolder.runTask(TEMPLATE, {
      ...values,
      rotatePassword: true,
    });

    expect(run.status).toBe('completed');
    const after = await inspect.readSecret(`rds/dev/${app}`);
    expect(after!.password).not.toEqual(before!.password);
    expect(run.log.join('\n')).not.toContain(String(after!.password));
    const user = await inspect.connectAs(`rds/dev/${app}`, `${app}_dev_db`);
    await user.end();
  });

  it('a double click: two tasks at once end with one creation and one no_change', async () => {
    const app = `double_${suffix}`;
    const values = devEditor(doubleClick);
    const runs = await Promise.all([
      scaffolder.runTask(TEMPLATE, values),
      scaffolder.runTask(TEMPLATE, values),
    ]);

    expect(runs.map(r => r.status)).toEqual(['completed', 'completed']);
    const audit = await fetchAudit(
      backend.baseUrl,
      ref(doubleClick.metadata.name),
    );
    expect(audit.map(a => a.outcome).sort()).toEqual(['created', 'no_change']);
    expect((await inspect.objectsOf(app)).databases).toEqual([`${app}_dev_db`]);
  });

  it('lists the action with a described schema and its examples on /v2/actions', async () => {
    const res = await fetch(`${backend.baseUrl}/api/scaffolder/v2/actions`);
    const action = (await res.json()).find(
      (a: any) => a.id === 'rds:provision',
    );

    expect(action.examples).toHaveLength(3);
    for (const side of ['input', 'output']) {
      const properties = Object.entries<any>(action.schema[side].properties);
      expect(properties.length).toBeGreaterThan(0);
      for (const [, property] of properties) {
        expect(property.description).toEqual(expect.any(String));
      }
    }
    // appName is optional: without it the backend uses the entity's.
    expect(action.schema.input.required).toEqual([
      'entityRef',
      'environment',
      'accessLevel',
    ]);
  });

  /** A dry run of the template (/v2/dry-run), which must answer 200: its log messages and summary. */
  const dryRunTemplate = async (values: Record<string, string>) => {
    const { status, body } = await scaffolder.dryRun(
      loadRdsDatabaseTemplate(),
      values,
    );
    expect(status).toBe(200);
    return {
      log: body.log.map((l: any) => l.body.message) as string[],
      summary: body.output.text[0].content as string,
    };
  };

  it('dry run (/v2/dry-run) returns the plan and leaves Postgres untouched', async () => {
    const app = `preview_${suffix}`;
    const { log, summary } = await dryRunTemplate(devEditor(dryRunComponent));

    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Plan for database ${app}_dev_db`),
        expect.stringMatching(/\[create\] /),
      ]),
    );
    expect(summary).toContain('| Outcome | **Planned** |');
    // Nothing to connect to yet.
    expect(summary).not.toContain('Connect');
    expect(await inspect.objectsOf(app)).toEqual(NO_OBJECTS);
    expect(await inspect.readSecret(`rds/dev/${app}`)).toBeUndefined();
  });

  it('dry run in prod without approval says a real run would be blocked, creating nothing', async () => {
    const app = `ledger_${suffix}`;
    const { log, summary } = await dryRunTemplate({
      component: ref(prodComponent.metadata.name),
      environment: 'prod',
      accessLevel: 'owner',
      justification: 'The ledger needs its own production database',
    });

    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}\[block\] approval /m),
        expect.stringContaining('A real run would be blocked'),
      ]),
    );
    expect(summary).toContain(`| Database | \`${app}_prod_db\` |`);
    expect(summary).toContain('| Outcome | **Blocked** |');
    expect((await inspect.objectsOf(app)).roles).toEqual([]);
  });

  /** A task of the template for an owner database of the prod component in prod. */
  const runProdOwner = (values: Record<string, string>) =>
    scaffolder.runTask(TEMPLATE, {
      component: ref(prodComponent.metadata.name),
      environment: 'prod',
      accessLevel: 'owner',
      ...values,
    });

  it('keeps a prod run without approval as a pending request, creating nothing', async () => {
    const app = `ledger_${suffix}`;
    const run = await runProdOwner({
      justification: 'The ledger needs its own production database',
    });

    // Not a failure: a second person approves it (plugins/rds-backend approval tests).
    expect(run.status).toBe('completed');
    expect(run.log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Pending approval: nothing was changed\. user:default\/mock can approve the request until /,
        ),
      ]),
    );
    // For the approvers: the request, who asked and why.
    const audit = await fetchAudit(
      backend.baseUrl,
      ref(prodComponent.metadata.name),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        runId: run.taskId,
        outcome: 'pending_approval',
        actor: 'user:default/mock',
        requestedBy: 'user:default/mock',
        environment: 'prod',
        justification: 'The ledger needs its own production database',
        steps: [
          expect.objectContaining({
            kind: 'approval',
            outcome: 'pending_approval',
            message: expect.stringContaining(
              'waiting for approval by user:default/mock',
            ),
          }),
        ],
      }),
    );
    expect(await inspect.objectsOf(app)).toEqual(NO_OBJECTS);
  });

  // Whether an environment needs a justification is config (requiresApproval),
  // which the template's JSON schema cannot know: the form's RdsJustification
  // field asks for it, and the action refuses a task that comes without.
  it('fails a prod run without a justification with the reason, creating nothing', async () => {
    const app = `ledger_${suffix}`;
    const run = await runProdOwner({});

    expect(run.status).toBe('failed');
    expect(run.log).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "Environment 'prod' requires approval: give a justification saying why the database is needed",
        ),
      ]),
    );
    expect(await inspect.objectsOf(app)).toEqual(NO_OBJECTS);
  });

  it('ends a blocked run with one sentence of cause and the fix, no stack trace, and keeps it in the history', async () => {
    const app = `taken_${suffix}`;
    // A database of the app's name that the platform did not create (the admin's own).
    await inspect.query(`CREATE DATABASE "${app}_dev_db"`);
    const owner = decodeURIComponent(readTestEnv().adminUrl.username);

    const run = await scaffolder.runTask(
      TEMPLATE,
      devEditor(blockedComponent, { appName: app }),
    );

    expect(run.status).toBe('failed');
    const headline = run.error!.message;
    expect(headline).toMatch(
      new RegExp(
        `^Blocked, nothing was changed: Database "${app}_dev_db" exists and is owned by "${owner}", ` +
          `not by the platform's owner role "${app}_dev_owner"\\. Fix: Choose another app name`,
      ),
    );
    // One sentence of cause, then the fix; the engine's explanation is in the log.
    expect(headline).not.toContain('does not take over');
    expect(headline).not.toContain('not run');
    const log = run.log.join('\n');
    expect(log).not.toMatch(/^\s+at /m);
    expect(log).not.toContain('not run: the run is blocked');
    expect(
      run.log.filter(line =>
        line.includes(`Blocked: database "${app}_dev_db" exists`),
      ),
    ).toHaveLength(1);
    expect(run.log).toContain(headline);
    // Nothing was created; the block is in the component's history.
    expect((await inspect.objectsOf(app)).roles).toEqual([]);
    const audit = await fetchAudit(
      backend.baseUrl,
      ref(blockedComponent.metadata.name),
    );
    expect(audit).toEqual([
      expect.objectContaining({
        runId: run.taskId,
        outcome: 'blocked',
        appName: app,
      }),
    ]);
  });

  it('refuses an invalid app name before creating a task', async () => {
    await expect(
      scaffolder.createTask(
        TEMPLATE,
        devEditor(other, { appName: 'Bad-Name' }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      body: {
        errors: [expect.objectContaining({ property: 'instance.appName' })],
      },
    });
    expect(
      await inspect.query("SELECT 1 FROM pg_roles WHERE rolname ILIKE 'bad%'"),
    ).toEqual([]);
  });
});
