import { createServer, type AddressInfo, type Socket } from 'node:net';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  startLocalSecretsManager,
  type LocalSecretsManager,
} from '@internal/local-secrets-manager';
import type { StepEvent } from '../apply/executeSteps';
import type { RdsEnvironment } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createSecretsManagerClient } from '../secrets/client';
import { appLockHolder } from '../__testUtils__/appLock';
import {
  appSessionUser,
  asSuper,
  changedSteps,
  describeOnTargets,
  readAppSecret,
  recordingLogger,
  rolesNamed,
  stepOutcome,
  testEnvironment,
  testSecretsClient,
  type TestTarget,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

jest.setTimeout(30_000);

const ctx = { runId: 'faults', actor: 'user:default/test' };

/** Terminates the admin session holding this app's advisory lock (and only that one). */
async function killLockHolder(
  target: TestTarget,
  environment: RdsEnvironment,
  app: string,
) {
  const pid = await appLockHolder(target, environment, app);
  const rows = await asSuper(
    target,
    'SELECT pg_terminate_backend($1) AS killed',
    [pid],
  );
  expect(rows).toEqual([{ killed: true }]);
}

describeOnTargets('faults', target => {
  const env = uniqueEnv('ft');
  let sm: LocalSecretsManager;
  let secretsManager: ReturnType<typeof testSecretsClient>;
  const logger = recordingLogger();
  const environment = testEnvironment(target, { name: env });
  const engine = (options: { maxAttempts?: number } = {}) =>
    new RdsProvisioner({ environment, secretsManager, logger, ...options });
  const outputs: unknown[] = [];
  const passwords: string[] = [];

  beforeAll(async () => {
    // Our own endpoint, so faults and outages do not disturb other test files.
    sm = await startLocalSecretsManager({ port: 0 });
    secretsManager = testSecretsClient(sm.endpoint, 2);
  });
  afterAll(() => sm.close());

  const remember = async (app: string) => {
    const s = await readAppSecret(secretsManager, `rds/${env}/${app}`);
    passwords.push(s.password);
    return s;
  };
  const login = (app: string, password?: string) =>
    appSessionUser(target, secretsManager, `rds/${env}/${app}`, password);
  /** Kills the run's admin session once, when the given step starts. */
  const killAt = (stepId: string, app: string) => {
    let done = false;
    return async (event: StepEvent) => {
      if (!done && event.phase === 'start' && event.step.id === stepId) {
        done = true;
        await killLockHolder(target, environment, app);
      }
    };
  };

  /** Runs `app` at `accessLevel`, killing the admin session when `killStep` starts; keeps the output. */
  const run = async (
    e: RdsProvisioner,
    app: string,
    accessLevel: 'owner' | 'editor' | 'reader',
    killStep?: string,
    more: { rotatePassword?: boolean } = {},
  ) => {
    const result = await e.apply(
      { appName: app, environment: env, accessLevel, ...more },
      ctx,
      killStep ? { onStep: killAt(killStep, app) } : undefined,
    );
    outputs.push(result);
    return result;
  };

  it('admin session killed before CREATE DATABASE: the run retries and converges', async () => {
    const app = uniqueApp('kill');
    const e = engine();
    try {
      const result = await run(e, app, 'owner', 'database');
      expect(result.error).toBeUndefined();
      expect(result.outcome).toBe('created');
      expect(stepOutcome(result, 'role.owner')).toBe('created');
      expect(logger.lines.join('\n')).toMatch(
        /attempt 1 met a transient error, retrying: the connection to the instance was lost/,
      );
      await remember(app);
      expect(await login(app)).toBe(`${app}_${env}_user`);
      expect((await run(e, app, 'owner')).outcome).toBe('no_change');
    } finally {
      await e.close();
    }
  });

  it('admin session killed without retries: the run fails clearly and a re-run converges', async () => {
    const app = uniqueApp('kill');
    const once = engine({ maxAttempts: 1 });
    const e = engine();
    try {
      const failed = await run(once, app, 'editor', 'database.privileges');
      expect(failed.outcome).toBe('failed');
      expect(failed.error).toMatch(
        /^step database.privileges \(.*\) failed: the connection to the instance was lost/,
      );
      expect(stepOutcome(failed, 'database')).toBe('created');

      const rerun = await run(e, app, 'editor');
      expect(rerun.outcome).toBe('created');
      expect(stepOutcome(rerun, 'database')).toBe('no_change');
      expect(stepOutcome(rerun, 'database.privileges')).toBe('updated');
      expect(stepOutcome(rerun, 'role.login')).toBe('created');
      await remember(app);
      expect(await login(app)).toBe(`${app}_${env}_user`);
    } finally {
      await Promise.all([once.close(), e.close()]);
    }
  });

  it('session killed between the new secret and the role: the role keeps a password the secret still holds', async () => {
    const app = uniqueApp('rot');
    const once = engine({ maxAttempts: 1 });
    try {
      await run(once, app, 'reader');
      const old = await remember(app);
      const failed = await run(once, app, 'reader', 'role.login', {
        rotatePassword: true,
      });
      expect(failed.outcome).toBe('failed');
      expect(stepOutcome(failed, 'secret')).toBe('updated');
      const fresh = await remember(app);
      expect(fresh.password).not.toBe(old.password);
      // The role still has the old password, and the secret's previous version holds it.
      expect(await login(app, old.password)).toBe(`${app}_${env}_user`);
      const previous = await secretsManager.send(
        new GetSecretValueCommand({
          SecretId: `rds/${env}/${app}`,
          VersionStage: 'AWSPREVIOUS',
        }),
      );
      expect(JSON.parse(previous.SecretString!).password).toBe(old.password);

      const rerun = await run(once, app, 'reader');
      expect(changedSteps(rerun.steps)).toEqual(['role.login:updated']);
      expect(await login(app)).toBe(`${app}_${env}_user`);
    } finally {
      await once.close();
    }
  });

  it('Secrets Manager throttling: the SDK retries and the run succeeds', async () => {
    const app = uniqueApp('thr');
    const e = engine();
    try {
      const before = sm.requestCount('CreateSecret');
      sm.injectFault({
        operation: 'CreateSecret',
        error: 'ThrottlingException',
        times: 1,
      });
      const result = await run(e, app, 'reader');
      expect(result.outcome).toBe('created');
      expect(sm.requestCount('CreateSecret') - before).toBe(2);
      await remember(app);
      expect(await login(app)).toBe(`${app}_${env}_user`);
    } finally {
      sm.clearFaults();
      await e.close();
    }
  });

  it.each([
    ['a 5xx after the SDK retries', 'InternalServiceError'],
    ['KMS refusing the key', 'EncryptionFailure'],
    ['IAM refusing the call', 'AccessDeniedException'],
  ] as const)(
    'Secrets Manager failing on write (%s): clear failure, nothing created in Postgres, then converges',
    async (_what, error) => {
      const app = uniqueApp('sf');
      const e = engine();
      try {
        sm.injectFault({ operation: 'CreateSecret', error, times: 100 });
        const failed = await run(e, app, 'editor');
        expect(failed.outcome).toBe('failed');
        expect(failed.error).toMatch(
          new RegExp(
            `^step secret \\(rds/.*\\) failed: Secrets Manager CreateSecret for rds/.* failed: ${error}`,
          ),
        );
        // The secret comes first: no role, no database, nothing to clean up.
        expect(await rolesNamed(target, app)).toEqual([]);
        expect(
          await asSuper(
            target,
            `SELECT 1 FROM pg_database WHERE datname LIKE $1`,
            [`${app}\_%`],
          ),
        ).toEqual([]);
        expect(
          failed.steps.filter(s => s.outcome !== 'no_change').map(s => s.id),
        ).toEqual(['secret']);

        sm.clearFaults();
        const rerun = await run(e, app, 'editor');
        expect(rerun.outcome).toBe('created');
        expect(await login(app)).toBe(`${app}_${env}_user`);
        await remember(app);
      } finally {
        sm.clearFaults();
        await e.close();
      }
    },
  );

  it('no generated password appears in any result or log line of these runs', () => {
    expect(passwords.length).toBeGreaterThan(4);
    const everything = JSON.stringify([outputs, logger.lines]);
    for (const p of passwords) expect(everything).not.toContain(p);
  });

  it('Secrets Manager down: the run fails before changing anything', async () => {
    const app = uniqueApp('down');
    const down = await startLocalSecretsManager({ port: 0 });
    await down.close();
    const e = new RdsProvisioner({
      environment,
      secretsManager: testSecretsClient(down.endpoint, 1),
      logger,
    });
    try {
      const failed = await run(e, app, 'editor');
      expect(failed.outcome).toBe('failed');
      expect(failed.error).toMatch(
        /Secrets Manager DescribeSecret for rds\/.* failed: .*ECONNREFUSED/,
      );
      const roles = await rolesNamed(target, app);
      expect(roles).toEqual([]);
    } finally {
      await e.close();
    }
  });

  it('Secrets Manager that accepts but never answers: the run fails within the request bound, nothing created', async () => {
    const app = uniqueApp('mute');
    const sockets = new Set<Socket>();
    const mute = createServer(socket => void sockets.add(socket));
    await new Promise<void>(resolve => mute.listen(0, '127.0.0.1', resolve));
    const { port } = mute.address() as AddressInfo;
    const e = new RdsProvisioner({
      environment,
      secretsManager: createSecretsManagerClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
        requestTimeoutMs: 500,
      }),
      logger,
    });
    const started = Date.now();
    try {
      const failed = await e.apply(
        { appName: app, environment: env, accessLevel: 'editor' },
        ctx,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(failed.outcome).toBe('failed');
      expect(failed.error).toMatch(
        /Secrets Manager DescribeSecret for rds\/.* failed: .*(timeout|Timeout)/,
      );
      expect(await rolesNamed(target, app)).toEqual([]);
    } finally {
      await e.close();
      for (const socket of sockets) socket.destroy();
      await new Promise(resolve => mute.close(resolve));
    }
  });
});
