/*
 * What the scaffolder adds on top of the engine, measured side by side in one run:
 *
 *   engine      RdsProvisioner.apply() in this process, straight on the test Postgres
 *   template    the rds-database template end to end through the scaffolder's REST API:
 *               POST /v2/tasks → task claimed → catalog:fetch → rds:provision → HTTP to the
 *               rds backend → engine → audit rows → task completed (seen by polling every 10 ms)
 *
 * Both do the same kind of request (a new dev database, then a re-run that reports
 * no_change) on the same servers. Target: the template adds less than 1 s.
 *
 * Run: CI=1 node scripts/with-test-env.mjs ./yarnw --cwd plugins/scaffolder-backend-module-rds bench
 * (BENCH_RUNS=n for more samples; default 5).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  createSecretsManagerClient,
  RdsProvisioner,
} from '@rds-self-service/plugin-rds-node';
import { ScaffolderApi } from '../src/__testUtils__/scaffolderApi';
import {
  componentEntity,
  rdsTestConfig,
  startRdsTestBackend,
} from '../src/__testUtils__/startRdsTestBackend';
import { readTestEnv } from '../src/__testUtils__/testEnv';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_OVERHEAD_MS = 1000;
const suffix = randomBytes(3).toString('hex');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

async function main() {
  const env = readTestEnv();
  const config = rdsTestConfig(env);

  // The engine, configured like the backend's dev environment.
  const provisioner = new RdsProvisioner({
    environment: {
      name: 'dev',
      requiresApproval: false,
      instance: {
        ...config.environments.dev.instance,
        ssl: { mode: 'disable' },
      },
      secrets: { namePattern: 'rds/{env}/{app}' },
    },
    secretsManager: createSecretsManagerClient(config.secretsManager),
  });
  const engineRun = async (appName: string) => {
    const result = await provisioner.apply(
      { appName, environment: 'dev', accessLevel: 'editor' },
      { runId: randomUUID(), actor: 'user:default/bench' },
    );
    if (!['created', 'no_change'].includes(result.outcome)) {
      throw new Error(
        `engine run ${appName}: ${result.outcome} ${result.error ?? ''}`,
      );
    }
    return result.outcome;
  };

  // The scaffolder with the real template, this module and the rds backend.
  const names = Array.from(
    { length: RUNS + 1 },
    (_, i) => `bench-t${i}-${suffix}`,
  );
  const backend = await startRdsTestBackend({
    scaffolder: true,
    entities: names.map(n => componentEntity(n)),
  });
  const scaffolder = new ScaffolderApi(backend.baseUrl);
  const templateRun = async (component: string) => {
    const run = await scaffolder.runTask('template:default/rds-database', {
      component: `component:default/${component}`,
      environment: 'dev',
      accessLevel: 'editor',
    });
    if (run.status !== 'completed') {
      throw new Error(
        `template run ${component}: ${run.status} ${run.message ?? ''}`,
      );
    }
    return run.elapsedMs;
  };

  try {
    // Warm-up: first connections, first task, JIT.
    await engineRun(`bench_ew_${suffix}`);
    await templateRun(names[0]);

    const rows: Record<string, { engine: number[]; template: number[] }> = {
      'new database (created)': { engine: [], template: [] },
      're-run (no_change)': { engine: [], template: [] },
    };
    for (let i = 1; i <= RUNS; i++) {
      const app = `bench_e${i}_${suffix}`;
      rows['new database (created)'].engine.push(
        (await time(() => engineRun(app)))[0],
      );
      rows['new database (created)'].template.push(await templateRun(names[i]));
      rows['re-run (no_change)'].engine.push(
        (await time(() => engineRun(app)))[0],
      );
      rows['re-run (no_change)'].template.push(await templateRun(names[i]));
    }

    console.log(
      `\nscaffolder template run vs engine apply, median of ${RUNS} runs each (ms)\n`,
    );
    console.log(
      `${'request'.padEnd(24)}${'engine'.padStart(10)}${'template'.padStart(
        10,
      )}` + `${'ratio'.padStart(8)}${'added'.padStart(10)}`,
    );
    let worstAdded = 0;
    for (const [name, { engine, template }] of Object.entries(rows)) {
      const e = median(engine);
      const t = median(template);
      worstAdded = Math.max(worstAdded, t - e);
      console.log(
        `${name.padEnd(24)}${e.toFixed(0).padStart(10)}${t
          .toFixed(0)
          .padStart(10)}` +
          `${(t / e).toFixed(2).padStart(7)}x${(t - e)
            .toFixed(0)
            .padStart(10)}`,
      );
    }
    const ok = worstAdded < TARGET_OVERHEAD_MS;
    console.log(
      `\nscaffolder adds at most ${worstAdded.toFixed(
        0,
      )} ms (target < ${TARGET_OVERHEAD_MS} ms): ${ok ? 'OK' : 'OVER TARGET'}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await provisioner.close();
    await backend.stop();
  }
}

main()
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  // Backstage's database service keeps the plugins' knex pools open after the
  // test backend stops; nothing is left to wait for once the table is printed.
  .finally(() => process.exit());
