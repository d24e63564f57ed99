import { mockServices } from '@backstage/backend-test-utils';
import { actionContext } from '../__testUtils__/actionContext';
import { EXAMPLE_COMPONENT, examplesOf } from '../__testUtils__/exampleInput';
import { Inspector, NO_OBJECTS } from '../__testUtils__/inspect';
import {
  RdsTestBackend,
  startRdsTestBackend,
} from '../__testUtils__/startRdsTestBackend';
import { readTestEnv } from '../__testUtils__/testEnv';
import { RdsBackendClient } from '../client/RdsBackendClient';
import { createRdsProvisionAction } from './provision';
import { examples } from './provision.examples';

jest.setTimeout(60_000);

const { app, input: exampleInput } = examplesOf(examples, 'rds:provision');

// Examples are documentation: each one runs here against a real rds backend.
describe('rds:provision examples', () => {
  let backend: RdsTestBackend;
  let approvingBackend: RdsTestBackend;
  let inspect: Inspector;

  beforeAll(async () => {
    [backend, approvingBackend] = await Promise.all([
      startRdsTestBackend({ entities: [EXAMPLE_COMPONENT] }),
      startRdsTestBackend({ entities: [EXAMPLE_COMPONENT], approve: true }),
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
