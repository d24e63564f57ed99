import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  asSuper,
  describeOnTargets,
  expectCatalogUnchanged,
  recordingLogger,
  rolesNamed,
  testEnvironment,
  uniqueApp,
  urlFor,
  withClient,
} from '../__testUtils__/targets';
import { RdsProvisioner } from './RdsProvisioner';

describeOnTargets('RdsProvisioner', target => {
  const logger = recordingLogger();
  const audit: AuditRecord[] = [];
  const { env, secretsManager, provisioner, request } = suiteProvisioner(
    target,
    undefined,
    { logger, auditSink: { write: async r => void audit.push(r) } },
  );
  const ctx = { runId: 'run-1', actor: 'user:default/jane' };

  it('creates role, database, grants and secret, then reports no_change and sends no DDL', async () => {
    const app = uniqueApp();
    const payments = request(app, 'editor', {
      entityRef: 'component:default/payments',
      buildId: 'build-7',
      justification: ' Ledger moves off the shared cluster (CHG-1042)\n',
    });

    const first = await provisioner.apply(payments, ctx);
    expect(first.error).toBeUndefined();
    expect(first.outcome).toBe('created');
    expect(first.steps.map(s => [s.id, s.outcome])).toEqual([
      // The suite's first run on the instance creates the provenance role.
      ['provenance', 'created'],
      // The secret first: nothing exists in Postgres unless the password has its home.
      ['secret', 'created'],
      ['role.owner', 'created'],
      ['role.reader', 'created'],
      ['role.editor', 'created'],
      ['admin.membership', 'created'],
      ['database', 'created'],
      ['database.privileges', 'created'],
      // A new database gets the full, idempotent set without being read first.
      ['schema.privileges', 'created'],
      ['object.privileges', 'no_change'],
      ['default.privileges', 'created'],
      ['role.login', 'created'],
      ['login.membership', 'created'],
      ['login.settings', 'no_change'],
    ]);
    expect(first.secretArn).toMatch(/^arn:aws:secretsmanager:/);

    // The secret: RDS rotation shape, tags, and a password that logs in.
    const value = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: first.secretName }),
    );
    const secret = JSON.parse(value.SecretString!);
    expect(secret).toMatchObject({
      engine: 'postgres',
      username: `${app}_${env}_user`,
      dbname: `${app}_${env}_db`,
      port: Number(new URL(target.adminUrl).port),
    });
    expect(secret.password).toMatch(/^[A-Za-z0-9]{40}$/);
    const described = await secretsManager.send(
      new DescribeSecretCommand({ SecretId: first.secretName }),
    );
    expect(
      Object.fromEntries(described.Tags!.map(t => [t.Key, t.Value])),
    ).toMatchObject({
      ManagedBy: 'backstage-rds',
      Environment: env,
      App: app,
      Owner: 'component:default/payments',
      BuildId: 'build-7',
    });
    const user = await withClient(
      urlFor(target, secret.username, secret.password, secret.dbname),
      async c => (await c.query('SELECT current_user AS u')).rows[0].u,
    );
    expect(user).toBe(secret.username);

    // The password was sent as a SCRAM verifier.
    const [stored] = await asSuper(
      target,
      'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
      [secret.username],
    );
    expect(stored.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);

    // Second run: no_change everywhere, and no DDL: no catalog row of the app was rewritten.
    const second = await expectCatalogUnchanged(target, app, env, () =>
      provisioner.apply(payments, { ...ctx, runId: 'run-2' }),
    );
    expect(second.outcome).toBe('no_change');
    expect(second.steps.every(s => s.outcome === 'no_change')).toBe(true);

    // Same password kept.
    const again = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: first.secretName }),
    );
    expect(JSON.parse(again.SecretString!).password).toBe(secret.password);

    // The password is nowhere: logs, plans, results, audit records.
    const plan = await provisioner.plan(payments, ctx);
    const everything = JSON.stringify([
      logger.lines,
      first,
      second,
      plan,
      audit,
    ]);
    expect(everything).not.toContain(secret.password);
    expect(everything).not.toContain('SCRAM-SHA-256$');
    expect(audit.map(a => [a.runId, a.outcome, a.actor])).toEqual([
      ['run-1', 'created', 'user:default/jane'],
      ['run-2', 'no_change', 'user:default/jane'],
    ]);

    // The justification is kept (trimmed) in the audit record only: no tag, no log line.
    expect(audit.map(a => a.justification)).toEqual([
      'Ledger moves off the shared cluster (CHG-1042)',
      'Ledger moves off the shared cluster (CHG-1042)',
    ]);
    expect(JSON.stringify([described.Tags, logger.lines])).not.toContain(
      'CHG-1042',
    );
  });

  it('dry run: plans, reports planned steps with redacted SQL, changes nothing', async () => {
    const app = uniqueApp('dry');
    const owner = request(app, 'owner');
    const plan = await provisioner.plan(owner, ctx);
    expect(plan).toMatchObject({
      database: `${app}_${env}_db`,
      role: `${app}_${env}_user`,
      secretName: `rds/${env}/${app}`,
      blocked: false,
    });
    const login = plan.steps.find(st => st.id === 'role.login')!;
    expect(login.sql[0]).toBe(
      `CREATE ROLE "${app}_${env}_user" LOGIN PASSWORD '********'`,
    );
    expect(plan.steps.find(st => st.id === 'login.settings')!.sql).toEqual([
      `ALTER ROLE "${app}_${env}_user" IN DATABASE "${app}_${env}_db" SET role = "${app}_${env}_owner"`,
    ]);

    const result = await provisioner.apply(owner, ctx, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.outcome).toBe('planned');
    expect(result.steps.find(st => st.id === 'database')!.outcome).toBe(
      'planned',
    );
    expect(await rolesNamed(target, app)).toEqual([]);
    const status = await provisioner.status(app);
    expect(status).toMatchObject({
      exists: false,
      secretPresent: false,
      accessLevel: undefined,
    });
    expect(status.drift).toContainEqual(
      expect.stringMatching(/^role.owner: role .* does not exist/),
    );
  });

  it('status of a provisioned app: exists, owner, level, secret, no drift', async () => {
    const app = uniqueApp('st');
    await provisioner.apply(request(app, 'reader'), ctx);
    expect(await provisioner.status(app)).toEqual({
      environment: env,
      instance: `test-${target.name.toLowerCase()}`,
      appName: app,
      database: `${app}_${env}_db`,
      role: `${app}_${env}_user`,
      accessLevel: 'reader',
      exists: true,
      owner: `${app}_${env}_owner`,
      secretName: `rds/${env}/${app}`,
      secretArn: expect.stringMatching(
        new RegExp(`^arn:aws:secretsmanager:.*:secret:rds/${env}/${app}-`),
      ),
      secretPresent: true,
      drift: [],
      blockedReason: undefined,
    });
    await expect(provisioner.status('Bad')).rejects.toThrow(
      /Invalid app name: app name "Bad"/,
    );
  });

  it('reads delegated admin credentials from a Secrets Manager secret, and again after they rotate', async () => {
    // A dedicated RDS-like admin, so rotating its password disturbs no other test.
    const admin = uniqueApp('adm');
    const [p1, p2] = [uniqueApp('p'), uniqueApp('p')];
    await asSuper(
      target,
      `CREATE ROLE "${admin}" LOGIN CREATEROLE CREATEDB PASSWORD '${p1}'`,
    );
    const adminSecret = await secretsManager.send(
      new CreateSecretCommand({
        Name: `admin/${env}/${admin}`,
        SecretString: JSON.stringify({ username: admin, password: p1 }),
      }),
    );
    const base = testEnvironment(target, { name: env });
    const adminLog = recordingLogger();
    const fromSecret = new RdsProvisioner({
      environment: {
        ...base,
        instance: {
          ...base.instance,
          admin: { secretId: adminSecret.Name! },
          // Another platform admin: its own provenance role.
          provenanceRole: `${admin}_managed`,
        },
      },
      secretsManager,
      logger: adminLog,
    });
    try {
      const app = uniqueApp('adm');
      const result = await fromSecret.apply(request(app), ctx);
      expect(result.outcome).toBe('created');
      const value = await secretsManager.send(
        new GetSecretValueCommand({ SecretId: result.secretName }),
      );
      // Multi-user rotation functions find the admin through masterarn.
      expect(JSON.parse(value.SecretString!).masterarn).toBe(adminSecret.ARN);

      // Rotation of the admin secret: new password in Postgres and in the secret; open sessions end.
      await asSuper(target, `ALTER ROLE "${admin}" PASSWORD '${p2}'`);
      await secretsManager.send(
        new PutSecretValueCommand({
          SecretId: adminSecret.Name!,
          SecretString: JSON.stringify({ username: admin, password: p2 }),
        }),
      );
      await asSuper(
        target,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`,
        [admin],
      );
      const after = await fromSecret.apply(
        request(uniqueApp('adm'), 'reader'),
        ctx,
      );
      expect(after.error).toBeUndefined();
      expect(after.outcome).toBe('created');
      expect(adminLog.lines.join('\n')).toContain(
        'admin password rejected: reading the admin secret again',
      );
      expect(adminLog.lines.join('\n')).not.toContain(p2);
    } finally {
      await fromSecret.close();
    }
  });
});
