import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  EnvironmentSummary,
  Plan,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import { actionContext } from '../__testUtils__/actionContext';
import type { RdsBackendApi } from '../client/RdsBackendClient';
import { createRdsProvisionAction } from './provision';

// The action's own glue: what it validates, what it asks the rds backend (a
// small client object answering as the backend would), and what it makes of
// the answers. What the backend does with a request is tested against the real
// one in module.test.ts and provision.examples.test.ts, and in the backend.

const APP_BASE_URL = 'http://localhost:3000';
const entityRef = 'component:default/payments-api';

const environments: EnvironmentSummary[] = [
  { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
  { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
];

/** What `POST /provision` answers for app `app` in `env`. */
function result(
  app = 'payments',
  env = 'dev',
  overrides: Partial<ProvisionResult> = {},
): ProvisionResult {
  return {
    runId: 'run-1',
    dryRun: false,
    outcome: 'created',
    environment: env,
    instance: `${env}-postgres`,
    database: `${app}_${env}_db`,
    role: `${app}_${env}_user`,
    accessLevel: 'editor',
    secretName: `rds/${env}/${app}`,
    secretArn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:rds/${env}/${app}-AbCdEf`,
    connection: {
      host: `${env}-postgres.internal`,
      port: 5432,
      database: `${app}_${env}_db`,
      user: `${app}_${env}_user`,
      secretName: `rds/${env}/${app}`,
      secretArn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:rds/${env}/${app}-AbCdEf`,
      region: 'us-east-1',
      secretsManagerEndpoint: 'http://127.0.0.1:4566',
    },
    steps: [
      {
        id: 'login',
        kind: 'role',
        target: `${app}_${env}_user`,
        outcome: 'created',
      },
      {
        id: 'database',
        kind: 'database',
        target: `${app}_${env}_db`,
        outcome: 'created',
      },
    ],
    ...overrides,
  };
}

/** What `POST /plan` answers for app `app` in `env`. */
function plan(app = 'payments', env = 'dev', overrides: Partial<Plan> = {}) {
  const answer: Plan = {
    request: { appName: app, environment: env, accessLevel: 'editor' },
    instance: `${env}-postgres`,
    database: `${app}_${env}_db`,
    role: `${app}_${env}_user`,
    secretName: `rds/${env}/${app}`,
    steps: [
      {
        id: 'database',
        kind: 'database',
        target: `${app}_${env}_db`,
        action: 'create',
        sql: [`CREATE DATABASE "${app}_${env}_db" OWNER "${app}_${env}_owner"`],
        reason: 'database does not exist',
      },
      {
        id: 'grants',
        kind: 'grants',
        target: `${app}_${env}_db`,
        action: 'none',
        sql: [],
        reason: '',
      },
    ],
    blocked: false,
    drift: [],
    ...overrides,
  };
  return answer;
}

/** A client answering as the rds backend would, recording every call. */
function testClient(
  overrides: Partial<RdsBackendApi> = {},
): jest.Mocked<RdsBackendApi> {
  return {
    listEnvironments: jest.fn(async () => environments),
    plan: jest.fn(async () => plan()),
    provision: jest.fn(async () => result()),
    ...overrides,
  } as jest.Mocked<RdsBackendApi>;
}

function setup(overrides: Partial<RdsBackendApi> = {}) {
  const client = testClient(overrides);
  const auth = mockServices.auth({ pluginId: 'scaffolder' });
  const tokens = jest.spyOn(auth, 'getPluginRequestToken');
  const action = createRdsProvisionAction({
    client,
    auth,
    config: mockServices.rootConfig({
      data: { app: { baseUrl: APP_BASE_URL } },
    }),
  });
  return { client, action, tokens };
}

function input(extra: Record<string, unknown> = {}) {
  return {
    entityRef,
    appName: 'payments',
    environment: 'dev',
    accessLevel: 'editor',
    ...extra,
  };
}

/** The token the action gets for the rds backend on behalf of the task's user. */
const userToken = mockCredentials.service.token({
  onBehalfOf: mockCredentials.user(),
  targetPluginId: 'rds',
});

describe('rds:provision', () => {
  it('provisions through the backend on behalf of the task’s user and outputs its answer', async () => {
    const { client, action, tokens } = setup();
    const { ctx, outputs, logLines } = actionContext(
      input({ buildId: 'ci-17' }),
    );

    await action.handler(ctx as any);

    // The initiator of the task, for the rds backend: it checks their
    // permissions and records them as the actor.
    expect(tokens).toHaveBeenCalledWith({
      onBehalfOf: mockCredentials.user(),
      targetPluginId: 'rds',
    });
    expect(client.listEnvironments).toHaveBeenCalledWith(userToken);
    expect(client.provision).toHaveBeenCalledWith(
      {
        appName: 'payments',
        environment: 'dev',
        accessLevel: 'editor',
        entityRef,
        buildId: 'ci-17',
        // The task id is the run id of the audit record.
        runId: ctx.task.id,
      },
      userToken,
    );
    expect(client.plan).not.toHaveBeenCalled();

    expect(outputs).toEqual({
      database: 'payments_dev_db',
      role: 'payments_dev_user',
      secretName: 'rds/dev/payments',
      secretArn: expect.stringContaining('rds/dev/payments'),
      outcome: 'created',
      outcomeLabel: 'Created',
      connect: expect.objectContaining({
        host: 'dev-postgres.internal',
        port: 5432,
      }),
      databaseTabUrl: `${APP_BASE_URL}/catalog/default/component/payments-api/database`,
      databaseTabPath: '/catalog/default/component/payments-api/database',
    });

    // The log says what happened, step by step, in the Database tab's words.
    expect(logLines()).toEqual([
      `Provisioning a database for ${entityRef}: app payments, environment dev (instance dev-postgres), access editor, build ci-17`,
      'Outcome Created: database payments_dev_db, role payments_dev_user (editor), credentials in secret rds/dev/payments',
      '  role payments_dev_user: Created',
      '  database payments_dev_db: Created',
    ]);
  });

  it('outputs how to connect, with commands for the local Secrets Manager endpoint', async () => {
    const { action } = setup();
    const { ctx, outputs } = actionContext(input());

    await action.handler(ctx as any);

    const readSecret =
      'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws secretsmanager get-secret-value ' +
      '--secret-id rds/dev/payments --region us-east-1 --endpoint-url http://127.0.0.1:4566 ' +
      '--query SecretString --output text';
    expect(outputs.connect).toEqual({
      host: 'dev-postgres.internal',
      port: 5432,
      database: 'payments_dev_db',
      user: 'payments_dev_user',
      secretName: 'rds/dev/payments',
      secretArn:
        'arn:aws:secretsmanager:us-east-1:000000000000:secret:rds/dev/payments-AbCdEf',
      region: 'us-east-1',
      secretsManagerEndpoint: 'http://127.0.0.1:4566',
      readSecretCommand: readSecret,
      psqlCommand: `PGPASSWORD="$(${readSecret} | jq -r .password)" psql 'host=dev-postgres.internal port=5432 dbname=payments_dev_db user=payments_dev_user'`,
    });
  });

  it('outputs how to connect on AWS: the region, no endpoint or placeholder keys, and the console link', async () => {
    const { action } = setup({
      provision: jest.fn(async () => {
        const answer = result('payments', 'prod');
        const { secretsManagerEndpoint: _, ...onAws } = answer.connection!;
        return {
          ...answer,
          connection: {
            ...onAws,
            region: 'eu-west-1',
            secretName: 'rds/prod/pay ments',
          },
        };
      }),
    });
    const { ctx, outputs } = actionContext(
      input({ environment: 'prod', justification: 'Ledger moves (CHG-7)' }),
    );

    await action.handler(ctx as any);

    expect(outputs.connect).toMatchObject({
      readSecretCommand:
        "aws secretsmanager get-secret-value --secret-id 'rds/prod/pay ments' --region eu-west-1 " +
        '--query SecretString --output text',
      consoleUrl:
        'https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=rds%2Fprod%2Fpay%20ments&region=eu-west-1',
    });
    expect(outputs.connect).not.toHaveProperty('secretsManagerEndpoint');
  });

  it('leaves the app name to the backend when the input has none, and outputs the names it used', async () => {
    const { client, action } = setup({
      provision: jest.fn(async () => result('ledger')),
    });
    const stored = new Map<string, unknown>();
    const checkpoint = jest.fn(async ({ key, fn }: any) => {
      stored.set(key, await fn());
      return stored.get(key);
    });
    const { appName: _, ...withoutAppName } = input();
    const { ctx, outputs, logLines } = actionContext(withoutAppName, {
      checkpoint,
    } as any);

    await action.handler(ctx as any);

    const [body] = client.provision.mock.calls[0];
    expect(body).not.toHaveProperty('appName');
    expect(body).toMatchObject({ entityRef, environment: 'dev' });
    expect(outputs).toMatchObject({
      database: 'ledger_dev_db',
      role: 'ledger_dev_user',
      secretName: 'rds/dev/ledger',
    });
    expect(logLines()[0]).toBe(
      `Provisioning a database for ${entityRef}: the entity's app name, environment dev (instance dev-postgres), access editor`,
    );
    expect([...stored.keys()]).toEqual([`rds-provision-v1-dev-${entityRef}`]);
  });

  it('reports no_change when the backend changed nothing', async () => {
    const { action } = setup({
      provision: jest.fn(async () =>
        result('payments', 'dev', {
          outcome: 'no_change',
          steps: [
            {
              id: 'database',
              kind: 'database',
              target: 'payments_dev_db',
              outcome: 'no_change',
            },
          ],
        }),
      ),
    });
    const { ctx, outputs, logLines } = actionContext(input());

    await action.handler(ctx as any);

    expect(outputs.outcome).toBe('no_change');
    expect(outputs.outcomeLabel).toBe('No change');
    expect(logLines()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Outcome No change:/)]),
    );
  });

  it('asks for a new password only when told to', async () => {
    const { client, action } = setup();

    await action.handler(actionContext(input()).ctx as any);
    await action.handler(
      actionContext(input({ rotatePassword: true })).ctx as any,
    );
    await action.handler(
      actionContext(input({ rotatePassword: false })).ctx as any,
    );

    const bodies = client.provision.mock.calls.map(([body]) => body);
    expect(bodies[0]).not.toHaveProperty('rotatePassword');
    expect(bodies[1]).toMatchObject({ rotatePassword: true });
    expect(bodies[2]).not.toHaveProperty('rotatePassword');
  });

  it('only plans in a dry run: logs the steps, sets outputs, provisions nothing', async () => {
    const { client, action } = setup();
    const checkpoint = jest.fn();
    const { ctx, outputs, logLines } = actionContext(input(), {
      isDryRun: true,
      checkpoint,
    } as any);

    await action.handler(ctx as any);

    expect(client.plan).toHaveBeenCalledWith(
      {
        appName: 'payments',
        environment: 'dev',
        accessLevel: 'editor',
        entityRef,
      },
      userToken,
    );
    expect(client.provision).not.toHaveBeenCalled();
    expect(checkpoint).not.toHaveBeenCalled();
    expect(outputs).toEqual({
      database: 'payments_dev_db',
      role: 'payments_dev_user',
      secretName: 'rds/dev/payments',
      outcome: 'planned',
      outcomeLabel: 'Planned',
      databaseTabUrl: `${APP_BASE_URL}/catalog/default/component/payments-api/database`,
      databaseTabPath: '/catalog/default/component/payments-api/database',
    });
    expect(outputs.secretArn).toBeUndefined();
    expect(logLines()).toEqual([
      `Planning a database for ${entityRef}: app payments, environment dev (instance dev-postgres), access editor`,
      'Plan for database payments_dev_db (role payments_dev_user) on instance dev-postgres: 2 steps, 1 would change something',
      '  [create] database payments_dev_db - database does not exist',
      '      CREATE DATABASE "payments_dev_db" OWNER "payments_dev_owner"',
      '  [none] grants payments_dev_db',
    ]);
  });

  it('says in a dry run when a real run would be blocked', async () => {
    const { action } = setup({
      plan: jest.fn(async () =>
        plan('payments', 'prod', {
          blocked: true,
          steps: [
            {
              id: 'approval',
              kind: 'approval',
              target: 'prod',
              action: 'block',
              sql: [],
              reason: 'environment "prod" requires explicit approval',
            },
          ],
        }),
      ),
    });
    const { ctx, outputs, logLines } = actionContext(
      input({
        environment: 'prod',
        justification: 'ledger moves off the shared cluster',
      }),
      { isDryRun: true },
    );

    await action.handler(ctx as any);

    expect(outputs).toMatchObject({
      database: 'payments_prod_db',
      outcome: 'blocked',
    });
    expect(logLines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/, approval required$/),
        expect.stringMatching(/^ {2}\[block\] approval /),
        'A real run would be blocked; see the blocked step above for what to fix',
      ]),
    );
  });

  it('plans with the dryRun input too', async () => {
    const { client, action } = setup();
    const { ctx, outputs } = actionContext(input({ dryRun: true }));

    await action.handler(ctx as any);

    expect(outputs.outcome).toBe('planned');
    expect(client.plan).toHaveBeenCalledTimes(1);
    expect(client.provision).not.toHaveBeenCalled();
  });

  it('runs the provisioning inside a versioned checkpoint and replays a stored result', async () => {
    const { client, action } = setup();
    const stored = new Map<string, unknown>();
    // Like the scaffolder's checkpoint: run fn once, replay the stored value after a recovery.
    const checkpoint = jest.fn(async ({ key, fn }: any) => {
      if (!stored.has(key)) stored.set(key, await fn());
      return stored.get(key);
    });

    const first = actionContext(input(), { checkpoint } as any);
    await action.handler(first.ctx as any);
    const recovered = actionContext(input(), { checkpoint } as any);
    await action.handler(recovered.ctx as any);

    expect([...stored.keys()]).toEqual(['rds-provision-v1-dev-payments']);
    expect(recovered.outputs).toEqual(first.outputs);
    expect(recovered.logLines()).toEqual(
      expect.arrayContaining([
        'This task already provisioned payments_dev_db before it was recovered (outcome created); not running again',
      ]),
    );
    // The recovered run did not provision again.
    expect(client.provision).toHaveBeenCalledTimes(1);
  });

  // The engine's words for a database someone else owns (rds-node's guardrails.ts).
  const foreignDatabase =
    'database "payments_dev_db" exists and is owned by "legacy_dba", not by the platform\'s owner role ' +
    '"payments_dev_owner". The platform does not take over databases it did not create, so nothing was ' +
    'changed. Fix: choose another app name; or, if the platform should own this database, have ' +
    '"legacy_dba" rename or drop it when it is not in use, then re-run.';
  const oneSentenceAndTheFix =
    'Blocked, nothing was changed: Database "payments_dev_db" exists and is owned by "legacy_dba", not ' +
    'by the platform\'s owner role "payments_dev_owner". Fix: Choose another app name; or, if the ' +
    'platform should own this database, have "legacy_dba" rename or drop it when it is not in use, then re-run.';

  it.each([
    [
      'failed',
      result('payments', 'dev', {
        outcome: 'failed',
        error: 'connect ECONNREFUSED 10.0.0.5:5432',
      }),
      'Provisioning failed: connect ECONNREFUSED 10.0.0.5:5432',
    ],
    [
      'blocked',
      result('payments', 'dev', {
        outcome: 'blocked',
        steps: [
          {
            id: 'login',
            kind: 'role',
            target: 'payments_dev_user',
            outcome: 'blocked',
            message: 'not run: the run is blocked (role does not exist)',
          },
          {
            id: 'database',
            kind: 'database',
            target: 'payments_dev_db',
            outcome: 'blocked',
            message: foreignDatabase,
          },
        ],
      }),
      oneSentenceAndTheFix,
    ],
  ])(
    'fails the step on a %s result, inside the checkpoint so that a retry runs again, without a stack trace',
    async (_outcome, answer, message) => {
      const { action } = setup({ provision: jest.fn(async () => answer) });
      const stored = new Map<string, unknown>();
      const checkpoint = jest.fn(async ({ key, fn }: any) => {
        stored.set(key, await fn());
        return stored.get(key);
      });
      const { ctx, outputs, logLines } = actionContext(input(), {
        checkpoint,
      } as any);

      const error = await action.handler(ctx as any).catch(e => e);

      expect(error.message).toBe(message);
      // The scaffolder logs a failed step's stack: it is the message alone.
      expect(error.stack).toBe(message);
      expect(stored.size).toBe(0);
      expect(outputs).toEqual({});
      expect(logLines()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(
              `^Outcome ${answer.outcome === 'failed' ? 'Failed' : 'Blocked'}:`,
            ),
          ),
        ]),
      );
    },
  );

  it('ends a blocked run (409) with one sentence of cause and the fix; the whole message is logged once', async () => {
    const { action } = setup({
      provision: jest.fn(async () => {
        throw new ConflictError(
          `${foreignDatabase}\nsecret "rds/dev/payments" exists but is not managed by the platform. Fix: choose another app name.`,
        );
      }),
    });
    const { ctx, logLines } = actionContext(input());

    const error = await action.handler(ctx as any).catch(e => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      `${oneSentenceAndTheFix} (1 more block in the log.)`,
    );
    expect(error.stack).toBe(error.message);
    expect(logLines()).toEqual([
      expect.stringMatching(/^Provisioning a database/),
      `Blocked: ${foreignDatabase}`,
      'Blocked: secret "rds/dev/payments" exists but is not managed by the platform. Fix: choose another app name.',
    ]);
  });

  it.each([
    [
      new NotAllowedError(
        "Environment 'prod' requires approval (rds.environments.prod.requiresApproval is true)",
      ),
      "Not allowed: Environment 'prod' requires approval (rds.environments.prod.requiresApproval is true)",
    ],
    [
      new InputError(
        "entityRef 'component:default/payments-api' was not found in the catalog",
      ),
      "The rds backend rejected the request: entityRef 'component:default/payments-api' was not found in the catalog",
    ],
  ])(
    'fails with the backend’s refusal, saying who refused, without a stack trace: $message',
    async (refusal, message) => {
      const { action } = setup({
        provision: jest.fn(async () => {
          throw refusal;
        }),
      });
      const { ctx, outputs } = actionContext(input());

      const error = await action.handler(ctx as any).catch(e => e);

      expect(error).toBeInstanceOf(refusal.constructor);
      expect(error.message).toBe(message);
      expect(error.stack).toBe(message);
      expect(outputs).toEqual({});
    },
  );

  it('passes other errors on as they are, with their stack', async () => {
    const failure = new Error(
      'The rds backend failed on POST /provision (HTTP 500): boom',
    );
    const { action } = setup({
      provision: jest.fn(async () => {
        throw failure;
      }),
    });

    await expect(
      action.handler(actionContext(input()).ctx as any),
    ).rejects.toBe(failure);
  });

  it('says whether this user holds the approval an environment requires', async () => {
    const { action } = setup({
      listEnvironments: jest.fn(async () => [
        {
          name: 'prod',
          instance: 'prod-postgres',
          requiresApproval: true,
          approvalRequiredForYou: false,
        },
      ]),
    });
    const { ctx, logLines } = actionContext(
      input({ environment: 'prod', justification: 'Ledger moves (CHG-7)' }),
    );

    await action.handler(ctx as any);

    expect(logLines()[0]).toMatch(/, approval required \(you may approve\)$/);
  });

  it('sends the justification trimmed, for the audit record only', async () => {
    const { client, action } = setup({
      provision: jest.fn(async () =>
        result('payments', 'prod', { accessLevel: 'owner' }),
      ),
    });
    const { ctx, outputs, logLines } = actionContext(
      input({
        environment: 'prod',
        accessLevel: 'owner',
        buildId: 'ci-2931',
        justification: ' ledger moves off the shared cluster (CHG-2931) ',
      }),
    );

    await action.handler(ctx as any);

    expect(client.provision).toHaveBeenCalledWith(
      expect.objectContaining({
        environment: 'prod',
        buildId: 'ci-2931',
        justification: 'ledger moves off the shared cluster (CHG-2931)',
        runId: ctx.task.id,
      }),
      userToken,
    );
    expect(outputs).toMatchObject({
      database: 'payments_prod_db',
      outcome: 'created',
    });
    // Task log lines also reach the backend log: free text stays out of them.
    expect(logLines().join('\n')).not.toContain('CHG-2931');
    expect(logLines()).toEqual(
      expect.arrayContaining([
        'A justification was given; it is kept in the audit record of the run',
      ]),
    );
  });

  describe('refuses bad input before asking the backend anything', () => {
    it.each([
      [
        'Payments-App',
        /app name "Payments-App" must start with a lowercase letter/,
      ],
      ['pg_payments', /reserved/],
      ['a'.repeat(60), /too long/],
    ])('app name %s', async (appName, message) => {
      const { client, action } = setup();
      const { ctx } = actionContext(input({ appName }));

      await expect(action.handler(ctx as any)).rejects.toThrow(message);
      expect(client.listEnvironments).not.toHaveBeenCalled();
      expect(client.provision).not.toHaveBeenCalled();
    });

    it('an entity ref without a kind', async () => {
      const { client, action } = setup();
      const { ctx } = actionContext(input({ entityRef: 'payments' }));

      await expect(action.handler(ctx as any)).rejects.toThrow(
        /entityRef 'payments' is not an entity reference/,
      );
      expect(client.listEnvironments).not.toHaveBeenCalled();
    });

    it('an unknown environment, listing the known ones', async () => {
      const { client, action } = setup();
      const { ctx } = actionContext(input({ environment: 'staging' }));

      await expect(action.handler(ctx as any)).rejects.toThrow(
        "Unknown environment 'staging'; choose one of: dev, prod",
      );
      expect(client.plan).not.toHaveBeenCalled();
      expect(client.provision).not.toHaveBeenCalled();
    });

    it.each([undefined, '   '])(
      'an environment that needs approval without a justification (%j)',
      async justification => {
        const { client, action } = setup();
        const { ctx } = actionContext(
          input({ environment: 'prod', justification }),
        );

        await expect(action.handler(ctx as any)).rejects.toThrow(
          "Environment 'prod' requires approval: give a justification saying why the database is needed",
        );
        expect(client.plan).not.toHaveBeenCalled();
        expect(client.provision).not.toHaveBeenCalled();
      },
    );

    it('asks for a justification by requiresApproval, not by the environment’s name', async () => {
      const { client, action } = setup({
        listEnvironments: jest.fn(async () => [
          { name: 'dev', instance: 'dev-postgres', requiresApproval: true },
          { name: 'prod', instance: 'prod-postgres', requiresApproval: false },
        ]),
      });

      await expect(
        action.handler(actionContext(input()).ctx as any),
      ).rejects.toThrow("Environment 'dev' requires approval");
      await action.handler(
        actionContext(input({ environment: 'prod' })).ctx as any,
      );
      expect(client.provision).toHaveBeenCalledTimes(1);
    });
  });
});

describe('rds:provision in an environment that requires approval', () => {
  it('finishes with pending_approval and the request’s link when the backend keeps the run as a request', async () => {
    const pending = result('payments', 'prod', {
      outcome: 'pending_approval',
      secretArn: undefined,
      connection: undefined,
      steps: [
        {
          id: 'approval',
          kind: 'approval',
          target: 'prod',
          outcome: 'pending_approval',
          message: 'waiting for approval by group:default/platform-team',
        },
      ],
      approvalRequest: {
        id: '7d1c2a9e-0000-4000-8000-000000000001',
        path: '/rds/requests?id=7d1c2a9e-0000-4000-8000-000000000001',
        expiresAt: '2026-12-09T00:00:00.000Z',
        planHash: 'a'.repeat(64),
        approvers: ['group:default/platform-team'],
      },
    });
    const { action } = setup({ provision: jest.fn(async () => pending) });
    const { ctx, outputs, logLines } = actionContext(
      input({ environment: 'prod', justification: 'Ledger (CHG-9)' }),
    );

    await action.handler(ctx as any);

    expect(outputs).toMatchObject({
      outcome: 'pending_approval',
      outcomeLabel: 'Pending approval',
      approvalRequestPath:
        '/rds/requests?id=7d1c2a9e-0000-4000-8000-000000000001',
      approvalRequestUrl: `${APP_BASE_URL}/rds/requests?id=7d1c2a9e-0000-4000-8000-000000000001`,
    });
    expect(outputs.connect).toBeUndefined();
    expect(logLines()).toContain(
      `Pending approval: nothing was changed. group:default/platform-team can approve the request until 2026-12-09T00:00:00.000Z: ${APP_BASE_URL}/rds/requests?id=7d1c2a9e-0000-4000-8000-000000000001`,
    );
  });
});
