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
import { createRdsDecommissionAction } from './decommission';
import { decommissionExamples } from './decommission.examples';
import { createRdsProvisionAction } from './provision';

jest.setTimeout(60_000);

const payments = componentEntity('payments');
const suffix = randomBytes(3).toString('hex');
const app = `payments_dc${suffix}`;

/** The input of the example's single step, as its YAML says (app name suffixed). */
function exampleInput(index: number) {
  const input = exampleStepInput(
    decommissionExamples,
    index,
    'rds:decommission',
  );
  return { ...input, appName: app };
}

// Examples are documentation: each one runs here against a real rds backend.
describe('rds:decommission examples', () => {
  let backend: RdsTestBackend;
  let inspect: Inspector;
  const auth = mockServices.auth({ pluginId: 'scaffolder' });

  beforeAll(async () => {
    backend = await startRdsTestBackend({ entities: [payments] });
    inspect = new Inspector(readTestEnv());
    const client = new RdsBackendClient({ discovery: backend.discovery });
    const { ctx } = actionContext({
      entityRef: 'component:default/payments',
      appName: app,
      environment: 'dev',
      accessLevel: 'editor',
    });
    await createRdsProvisionAction({ client, auth }).handler(ctx as any);
  });
  afterAll(async () => {
    inspect?.close();
    await backend?.stop();
  });

  const action = () =>
    createRdsDecommissionAction({
      client: new RdsBackendClient({ discovery: backend.discovery }),
      auth,
    });

  it('example 1: retain keeps the database and disables the login', async () => {
    const { ctx, outputs } = actionContext(exampleInput(0));
    await action().handler(ctx as any);
    expect(outputs).toMatchObject({
      outcome: 'updated',
      outcomeLabel: 'Updated',
      policy: 'retain',
      database: `${app}_dev_db`,
      databaseTabPath: '/catalog/default/component/payments/database',
    });
    const [login] = await inspect.query(
      'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1',
      [`${app}_dev_user`],
    );
    expect(login.rolcanlogin).toBe(false);
    expect((await inspect.objectsOf(app)).databases).toEqual([`${app}_dev_db`]);
  });

  it('example 2: delete needs confirm, its dry run changes nothing, then it deletes', async () => {
    const { confirm: _confirm, ...unconfirmed } = exampleInput(1);
    await expect(
      action().handler(actionContext(unconfirmed).ctx as any),
    ).rejects.toThrow(/set confirm: true/);

    const dry = actionContext(unconfirmed, { isDryRun: true });
    await action().handler(dry.ctx as any);
    expect(dry.outputs.outcome).toBe('planned');
    expect((await inspect.objectsOf(app)).databases).toEqual([`${app}_dev_db`]);

    const { ctx, outputs, logLines } = actionContext(exampleInput(1));
    await action().handler(ctx as any);
    expect(outputs).toMatchObject({ outcome: 'deleted', policy: 'delete' });
    expect(typeof outputs.secretRestorableUntil).toBe('string');
    expect(await inspect.objectsOf(app)).toEqual(NO_OBJECTS);
    expect(logLines().some(l => l.includes('database.drop'))).toBe(true);
    // Scheduled for deletion: Secrets Manager refuses to read it until it is restored.
    await expect(inspect.readSecret(`rds/dev/${app}`)).rejects.toThrow(
      /marked for deletion/,
    );
  });
});
