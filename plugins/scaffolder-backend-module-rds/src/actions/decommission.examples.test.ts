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
import { createRdsDecommissionAction } from './decommission';
import { decommissionExamples } from './decommission.examples';
import { createRdsProvisionAction } from './provision';

jest.setTimeout(60_000);

const examples = examplesOf(decommissionExamples, 'rds:decommission');
/** The app both examples decommission; beforeAll provisions it. */
const app = examples.app('payments');

// Examples are documentation: each one runs here against a real rds backend.
describe('rds:decommission examples', () => {
  let backend: RdsTestBackend;
  let inspect: Inspector;
  const auth = mockServices.auth({ pluginId: 'scaffolder' });

  beforeAll(async () => {
    backend = await startRdsTestBackend({ entities: [EXAMPLE_COMPONENT] });
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
    const { ctx, outputs } = actionContext(examples.input(0));
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
    const { confirm: _confirm, ...unconfirmed } = examples.input(1);
    await expect(
      action().handler(actionContext(unconfirmed).ctx as any),
    ).rejects.toThrow(/set confirm: true/);

    const dry = actionContext(unconfirmed, { isDryRun: true });
    await action().handler(dry.ctx as any);
    expect(dry.outputs.outcome).toBe('planned');
    expect((await inspect.objectsOf(app)).databases).toEqual([`${app}_dev_db`]);

    const { ctx, outputs, logLines } = actionContext(examples.input(1));
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
