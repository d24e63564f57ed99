import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger } from '../context';
import { createSecretsManagerClient } from '../secrets/client';

/** A Postgres server to test against, from scripts/with-test-env.mjs. */
export interface TestTarget {
  name: string;
  adminUrl: string;
  superUrl: string;
}

/** Postgres 17 (embedded) and 15 (the machine's), whichever the environment provides. */
export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [];
  for (const name of ['PG17', 'PG15']) {
    const adminUrl = process.env[`RDS_TEST_${name}_ADMIN_URL`];
    const superUrl = process.env[`RDS_TEST_${name}_SUPER_URL`];
    if (adminUrl && superUrl) targets.push({ name, adminUrl, superUrl });
  }
  if (targets.length === 0) {
    throw new Error(
      'No test Postgres: run the tests under `node scripts/with-test-env.mjs` (see README)',
    );
  }
  return targets;
}

/** Declares the suite once per test target: `describeOnTargets('faults', target => ...)`. */
export function describeOnTargets(
  title: string,
  suite: (target: TestTarget) => void,
): void {
  describe.each(testTargets().map(t => [t.name, t] as const))(
    `${title} on %s`,
    (_name, target) => {
      suite(target);
    },
  );
}

/** The outcome of one step of a run or plan, by step id. */
export function stepOutcome(
  result: { steps: ReadonlyArray<{ id: string; outcome: string }> },
  id: string,
): string | undefined {
  return result.steps.find(s => s.id === id)?.outcome;
}

/** The steps of a run or plan that changed something, as `id:outcome`, in order. */
export function changedSteps(
  steps: ReadonlyArray<{ id: string; outcome: string }>,
): string[] {
  return steps
    .filter(s => s.outcome !== 'no_change')
    .map(s => `${s.id}:${s.outcome}`);
}

/** The local Secrets Manager endpoint started by the test wrapper. */
export function secretsEndpoint(): string {
  const endpoint = process.env.RDS_TEST_SECRETS_ENDPOINT;
  if (!endpoint) {
    throw new Error(
      'RDS_TEST_SECRETS_ENDPOINT is not set: run under scripts/with-test-env.mjs',
    );
  }
  return endpoint;
}

/** A real SDK client for the test endpoint (or another one). */
export function testSecretsClient(
  endpoint = secretsEndpoint(),
  maxAttempts?: number,
): SecretsManagerClient {
  return createSecretsManagerClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

/** A unique app name, so parallel test files and repeated runs never collide. */
export function uniqueApp(prefix = 'app'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A unique environment name per test file, so secret names never collide either. */
export function uniqueEnv(prefix = 't'): string {
  return `${prefix}${randomBytes(3).toString('hex')}`;
}

/** An environment on a test target with plain admin credentials from its URL. */
export function testEnvironment(
  target: TestTarget,
  overrides: Partial<RdsEnvironment> & { name: string },
): RdsEnvironment {
  const url = new URL(target.adminUrl);
  return {
    requiresApproval: false,
    instance: {
      name: `test-${target.name.toLowerCase()}`,
      host: url.hostname,
      port: Number(url.port),
      admin: {
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
      // Per environment: suites that damage it on purpose disturb no other suite.
      provenanceRole: `${overrides.name}_managed`,
    },
    secrets: { namePattern: 'rds/{env}/{app}' },
    ...overrides,
  };
}

/** A URL for another user and database on the same server. */
export function urlFor(
  target: TestTarget,
  user: string,
  password: string,
  database: string,
): string {
  const url = new URL(target.adminUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs fn with a connected client and always closes it. */
export async function withClient<T>(
  url: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Reads an app's secret (`rds/<env>/<app>`) and runs `fn` connected as its login, with the
 * secret's password and database unless others are given.
 */
export async function asAppLogin<T>(
  target: TestTarget,
  secretsManager: SecretsManagerClient,
  secretName: string,
  fn: (client: Client) => Promise<T>,
  other: { password?: string; database?: string } = {},
): Promise<T> {
  const s = await readAppSecret(secretsManager, secretName);
  return withClient(
    urlFor(
      target,
      s.username,
      other.password ?? s.password,
      other.database ?? s.dbname,
    ),
    fn,
  );
}

/** The session user an app's login gets, or undefined when its login is refused. */
export async function appSessionUser(
  target: TestTarget,
  secretsManager: SecretsManagerClient,
  secretName: string,
  password?: string,
): Promise<string | undefined> {
  return asAppLogin(
    target,
    secretsManager,
    secretName,
    async c => (await c.query('SELECT session_user AS u')).rows[0].u as string,
    { password },
  ).catch(() => undefined);
}

/** Runs SQL as the superuser (setup of hostile states and inspection only). */
export async function asSuper<T = any>(
  target: TestTarget,
  text: string,
  values?: unknown[],
  database?: string,
): Promise<T[]> {
  const url = new URL(target.superUrl);
  if (database) url.pathname = `/${database}`;
  return withClient(
    url.toString(),
    async c => (await c.query(text, values)).rows as T[],
  );
}

/** A logger that records every line, to prove no password is ever logged. */
export function recordingLogger(): EngineLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return {
    lines,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

/** Drops everything a test app created (superuser), best effort. */
export async function dropApp(
  target: TestTarget,
  app: string,
  env: string,
): Promise<void> {
  const base = `${app}_${env}`;
  await asSuper(
    target,
    `DROP DATABASE IF EXISTS "${base}_db" WITH (FORCE)`,
  ).catch(() => {});
  for (const suffix of ['user', 'reader', 'editor', 'owner']) {
    await asSuper(target, `DROP ROLE IF EXISTS "${base}_${suffix}"`).catch(
      () => {},
    );
  }
}

/**
 * The xmin of every catalog row the engine writes for an app: any DDL (even a repeated GRANT)
 * rewrites its row and changes the fingerprint, whatever other tests do on the same server.
 */
export async function catalogFingerprint(
  target: TestTarget,
  app: string,
  env: string,
): Promise<string> {
  const base = `${app}_${env}`;
  const roles = ['owner', 'reader', 'editor', 'user'].map(s => `${base}_${s}`);
  const cluster = await asSuper(
    target,
    `SELECT 'role ' || rolname || ' ' || xmin FROM pg_authid WHERE rolname = ANY($1)
     UNION ALL SELECT 'member ' || roleid || '/' || member || ' ' || xmin FROM pg_auth_members
       WHERE roleid IN (SELECT oid FROM pg_authid WHERE rolname = ANY($1)) OR member IN (SELECT oid FROM pg_authid WHERE rolname = ANY($1))
     UNION ALL SELECT 'comment ' || objoid || ' ' || xmin FROM pg_shdescription
       WHERE objoid IN (SELECT oid FROM pg_authid WHERE rolname = ANY($1))
     UNION ALL SELECT 'database ' || datname || ' ' || xmin FROM pg_database WHERE datname = $2
     UNION ALL SELECT 'setting ' || setrole || ' ' || xmin FROM pg_db_role_setting
       WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = $2)
     ORDER BY 1`,
    [roles, `${base}_db`],
  );
  const inside = await asSuper(
    target,
    `SELECT 'defacl ' || defaclobjtype::text || ' ' || xmin FROM pg_default_acl
     UNION ALL SELECT 'schema ' || nspname || ' ' || xmin FROM pg_namespace WHERE nspname = 'public'
     UNION ALL SELECT 'class ' || relname || ' ' || xmin FROM pg_class WHERE relnamespace = 'public'::regnamespace
     ORDER BY 1`,
    [],
    `${base}_db`,
  );
  return [...cluster, ...inside].map(r => Object.values(r)[0]).join('\n');
}

/**
 * Runs `fn` and expects it to have sent no DDL for the app: no catalog row of the app was
 * rewritten (see catalogFingerprint). Resolves to what `fn` resolves to.
 */
export async function expectCatalogUnchanged<T>(
  target: TestTarget,
  app: string,
  env: string,
  fn: () => Promise<T>,
): Promise<T> {
  const before = await catalogFingerprint(target, app, env);
  const result = await fn();
  expect(await catalogFingerprint(target, app, env)).toBe(before);
  return result;
}

/** The app's credentials as stored in its secret. */
export async function readAppSecret(
  client: SecretsManagerClient,
  secretName: string,
): Promise<{
  username: string;
  password: string;
  dbname: string;
  host: string;
  port: number;
}> {
  const out = await client.send(
    new GetSecretValueCommand({ SecretId: secretName }),
  );
  return JSON.parse(out.SecretString!);
}

/** The SQLSTATE a statement fails with, or 'ok'. */
export async function sqlState(client: Client, text: string): Promise<string> {
  try {
    await client.query(text);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** Names of the roles whose names start with `<prefix>_` (an app, or an app in an env). */
export async function rolesNamed(
  target: TestTarget,
  prefix: string,
): Promise<string[]> {
  const rows = await asSuper(
    target,
    `SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1`,
    [`${prefix.replace(/_/g, '\\_')}\\_%`],
  );
  return rows.map(r => r.rolname);
}

/** What exists of an app: its roles, its database and its secret (`rds/{env}/{app}`). */
export async function appObjects(
  target: TestTarget,
  secretsManager: SecretsManagerClient,
  app: string,
  env: string,
): Promise<{ roles: string[]; databases: string[]; secret: boolean }> {
  const base = `${app}_${env}`;
  const dbs = await asSuper(
    target,
    `SELECT datname FROM pg_database WHERE datname = $1`,
    [`${base}_db`],
  );
  const secret = await secretsManager
    .send(new DescribeSecretCommand({ SecretId: `rds/${env}/${app}` }))
    .then(
      () => true,
      () => false,
    );
  return {
    roles: await rolesNamed(target, base),
    databases: dbs.map(d => d.datname),
    secret,
  };
}
