import { mockServices } from '@backstage/backend-test-utils';
import { randomBytes } from 'node:crypto';
import { actionContext } from '../__testUtils__/actionContext';
import { exampleStepInput } from '../__testUtils__/exampleInput';
import { Inspector, NO_OBJECTS } from '../__testUtils__/inspect';
import {
  componentEntity,
  RdsTestBackend,
  startRdsTestBackend,
} from '../__testUtils__/startRdsTestBackend';
import { readTestEnv } from '../__testUtils__/testEnv';
import { RdsBackendClient } from '../client/RdsBackendClient';
import { createRdsProvisionAction } from './provision';
import { examples } from './provision.examples';

jest.setTimeout(60_000);

// The component the examples name.
const payments = componentEntity('payments');

// Other test files may run on the same Postgres at the same time, so the app
// name gets a per-run suffix; everything else is the example's YAML as written.
const suffix = randomBytes(3).toString('hex');

/** The input of the example's single step, as its YAML says (app name suffixed). */
function exampleInput(index: number) {
  const input = exampleStepInput(examples, index, 'rds:provision');
  return { ...input, appName: `${input.appName}_${suffix}` };
}
const app = (name: string) => `${name}_${suffix}`;

// Examples are documentation: each one runs here against a real rds backend.
describe('rds:provision examples', () => {
  let backend: RdsTestBackend;
  let approvingBackend: RdsTestBackend;
  let inspect: Inspector;

  beforeAll(async () => {
    [backend, approvingBackend] = await Promise.all([
      startRdsTestBackend({ entities: [payments] }),
      startRdsTestBackend({ entities: [payments], approve: true }),
    ]);
    inspect = new Inspector(readTestEnv());
  });
  afterAll(async () => {
    inspect?.close();
    await Promise.all([backend?.stop(), approvingBackend?.stop()]);
  });

  const action = (target: RdsTestBackend) =>
    createRdsProvisionAction({
      client: new RdsBackendClient({ discovery: target.discovery }),
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });

  it('has the three documented examples', () => {
    expect(examples.map(e => e.description)).toEqual([
      expect.stringContaining('dev database'),
      expect.stringContaining('prod database'),
      expect.stringContaining('change nothing'),
    ]);
  });

  it('example 1: a dev editor database', async () => {
    const { ctx, outputs } = actionContext(exampleInput(0));
    await action(backend).handler(ctx as any);
    expect(outputs).toMatchObject({
      database: `${app('payments')}_dev_db`,
      role: `${app('payments')}_dev_user`,
      secretName: `rds/dev/${app('payments')}`,
      outcome: 'created',
      databaseTabUrl: '/catalog/default/component/payments/database',
    });
    expect(
      await inspect.readSecret(`rds/dev/${app('payments')}`),
    ).toMatchObject({
      username: `${app('payments')}_dev_user`,
    });
  });

  it('example 2: without approval a prod owner database is a pending request, nothing created', async () => {
    const { ctx, outputs } = actionContext(exampleInput(1));
    await action(backend).handler(ctx as any);
    expect(outputs).toMatchObject({
      outcome: 'pending_approval',
      approvalRequestPath: expect.stringMatching(/^\/rds\/requests\?id=/),
    });
    expect((await inspect.objectsOf(app('payments'))).databases).not.toContain(
      `${app('payments')}_prod_db`,
    );
  });

  it('example 2: a prod owner database with approval', async () => {
    const { ctx, outputs } = actionContext(exampleInput(1));
    await action(approvingBackend).handler(ctx as any);
    expect(outputs).toMatchObject({
      database: `${app('payments')}_prod_db`,
      outcome: 'created',
    });
    const [audit] = await fetch(
      `${approvingBackend.baseUrl}/api/rds/entities/${encodeURIComponent(
        'component:default/payments',
      )}/audit?environment=prod`,
    )
      .then(r => r.json())
      .then(b => b.items);
    expect(audit).toMatchObject({
      buildId: 'ci-2931',
      runId: ctx.task.id,
      justification:
        'Payments moves its ledger off the shared cluster (CHG-1042)',
    });
  });

  it('example 3: a dry run plans and changes nothing', async () => {
    const { ctx, outputs, logLines } = actionContext(exampleInput(2));
    await action(backend).handler(ctx as any);
    expect(outputs).toMatchObject({
      database: `${app('payments_reports')}_dev_db`,
      outcome: 'planned',
    });
    expect(logLines().some(l => l.startsWith('Plan for database'))).toBe(true);
    expect(await inspect.objectsOf(app('payments_reports'))).toEqual(
      NO_OBJECTS,
    );
  });
});
