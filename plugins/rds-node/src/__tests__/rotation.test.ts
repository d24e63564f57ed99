import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import type {
  AccessLevel,
  ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import { Client } from 'pg';
import type { RotationStrategy } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import {
  dropRotatingApp,
  rotatingApp,
  rotatingSecretsManager,
  ROTATION_ARNS,
} from '../__testUtils__/rotation';
import {
  asSuper,
  changedSteps,
  describeOnTargets,
  sqlState,
  stepOutcome,
  urlFor,
  withClient,
  type TestTarget,
} from '../__testUtils__/targets';

const ctx = { runId: 'rotation', actor: 'user:default/test' };

type Creds = { username: string; password: string; dbname: string };

/** What the access level allows, proved as the given credentials. */
async function expectAccess(
  target: TestTarget,
  creds: Creds,
  level: AccessLevel,
  round: number,
): Promise<void> {
  await withClient(
    urlFor(target, creds.username, creds.password, creds.dbname),
    async c => {
      if (level === 'owner') {
        // Created by whichever login is current, owned by the NOLOGIN owner role.
        await c.query(`CREATE TABLE round_${round} (id int)`);
        await c.query(`INSERT INTO round_${round} VALUES (${round})`);
        const { rows } = await c.query(
          `SELECT tableowner FROM pg_tables WHERE tablename = $1`,
          [`round_${round}`],
        );
        expect(rows[0].tableowner).toBe(creds.dbname.replace(/_db$/, '_owner'));
        expect(
          (await c.query('SELECT count(*)::int AS n FROM shared')).rows[0].n,
        ).toBeGreaterThan(0);
        return;
      }
      expect(await sqlState(c, 'SELECT * FROM shared')).toBe('ok');
      expect(await sqlState(c, `INSERT INTO shared VALUES (${round})`)).toBe(
        level === 'editor' ? 'ok' : '42501',
      );
      expect(await sqlState(c, `CREATE TABLE x_${round} (id int)`)).toBe(
        '42501',
      );
    },
  );
}

/** 'ok', or the SQLSTATE the login fails with. */
async function login(target: TestTarget, creds: Creds): Promise<string> {
  return withClient(
    urlFor(target, creds.username, creds.password, creds.dbname),
    async () => 'ok',
  ).catch(e => (e as { code?: string }).code ?? String(e));
}

const CASES: Array<[RotationStrategy, AccessLevel]> = [
  ['single-user', 'editor'],
  ['alternating-users', 'owner'],
  ['alternating-users', 'reader'],
];

describeOnTargets('rotation', target => {
  const sm = rotatingSecretsManager();
  const stage = async (secretName: string, VersionStage: string) => {
    const out = await sm
      .client()
      .send(new GetSecretValueCommand({ SecretId: secretName, VersionStage }));
    return JSON.parse(out.SecretString!) as Creds;
  };
  /** A fresh rotating app and the editor request for it. */
  const editorApp = async (strategy: RotationStrategy, prefix: string) => {
    const created = await rotatingApp(target, sm, strategy, prefix);
    const request = {
      appName: created.app,
      environment: created.env,
      accessLevel: 'editor' as const,
    };
    return { ...created, request };
  };
  /** Provisions, then lets Secrets Manager rotate the secret once. */
  const provisionAndRotate = async (
    provisioner: RdsProvisioner,
    request: ProvisionRequest,
    secretName: string,
  ) => {
    await provisioner.apply(request, ctx);
    await sm.client().send(new RotateSecretCommand({ SecretId: secretName }));
    await sm.server().waitForRotations();
  };

  it.each(CASES)(
    '%s rotation with an %s app connected throughout: current logs in, previous until the next rotation, re-runs no_change',
    async (strategy, level) => {
      const { env, provisioner, app, base, secretName } = await rotatingApp(
        target,
        sm,
        strategy,
        'rot',
      );
      const request = { appName: app, environment: env, accessLevel: level };
      let appClient: Client | undefined;
      try {
        const first = await provisioner.apply(request, ctx);
        expect(first.outcome).toBe('created');
        expect(stepOutcome(first, 'secret.rotation')).toBe('created');
        expect(stepOutcome(first, 'role.clone')).toBe(
          strategy === 'alternating-users' ? 'created' : undefined,
        );
        const described = await sm
          .client()
          .send(new DescribeSecretCommand({ SecretId: secretName }));
        expect(described).toMatchObject({
          RotationEnabled: true,
          RotationLambdaARN: ROTATION_ARNS[strategy],
          RotationRules: { AutomaticallyAfterDays: 30 },
        });
        expect(described.NextRotationDate).toBeInstanceOf(Date);

        const rotateCalls = sm.server().requestCount('RotateSecret');
        const again = await provisioner.apply(request, ctx);
        expect(changedSteps(again.steps)).toEqual([]);
        expect(sm.server().requestCount('RotateSecret')).toBe(rotateCalls);

        // A table of the owner role with a row, as the app's schema would be.
        await asSuper(
          target,
          `SET ROLE "${base}_owner"; CREATE TABLE shared (id int); INSERT INTO shared VALUES (0)`,
          [],
          `${base}_db`,
        );
        // The application: connected with the first credentials, and kept connected.
        const initial = await stage(secretName, 'AWSCURRENT');
        appClient = new Client({
          connectionString: urlFor(
            target,
            initial.username,
            initial.password,
            initial.dbname,
          ),
        });
        appClient.on('error', () => {});
        await appClient.connect();

        for (let round = 1; round <= 3; round++) {
          const before = await stage(secretName, 'AWSCURRENT');
          // Round 2 on demand from the template: the same path (RotateSecret, the function
          // rotates); the others as the schedule does it.
          const onDemand =
            round === 2
              ? await provisioner.apply(
                  { ...request, rotatePassword: true },
                  ctx,
                )
              : await sm
                  .client()
                  .send(new RotateSecretCommand({ SecretId: secretName }))
                  .then(() => undefined);
          expect(onDemand && changedSteps(onDemand.steps)).toEqual(
            round === 2 ? ['secret.rotation:updated'] : undefined,
          );
          await sm.server().waitForRotations();
          const current = await stage(secretName, 'AWSCURRENT');
          const previous = await stage(secretName, 'AWSPREVIOUS');
          expect(current.password).not.toBe(before.password);
          expect(previous).toEqual(before);
          const alternating = strategy === 'alternating-users';
          // Alternating users: the clone, then the login again; the previous one still logs in.
          expect(current.username).toBe(
            alternating && round % 2 ? `${base}_user_clone` : `${base}_user`,
          );
          expect(await login(target, previous)).toBe(
            alternating ? 'ok' : '28P01',
          );
          await expectAccess(target, current, level, round);
          expect((await appClient.query('SELECT 1 AS one')).rows).toEqual([
            { one: 1 },
          ]);

          const rerun = await provisioner.apply(request, ctx);
          expect(changedSteps(rerun.steps)).toEqual([]);
          expect(rerun.outcome).toBe('no_change');
          const status = await provisioner.status(app);
          expect(status.drift).toEqual([]);
          expect(status.blockedReason).toBeUndefined();
          expect(status.rotation).toEqual({
            enabled: true,
            strategy,
            scheduleDays: 30,
            lastRotatedAt: expect.any(String),
            nextRotationAt: expect.any(String),
            currentUser: current.username,
          });
          expect(
            Date.parse(status.rotation!.nextRotationAt!) -
              Date.parse(status.rotation!.lastRotatedAt!),
          ).toBe(30 * 24 * 3600 * 1000);
        }
      } finally {
        await appClient?.end().catch(() => {});
        await provisioner.close();
        await dropRotatingApp(target, base);
      }
    },
    60_000,
  );

  it('converges the current login of alternating users when its password was changed behind the platform', async () => {
    const { provisioner, base, secretName, request } = await editorApp(
      'alternating-users',
      'drift',
    );
    try {
      await provisionAndRotate(provisioner, request, secretName);
      const current = await stage(secretName, 'AWSCURRENT');
      expect(current.username).toBe(`${base}_user_clone`);
      await asSuper(
        target,
        `ALTER ROLE "${base}_user_clone" PASSWORD 'changed-by-hand'`,
      );
      expect(await login(target, current)).toBe('28P01');

      const result = await provisioner.apply(request, ctx);
      expect(changedSteps(result.steps)).toEqual(['role.clone:updated']);
      expect(await login(target, current)).toBe('ok');
      expect(JSON.stringify(result)).not.toContain(current.password);
      expect(
        changedSteps((await provisioner.apply(request, ctx)).steps),
      ).toEqual([]);
    } finally {
      await provisioner.close();
      await dropRotatingApp(target, base);
    }
  }, 30_000);

  it('refuses a _clone login the platform did not create, and turns no rotation on', async () => {
    const { env, provisioner, app, base } = await rotatingApp(
      target,
      sm,
      'alternating-users',
      'forged',
    );
    try {
      // Someone with CREATEROLE got there first, with a comment that claims the platform made it.
      await withClient(target.adminUrl, async c => {
        await c.query(
          `CREATE ROLE "${base}_user_clone" LOGIN PASSWORD 'known-to-them'`,
        );
        await c.query(
          `COMMENT ON ROLE "${base}_user_clone" IS 'managed-by=backstage-rds; app=${app}; env=${env}; kind=clone'`,
        );
      });
      const calls = sm.server().requestCount('RotateSecret');
      const result = await provisioner.apply(
        { appName: app, environment: env, accessLevel: 'editor' },
        ctx,
      );
      expect(result.outcome).toBe('blocked');
      const block = result.steps.find(s => s.id === 'role.clone');
      expect(block?.outcome).toBe('blocked');
      expect(block?.message).toContain('was not created by the platform');
      expect(block?.message).toContain(
        "Alternating-users rotation would give it the app's credentials",
      );
      expect(sm.server().requestCount('RotateSecret')).toBe(calls);
      const members = await asSuper(
        target,
        `SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1`,
        [`${base}_user_clone`],
      );
      expect(members).toEqual([]);
    } finally {
      await provisioner.close();
      await asSuper(target, `DROP ROLE IF EXISTS "${base}_user_clone"`).catch(
        () => {},
      );
    }
  });

  // A run whose environment has no `secrets.rotation` (a CLI on environment variables, or a
  // backend whose config lost the block) on a secret that Secrets Manager rotates: writing the
  // secret or the login's password would fight the rotation function, and with alternating users
  // would hand the credentials back to the login the function just retired. It blocks instead.
  it.each<[RotationStrategy, boolean]>([
    ['alternating-users', false],
    ['single-user', true],
  ])(
    '%s (rotatePassword: %s): blocked with the fix, the secret and both logins untouched',
    async (strategy, rotatePassword) => {
      const { env, environment, provisioner, app, base, secretName, request } =
        await editorApp(strategy, 'rotcfg');
      const { rotation: _rotation, ...secrets } = environment.secrets;
      const withoutRotation = new RdsProvisioner({
        environment: { ...environment, secrets },
        secretsManager: sm.client(),
      });
      try {
        await provisionAndRotate(provisioner, request, secretName);
        const current = async () =>
          sm.client().send(new GetSecretValueCommand({ SecretId: secretName }));
        const before = await current();

        const result = await withoutRotation.apply(
          { ...request, rotatePassword },
          ctx,
        );
        expect(result.outcome).toBe('blocked');
        const block = result.steps.find(s => s.id === 'secret');
        expect(block?.outcome).toBe('blocked');
        expect(block?.message).toBe(
          `secret ${secretName} is rotated by Secrets Manager (${
            (
              await sm
                .client()
                .send(new DescribeSecretCommand({ SecretId: secretName }))
            ).RotationLambdaARN
          }), but this environment has no secrets.rotation, so a run would overwrite what rotation maintains. ` +
            `Fix: configure secrets.rotation for ${env} as the backend has it (the CLI reads it with --config app-config.yaml), ` +
            `or turn rotation off for the secret (aws secretsmanager cancel-rotate-secret --secret-id ${secretName}); then re-run.`,
        );
        // The cause is the secret; the other steps are not run, nothing was applied.
        expect(
          result.steps.filter(
            s => s.outcome !== 'no_change' && !s.message?.startsWith('not run'),
          ),
        ).toEqual([block]);

        const after = await current();
        expect(after.VersionId).toBe(before.VersionId);
        const creds = JSON.parse(after.SecretString!);
        // The credentials rotation made still log in.
        await withClient(
          urlFor(target, creds.username, creds.password, creds.dbname),
          async c =>
            expect((await c.query('SELECT 1 AS one')).rows).toEqual([
              { one: 1 },
            ]),
        );
        expect((await withoutRotation.status(app)).blockedReason).toContain(
          'is rotated by Secrets Manager',
        );
      } finally {
        await withoutRotation.close();
        await provisioner.close();
        await dropRotatingApp(target, base);
      }
    },
    30_000,
  );
});
