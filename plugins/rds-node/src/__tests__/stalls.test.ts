import net from 'node:net';
import type { ProvisionRequest } from '@rds-self-service/plugin-rds-common';
import type { StepEvent } from '../apply/executeSteps';
import type { RdsEnvironment, RdsInstanceTimeouts } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { appLockHolder } from '../__testUtils__/appLock';
import { startStallingProxy } from '../__testUtils__/stallingProxy';
import {
  asSuper,
  describeOnTargets,
  recordingLogger,
  stepOutcome,
  testEnvironment,
  testSecretsClient,
  type TestTarget,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

// Each stall below ends within a few seconds; a hang (the bug) ends here instead.
jest.setTimeout(30_000);

const QUERY_MS = 1500;
// Longer than QUERY_MS: a lock holder idle this long is ended by the server.
const LOCK_MS = 3000;
// Scheduling slack on a loaded 2-core machine.
const SLACK_MS = 2500;

const ctx = { runId: 'stalls', actor: 'user:default/test' };

// Stopped Postgres backends, resumed in finally blocks and, whatever happens, on exit.
const stopped = new Set<number>();
const resume = (pid: number) => {
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // already gone
  }
  stopped.delete(pid);
};
process.once('exit', () => stopped.forEach(resume));

async function backendExists(target: TestTarget, pid: number) {
  const rows = await asSuper(
    target,
    'SELECT 1 FROM pg_stat_activity WHERE pid = $1',
    [pid],
  );
  return rows.length > 0;
}

describeOnTargets('stalls', target => {
  const env = uniqueEnv('st');
  const secretsManager = testSecretsClient();
  const adminUrl = new URL(target.adminUrl);
  afterAll(() => stopped.forEach(resume));

  const environmentAt = (
    host: string,
    port: number,
    timeouts: RdsInstanceTimeouts,
  ): RdsEnvironment => {
    const base = testEnvironment(target, { name: env });
    return {
      ...base,
      instance: { ...base.instance, host, port, timeouts },
    };
  };
  const request = (app: string): ProvisionRequest => ({
    appName: app,
    environment: env,
    accessLevel: 'editor',
  });
  /** Calls `stall` once, when the database step (CREATE DATABASE) starts; records when. */
  const atCreateDatabase = (stall: () => Promise<void>) => {
    const at = { time: 0 };
    const onStep = async (event: StepEvent) => {
      if (!at.time && event.phase === 'start' && event.step.id === 'database') {
        await stall();
        at.time = Date.now();
      }
    };
    return { at, onStep };
  };
  const engineOn = (
    environment: RdsEnvironment,
    logger: ReturnType<typeof recordingLogger>,
  ) =>
    new RdsProvisioner({
      environment,
      secretsManager,
      logger,
      lockTimeoutMs: LOCK_MS,
    });
  const expectStalledFailure = (
    result: Awaited<ReturnType<RdsProvisioner['apply']>>,
    stalledAt: number,
    lines: string[],
  ) => {
    const took = Date.now() - stalledAt;
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(
      /^step database \(.*\) failed: no answer from instance test-pg1\d \(127\.0\.0\.1:\d+\), database postgres within 1\.5 s \(instance\.timeouts\.queryMs\): the server or the network stopped answering/,
    );
    expect(stepOutcome(result, 'role.owner')).toBe('created');
    // One attempt: a statement that got no answer is not retried.
    expect(lines.join('\n')).not.toMatch(/retrying/);
    expect(took).toBeGreaterThanOrEqual(QUERY_MS - 50);
    expect(took).toBeLessThan(QUERY_MS + SLACK_MS);
  };
  const expectConverges = async (engine: RdsProvisioner, app: string) => {
    const rerun = await engine.apply(request(app), ctx);
    expect(rerun.error).toBeUndefined();
    expect(rerun.outcome).toBe('created');
    expect(stepOutcome(rerun, 'role.login')).toBe('created');
    const again = await engine.apply(request(app), ctx);
    expect(again.outcome).toBe('no_change');
  };

  it('a proxy that stops forwarding at CREATE DATABASE: the run fails after queryMs naming it, the server ends the stalled session, the next run converges', async () => {
    const proxy = await startStallingProxy({
      host: adminUrl.hostname,
      port: Number(adminUrl.port),
    });
    const logger = recordingLogger();
    const environment = environmentAt(proxy.host, proxy.port, {
      queryMs: QUERY_MS,
    });
    const engine = engineOn(environment, logger);
    const app = uniqueApp('proxy');
    let holder = 0;
    try {
      const { at, onStep } = atCreateDatabase(async () => {
        holder = await appLockHolder(target, environment, app);
        proxy.stallOn('CREATE DATABASE');
      });
      const failed = await engine.apply(request(app), ctx, { onStep });
      expectStalledFailure(failed, at.time, logger.lines);
      // The server never saw the client go: its session lingers, idle, holding the lock.
      expect(proxy.stalledCount()).toBe(1);
      expect(await backendExists(target, holder)).toBe(true);

      // The proxy forwards new connections: the next run waits for the lock until the
      // server ends the idle holder (idle_session_timeout), then converges.
      await expectConverges(engine, app);
      expect(proxy.stalledCount()).toBe(0);
      expect(await backendExists(target, holder)).toBe(false);
    } finally {
      await engine.close();
      await proxy.close();
    }
  });

  it('the backend serving the run stopped (SIGSTOP) at CREATE DATABASE: the run fails after queryMs naming it, and once the backend runs again the next run converges', async () => {
    const logger = recordingLogger();
    const environment = environmentAt(
      adminUrl.hostname,
      Number(adminUrl.port),
      { queryMs: QUERY_MS },
    );
    const engine = engineOn(environment, logger);
    const app = uniqueApp('stop');
    let pid = 0;
    try {
      try {
        const { at, onStep } = atCreateDatabase(async () => {
          pid = await appLockHolder(target, environment, app);
          stopped.add(pid);
          process.kill(pid, 'SIGSTOP');
        });
        const failed = await engine.apply(request(app), ctx, { onStep });
        expectStalledFailure(failed, at.time, logger.lines);
        // Stopped, it cannot exit: it holds the lock until it runs again.
        expect(await backendExists(target, pid)).toBe(true);
      } finally {
        if (pid) resume(pid);
      }
      // Running again, it reads the closed connection and exits, releasing the lock.
      await expectConverges(engine, app);
      expect(await backendExists(target, pid)).toBe(false);
    } finally {
      await engine.close();
    }
  });

  it('a server that accepts connections but never answers: each attempt fails after connectMs, retried up to maxAttempts', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer(socket => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const logger = recordingLogger();
    const engine = new RdsProvisioner({
      environment: environmentAt('127.0.0.1', port, { connectMs: 500 }),
      secretsManager,
      logger,
      maxAttempts: 2,
    });
    try {
      const started = Date.now();
      const failed = await engine.apply(request(uniqueApp('conn')), ctx);
      const took = Date.now() - started;
      expect(failed.outcome).toBe('failed');
      expect(failed.error).toMatch(
        /^could not open a session to instance test-pg1\d \(127\.0\.0\.1:\d+\), database postgres within 0\.5 s \(instance\.timeouts\.connectMs\)/,
      );
      expect(
        logger.lines.filter(l => /attempt 1 met a transient error/.test(l)),
      ).toHaveLength(1);
      // Two attempts of 0.5 s and a backoff of at most 0.2 s.
      expect(took).toBeGreaterThanOrEqual(1000 - 50);
      expect(took).toBeLessThan(1200 + SLACK_MS);
    } finally {
      await engine.close();
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => silent.close(resolve));
    }
  });
});
