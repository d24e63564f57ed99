import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { checkLogin } from '../introspect/loginCheck';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createSecretsManagerClient } from '../secrets/client';
import { scramSha256Verifier } from '../sql/scram';
import { quoteLiteral } from '../sql/quote';
import { REDACTED } from '../sql/statement';
import { generatePassword } from '../secrets/password';
import { formatTable } from '../cli/summaryTable';
import type { RdsEnvironment } from '../config/types';

/** Where the benchmark runs: an RDS-like admin URL and a Secrets Manager endpoint. */
export interface BenchTarget {
  name: string;
  adminUrl: string;
  secretsEndpoint: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const time = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/**
 * Benchmarks the engine against the floor: the same DDL sent straight through one pg
 * connection (plus the one connection to the new database that in-database grants need).
 */
export async function runBench(
  target: BenchTarget,
  options: {
    iterations?: number;
    sequence?: number;
    parallel?: number;
    out?: (line: string) => void;
  } = {},
): Promise<{ table: string; ok: boolean }> {
  const iterations = options.iterations ?? 11;
  const sequence = options.sequence ?? 100;
  const parallel = options.parallel ?? 10;
  const out = options.out ?? (line => process.stdout.write(`${line}\n`));
  const url = new URL(target.adminUrl);
  const envName = `b${randomBytes(3).toString('hex')}`;
  const environment: RdsEnvironment = {
    name: envName,
    requiresApproval: false,
    instance: {
      name: `bench-${target.name}`,
      host: url.hostname,
      port: Number(url.port),
      adminDatabase: url.pathname.slice(1) || 'postgres',
      admin: {
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
    },
    secrets: { namePattern: 'bench/{env}/{app}' },
  };
  const secretsManager = createSecretsManagerClient({
    region: 'us-east-1',
    endpoint: target.secretsEndpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const engine = new RdsProvisioner({ environment, secretsManager });
  const ctx = { runId: 'bench', actor: 'bench' };
  const app = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
  const request = (appName: string) => ({
    appName,
    environment: envName,
    accessLevel: 'editor' as const,
  });
  const admin = new Client({ connectionString: target.adminUrl });
  await admin.connect();

  try {
    // The floor: the engine's own DDL for a new app (from its plan), sent directly.
    const floorRun = async () => {
      const appName = app('floor');
      const plan = await engine.plan(request(appName), ctx);
      const start = performance.now();
      // The verifier is part of producing this DDL: the floor computes it too.
      const verifier = quoteLiteral(scramSha256Verifier(generatePassword()));
      for (const step of plan.steps) {
        if (step.kind === 'grant' && step.id !== 'database.privileges')
          continue;
        if (step.kind === 'default_privileges') continue;
        for (const statement of step.sql)
          await admin.query(statement.replace(REDACTED, verifier));
      }
      const db = new Client({
        connectionString: target.adminUrl.replace(
          /\/[^/]*$/,
          `/${plan.database}`,
        ),
      });
      await db.connect();
      await db.query('BEGIN');
      await db.query(`SET LOCAL ROLE "${appName}_${envName}_owner"`);
      for (const step of plan.steps.filter(
        s =>
          s.id === 'schema.privileges' ||
          s.id === 'object.privileges' ||
          s.id === 'default.privileges',
      )) {
        for (const statement of step.sql) await db.query(statement);
      }
      await db.query('COMMIT');
      await db.end();
      return performance.now() - start;
    };

    // Warm-up: connections, catalog caches, SDK.
    await floorRun();
    await engine.apply(request(app('warm')), ctx);

    const floor: number[] = [];
    const create: number[] = [];
    const existing: string[] = [];
    for (let i = 0; i < iterations; i++) {
      // Alternate who goes first: CREATE DATABASE right after another one can be slower.
      const appName = app('new');
      const engineRun = async () => {
        create.push(await time(() => engine.apply(request(appName), ctx)));
        existing.push(appName);
      };
      if (i % 2) {
        await engineRun();
        floor.push(await floorRun());
      } else {
        floor.push(await floorRun());
        await engineRun();
      }
    }
    const rerun: number[] = [];
    const planOnly: number[] = [];
    const loginCheck: number[] = [];
    for (let i = 0; i < iterations * 2; i++) {
      const appName = existing[i % existing.length];
      rerun.push(await time(() => engine.apply(request(appName), ctx)));
      planOnly.push(await time(() => engine.plan(request(appName), ctx)));
      // The part of every re-run that proves the secret's password still logs in.
      const secret = await secretsManager.send(
        new GetSecretValueCommand({ SecretId: `bench/${envName}/${appName}` }),
      );
      const { username, password, dbname } = JSON.parse(secret.SecretString!);
      loginCheck.push(
        await time(() =>
          checkLogin(environment.instance, {
            user: username,
            password,
            database: dbname,
          }),
        ),
      );
    }

    const seq: number[] = [];
    for (let i = 0; i < sequence; i++) {
      const appName = app('seq');
      seq.push(await time(() => engine.apply(request(appName), ctx)));
    }
    // The server slows a little as its catalogs grow; the floor measured again tells the two apart.
    const floorAfter: number[] = [];
    for (let i = 0; i < 5; i++) floorAfter.push(await floorRun());
    const wall = await time(() =>
      Promise.all(
        Array.from({ length: parallel }, () =>
          engine.apply(request(app('par')), ctx),
        ),
      ),
    );

    const a = median(floor);
    const pairedRatio = median(create.map((ms, i) => ms / floor[i]));
    const first = mean(seq.slice(0, 10));
    const last = mean(seq.slice(-10));
    const checks = {
      // CREATE DATABASE time swings with the server's WAL and checkpoints; each engine run is
      // compared with the floor run next to it, and the median of those ratios is reported.
      b: pairedRatio <= 1.3,
      c: median(rerun) / a <= 0.3,
      d: median(planOnly) / a <= 0.3,
      // Flat: the last 10 no slower than the first 10 beyond noise (CREATE DATABASE time
      // follows a WAL/checkpoint sawtooth) or what the server itself drifted.
      e: last / first <= Math.max(1.3, (median(floorAfter) / a) * 1.3),
    };
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    const row = (label: string, ms: number, goal = '', ok?: boolean) => [
      label,
      ms.toFixed(1),
      (ms / a).toFixed(2),
      goal,
      ok === undefined ? '' : verdict(ok),
    ];
    const table = formatTable([
      ['case', 'ms', 'ratio to (a)', 'target', ''],
      row(
        `(a) floor: same DDL through one pg connection (median of ${iterations})`,
        a,
      ),
      [
        `(b) engine apply, new app (median of ${iterations}; ratio: median of pairs)`,
        median(create).toFixed(1),
        pairedRatio.toFixed(2),
        '<= 1.30',
        verdict(checks.b),
      ],
      row(
        `(c) engine re-run, no change (median of ${iterations * 2})`,
        median(rerun),
        '<= 0.30',
        checks.c,
      ),
      row(
        `    of which the login with the secret's password (median of ${
          iterations * 2
        })`,
        median(loginCheck),
      ),
      row(
        `(d) plan only (median of ${iterations * 2})`,
        median(planOnly),
        '<= 0.30',
        checks.d,
      ),
      row(`(e) ${sequence} apps in sequence: mean of first 10`, first),
      row(
        `    ${sequence} apps in sequence: mean of last 10`,
        last,
        `flat: last/first ${(last / first).toFixed(2)}`,
        checks.e,
      ),
      row(
        `    (a) again after the sequence (median of 5)`,
        median(floorAfter),
        `server drift ${(median(floorAfter) / a).toFixed(2)}`,
      ),
      row(`    ${parallel} apps in parallel: wall time`, wall),
      row(
        `    ${parallel} apps in parallel: wall time per app`,
        wall / parallel,
      ),
    ]);
    out(
      `rds-node benchmark on ${target.name} (${environment.instance.host}:${environment.instance.port})`,
    );
    out(table);
    return { table, ok: Object.values(checks).every(Boolean) };
  } finally {
    await admin.end();
    await engine.close();
  }
}
