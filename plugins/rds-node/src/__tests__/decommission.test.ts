import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DecommissionConfig } from '../decommission/config';
import { suiteProvisioner } from '../__testUtils__/provisioner';
import { TEST_S3, testS3Client } from '../__testUtils__/s3';
import {
  appObjects,
  asSuper,
  describeOnTargets,
  expectCatalogUnchanged,
  rolesNamed,
  stepOutcome,
  uniqueApp,
  urlFor,
  withClient,
  type TestTarget,
} from '../__testUtils__/targets';

// Dumps, restores and S3 round trips on a shared machine.
jest.setTimeout(60_000);

const PG_DUMP_15 = '/usr/bin/pg_dump';
const ctx = (runId = 'run') => ({ runId, actor: 'user:default/ops' });

/**
 * Provisions a new app (named from `prefix`) whose login creates a table with three rows;
 * resolves to the app and its login URL.
 */
async function provisionWithRows(
  target: TestTarget,
  suite: ReturnType<typeof suiteProvisioner>,
  prefix: string,
): Promise<{ app: string; url: string }> {
  const app = uniqueApp(prefix);
  const result = await suite.provisioner.apply(
    suite.request(app, 'owner'),
    ctx('provision'),
  );
  expect(result.outcome).toBe('created');
  const secret = await suite.readSecret(app);
  const url = urlFor(target, secret.username, secret.password, secret.dbname);
  await withClient(url, async c => {
    await c.query('CREATE TABLE orders (id int PRIMARY KEY, item text)');
    await c.query(
      `INSERT INTO orders VALUES (1, 'tea'), (2, 'milk'), (3, 'bread')`,
    );
  });
  return { app, url };
}

/** Connects and keeps the session open; resolves once connected, with a promise of its end. */
async function openSession(url: string) {
  const client = new Client({ connectionString: url });
  const ended = new Promise<string>(resolve => {
    client.on('error', e => resolve((e as { code?: string }).code ?? 'error'));
    client.on('end', () => resolve('ended'));
  });
  await client.connect();
  return { client, ended };
}

async function loginError(url: string): Promise<string> {
  try {
    await withClient(url, async c => c.query('SELECT 1'));
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function secretState(suite: ReturnType<typeof suiteProvisioner>, app: string) {
  return suite.secretsManager.send(
    new DescribeSecretCommand({ SecretId: `rds/${suite.env}/${app}` }),
  );
}

describeOnTargets('decommission', target => {
  const dumps = mkdtempSync(path.join(os.tmpdir(), 'rds-dumps-'));
  const pg15 = target.name === 'PG15';
  const config = (
    extra: Partial<DecommissionConfig> = {},
  ): DecommissionConfig => ({
    policy: 'delete',
    destination: { type: 'folder', path: dumps },
    pgDumpPath: PG_DUMP_15,
    secretRecoveryDays: 7,
    ...extra,
  });
  const suite = suiteProvisioner(target, 'dc', {}, { decommission: config() });
  const { env, provisioner } = suite;
  const strict = suiteProvisioner(
    target,
    'dcs',
    {},
    { decommission: config({ policy: 'retain', requiresApproval: true }) },
  );
  const s3Client = testS3Client();
  afterAll(() => s3Client.destroy());
  const s3 = suiteProvisioner(
    target,
    'dc3',
    { s3Client },
    {
      decommission: config({
        destination: {
          type: 's3',
          bucket: TEST_S3.bucket,
          prefix: 'dumps/',
          endpoint: TEST_S3.endpoint,
          region: 'us-east-1',
        },
      }),
    },
  );
  const request = (app: string, policy?: DecommissionConfig['policy']) => ({
    appName: app,
    environment: env,
    policy,
  });

  it('retain: the login is disabled and its sessions end; data and secret stay; provisioning again brings it back', async () => {
    const { app, url } = await provisionWithRows(target, suite, 'keep');
    const open = await openSession(url);

    const plan = await provisioner.planDecommission(request(app, 'retain'));
    expect(plan.blocked).toBe(false);
    expect(plan.preflight.sessions.map(s => s.user)).toContain(
      `${app}_${env}_user`,
    );
    expect(plan.preflight.disables).toEqual([
      `logins of role ${app}_${env}_user`,
    ]);

    const result = await provisioner.decommission(
      request(app, 'retain'),
      ctx('retain'),
    );
    expect(result.outcome).toBe('updated');
    expect(result.steps.map(s => [s.id, s.outcome])).toEqual([
      ['login.disable', 'updated'],
      ['sessions.terminate', 'updated'],
    ]);
    expect(await open.ended).not.toBe('connected');
    await open.client.end().catch(() => {});
    expect(await loginError(url)).toBe('28000');
    const objects = await appObjects(target, suite.secretsManager, app, env);
    expect(objects.databases).toEqual([`${app}_${env}_db`]);
    expect(objects.secret).toBe(true);
    const rows = await asSuper(
      target,
      'SELECT count(*)::int AS n FROM orders',
      [],
      `${app}_${env}_db`,
    );
    expect(rows[0].n).toBe(3);

    const again = await provisioner.decommission(
      request(app, 'retain'),
      ctx('retain-2'),
    );
    expect(again.outcome).toBe('no_change');

    const back = await provisioner.apply(
      suite.request(app, 'owner'),
      ctx('back'),
    );
    expect(back.outcome).toBe('updated');
    expect(await loginError(url)).toBe('ok');
  });

  it('delete: sessions end, database and roles are dropped, the secret is restorable within its window; a second run changes nothing', async () => {
    const { app, url } = await provisionWithRows(target, suite, 'del');
    const open = await openSession(url);

    const result = await provisioner.decommission(
      request(app, 'delete'),
      ctx('delete'),
    );
    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('deleted');
    expect(result.steps.map(s => [s.id, s.outcome])).toEqual([
      ['login.disable', 'updated'],
      ['sessions.terminate', 'updated'],
      ['database.drop', 'deleted'],
      ['roles.drop', 'deleted'],
      ['secret.delete', 'deleted'],
    ]);
    await open.ended;
    await open.client.end().catch(() => {});
    expect(
      await appObjects(target, suite.secretsManager, app, env),
    ).toMatchObject({ roles: [], databases: [] });
    const described = await secretState(suite, app);
    expect(described.DeletedDate).toBeInstanceOf(Date);
    const until = new Date(result.secretRestorableUntil!).getTime();
    expect(until - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(until - Date.now()).toBeLessThan(7.1 * 86_400_000);

    const again = await provisioner.decommission(
      request(app, 'delete'),
      ctx('delete-2'),
    );
    expect(again.outcome).toBe('no_change');

    await suite.secretsManager.send(
      new RestoreSecretCommand({ SecretId: `rds/${env}/${app}` }),
    );
    const restored = await suite.secretsManager.send(
      new GetSecretValueCommand({ SecretId: `rds/${env}/${app}` }),
    );
    expect(JSON.parse(restored.SecretString!).username).toBe(
      `${app}_${env}_user`,
    );
  });

  it('the secret carries the teardown tags; a rotation clone the platform made goes with the app, a foreign one stays', async () => {
    const [ours, theirs] = [uniqueApp('cl'), uniqueApp('cf')];
    for (const app of [ours, theirs]) {
      await provisioner.apply(
        suite.request(app, 'reader', { buildId: 'b-42' }),
        ctx('tags'),
      );
    }
    const tags = Object.fromEntries(
      ((await secretState(suite, ours)).Tags ?? []).map(t => [t.Key, t.Value]),
    );
    expect(tags).toMatchObject({
      ManagedBy: 'backstage-rds',
      ClusterName: `test-${target.name.toLowerCase()}`,
      BuildId: 'b-42',
    });
    // As alternating-users rotation leaves them: one made by the platform admin with its
    // provenance, one made by someone else.
    await withClient(target.adminUrl, async c => {
      await c.query(`CREATE ROLE ${ours}_${env}_user_clone LOGIN`);
      await c.query(`GRANT ${env}_managed TO ${ours}_${env}_user_clone`);
    });
    await asSuper(target, `CREATE ROLE ${theirs}_${env}_user_clone LOGIN`);
    for (const app of [ours, theirs]) {
      const result = await provisioner.decommission(
        request(app, 'delete'),
        ctx(),
      );
      expect(result.error).toBeUndefined();
      expect(result.outcome).toBe('deleted');
    }
    expect(await rolesNamed(target, `${ours}_${env}`)).toEqual([]);
    expect(await rolesNamed(target, `${theirs}_${env}`)).toEqual([
      `${theirs}_${env}_user_clone`,
    ]);
    await asSuper(target, `DROP ROLE ${theirs}_${env}_user_clone`);
  });

  it('dry run: the preflight and the planned steps, nothing changed', async () => {
    const { app } = await provisionWithRows(target, suite, 'dry');
    const result = await expectCatalogUnchanged(target, app, env, () =>
      provisioner.decommission(request(app, 'delete'), ctx(), { dryRun: true }),
    );
    expect(result.dryRun).toBe(true);
    expect(result.outcome).toBe('planned');
    expect(stepOutcome(result, 'database.drop')).toBe('planned');
    expect(result.preflight.drops).toEqual([
      `database ${app}_${env}_db`,
      `role ${app}_${env}_user, ${app}_${env}_editor, ${app}_${env}_reader, ${app}_${env}_owner`,
    ]);
    expect((await secretState(suite, app)).DeletedDate).toBeUndefined();
  });

  it('preflight blocks on a database with a foreign owner and changes nothing', async () => {
    const app = uniqueApp('foreign');
    const db = `${app}_${env}_db`;
    await asSuper(target, `CREATE ROLE ${app}_legacy`);
    await asSuper(target, `CREATE DATABASE ${db} OWNER ${app}_legacy`);
    const result = await provisioner.decommission(
      request(app, 'delete'),
      ctx('foreign'),
    );
    expect(result.outcome).toBe('blocked');
    const block = result.steps.find(s => s.outcome === 'blocked');
    expect(block?.message).toContain(
      `database "${db}" is owned by "${app}_legacy"`,
    );
    const left = await asSuper(
      target,
      'SELECT datname FROM pg_database WHERE datname = $1',
      [db],
    );
    expect(left).toHaveLength(1);
    await asSuper(target, `DROP DATABASE ${db}`);
    await asSuper(target, `DROP ROLE ${app}_legacy`);
  });

  it('a policy beyond the environment is blocked; approval is required where configured', async () => {
    const app = uniqueApp('strict');
    await strict.provisioner.apply(strict.request(app, 'reader'), ctx());
    await expectCatalogUnchanged(target, app, strict.env, async () => {
      const beyond = await strict.provisioner.decommission(
        { appName: app, environment: strict.env, policy: 'delete' },
        ctx(),
        { approved: true },
      );
      expect(stepOutcome(beyond, 'policy')).toBe('blocked');
      const unapproved = await strict.provisioner.decommission(
        { appName: app, environment: strict.env },
        ctx(),
      );
      expect(stepOutcome(unapproved, 'approval')).toBe('blocked');
      expect(
        unapproved.steps.find(s => s.id === 'approval')?.message,
      ).toContain('requires explicit approval');
    });
    const approved = await strict.provisioner.decommission(
      { appName: app, environment: strict.env },
      ctx(),
      { approved: true },
    );
    expect(approved.outcome).toBe('updated');
  });

  if (!pg15) {
    it('snapshot-and-delete refuses a pg_dump older than the server, before any change', async () => {
      const { app } = await provisionWithRows(target, suite, 'old');
      const result = await expectCatalogUnchanged(target, app, env, () =>
        provisioner.decommission(request(app, 'snapshot-and-delete'), ctx()),
      );
      expect(result.outcome).toBe('blocked');
      const block = result.steps.find(s => s.id === 'preflight.pg_dump');
      expect(block?.message).toMatch(
        /\/usr\/bin\/pg_dump is version 15\.\d+, older than the server \(Postgres 17\)/,
      );
    });
    return;
  }

  it('snapshot-and-delete: the verified dump restores into a fresh database with the same rows', async () => {
    const { app } = await provisionWithRows(target, suite, 'snap');
    const result = await provisioner.decommission(
      request(app, 'snapshot-and-delete'),
      ctx('snap'),
    );
    expect(result.error).toBeUndefined();
    expect(result.steps.map(s => s.id)).toEqual([
      'login.disable',
      'sessions.terminate',
      'dump',
      'database.drop',
      'roles.drop',
      'secret.delete',
    ]);
    expect(result.steps.map(s => [s.id, s.outcome]).slice(2)).toEqual([
      ['dump', 'created'],
      ['database.drop', 'deleted'],
      ['roles.drop', 'deleted'],
      ['secret.delete', 'deleted'],
    ]);
    expect(result.dumpLocation).toMatch(
      new RegExp(`^${dumps}/${env}/${app}_${env}_db-\\d{8}T\\d{9}Z\\.dump$`),
    );
    expect(await restoredRows(target, result.dumpLocation!)).toEqual([
      'tea',
      'milk',
      'bread',
    ]);
  });

  it('snapshot-and-delete to S3: uploaded, read back, and restorable', async () => {
    const bucket = TEST_S3.bucket;
    const { app } = await provisionWithRows(target, s3, 's3');
    const result = await s3.provisioner.decommission(
      { appName: app, environment: s3.env, policy: 'snapshot-and-delete' },
      ctx('s3'),
    );
    expect(result.error).toBeUndefined();
    expect(result.dumpLocation).toMatch(
      new RegExp(
        `^s3://${bucket}/dumps/${s3.env}/${app}_${s3.env}_db-.*\\.dump$`,
      ),
    );
    const plan = await s3.provisioner.planDecommission({
      appName: app,
      environment: s3.env,
      policy: 'snapshot-and-delete',
    });
    expect(plan.preflight.existingDumps).toEqual([result.dumpLocation]);
    expect(plan.steps.find(s => s.id === 'dump')?.reason).toContain(
      result.dumpLocation!,
    );
    const client = s3Client;
    const key = result.dumpLocation!.slice(`s3://${bucket}/`.length);
    const object = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
    );
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'rds-s3-')),
      'x.dump',
    );
    writeFileSync(file, Buffer.from(await object.Body!.transformToByteArray()));
    expect(await restoredRows(target, file)).toEqual(['tea', 'milk', 'bread']);
  });

  it('a run interrupted after the dump, or after the drop, converges on re-run', async () => {
    const { app } = await provisionWithRows(target, suite, 'halt');
    const stopAfter = (id: string) => ({
      onStep: (e: { phase: string; step: { id: string } }) => {
        if (e.phase === 'end' && e.step.id === id)
          throw new Error(`stopped after ${id}`);
      },
    });
    const first = await provisioner.decommission(
      request(app, 'snapshot-and-delete'),
      ctx('halt-1'),
      stopAfter('dump'),
    );
    expect(first.outcome).toBe('failed');
    expect(first.error).toContain('stopped after dump');
    expect(
      (await appObjects(target, suite.secretsManager, app, env)).databases,
    ).toHaveLength(1);

    const second = await provisioner.decommission(
      request(app, 'snapshot-and-delete'),
      ctx('halt-2'),
      stopAfter('database.drop'),
    );
    expect(second.outcome).toBe('failed');
    expect(stepOutcome(second, 'dump')).toBe('created');
    expect(stepOutcome(second, 'login.disable')).toBe('no_change');
    const half = await appObjects(target, suite.secretsManager, app, env);
    expect(half.databases).toEqual([]);
    expect(half.roles).toHaveLength(4);

    const third = await provisioner.decommission(
      request(app, 'snapshot-and-delete'),
      ctx('halt-3'),
    );
    expect(third.steps.map(s => [s.id, s.outcome])).toEqual([
      ['login.disable', 'no_change'],
      ['sessions.terminate', 'no_change'],
      ['dump', 'no_change'],
      ['database.drop', 'no_change'],
      ['roles.drop', 'deleted'],
      ['secret.delete', 'deleted'],
    ]);
    expect(third.steps.find(s => s.id === 'dump')?.message).toContain(
      second.dumpLocation!,
    );
    const dumpsOfApp = readdirSync(path.join(dumps, env)).filter(f =>
      f.startsWith(`${app}_${env}_db-`),
    );
    expect(dumpsOfApp).toHaveLength(2);
    expect(
      (
        await provisioner.decommission(
          request(app, 'snapshot-and-delete'),
          ctx(),
        )
      ).outcome,
    ).toBe('no_change');
  });
});

/** Restores a dump as the superuser into a fresh database; resolves to the rows of `orders`. */
async function restoredRows(
  target: TestTarget,
  file: string,
): Promise<string[]> {
  const fresh = uniqueApp('restored');
  await asSuper(target, `CREATE DATABASE ${fresh}`);
  try {
    const url = new URL(target.superUrl);
    url.pathname = `/${fresh}`;
    execFileSync('/usr/bin/pg_restore', [
      '--no-owner',
      '--no-acl',
      '--dbname',
      url.toString(),
      file,
    ]);
    const rows = await asSuper(
      target,
      'SELECT item FROM orders ORDER BY id',
      [],
      fresh,
    );
    return rows.map(r => r.item);
  } finally {
    await asSuper(target, `DROP DATABASE ${fresh} WITH (FORCE)`);
  }
}
