import type { AccessLevel } from '@rds-self-service/plugin-rds-common';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  appObjects,
  asSuper,
  changedSteps,
  describeOnTargets,
  rolesNamed,
  sqlState,
  testEnvironment,
  type TestTarget,
  uniqueApp,
  uniqueEnv,
  urlFor,
  withClient,
} from '../__testUtils__/targets';

/**
 * What a careless DBA or a hostile tenant can do behind the platform's back, and what the
 * engine makes of it: never adopted, reverted where the admin can, blocked where it cannot.
 */
const ctx = { runId: 'trust', actor: 'user:default/test' };

/** SQL as the platform admin (the RDS-like, non-superuser CREATEROLE CREATEDB role). */
async function asAdmin(target: TestTarget, text: string, database?: string) {
  const url = new URL(target.adminUrl);
  if (database) url.pathname = `/${database}`;
  return withClient(url.toString(), async c => (await c.query(text)).rows);
}

/** The role attributes the platform never gives, and direct memberships, of one role. */
async function roleFacts(target: TestTarget, role: string) {
  const [row] = await asSuper(
    target,
    `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
            (SELECT coalesce(array_agg(g.rolname::text ORDER BY g.rolname), '{}') FROM pg_auth_members m
               JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) AS member_of,
            (SELECT coalesce(array_agg(u.rolname::text ORDER BY u.rolname), '{}') FROM pg_auth_members m
               JOIN pg_roles u ON u.oid = m.member WHERE m.roleid = r.oid) AS members
     FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  return row;
}

describeOnTargets('trust', target => {
  const { env, secretsManager, provisioner, request, readSecret, sessionUser } =
    suiteProvisioner(target, 'tr');
  const provenance = `${env}_managed`;
  const pg16 = async () =>
    (
      await asSuper(
        target,
        `SELECT current_setting('server_version_num')::int >= 160000 AS v`,
      )
    )[0].v as boolean;
  const apply = (appName: string, accessLevel?: AccessLevel) =>
    provisioner.apply(request(appName, accessLevel), ctx);

  /** What exists for an app: its roles, its database and its secret. */
  const existing = (app: string) =>
    appObjects(target, secretsManager, app, env);
  const loginWorks = async (app: string) =>
    (await sessionUser(app)) === `${app}_${env}_user`;

  // Case 1: a marker comment alone makes nothing "ours"; neither does a role made by hand.
  it.each([
    [
      'a login role created by hand',
      'user',
      'login',
      (role: string) => `CREATE ROLE "${role}" LOGIN`,
      false,
    ],
    [
      'a NOLOGIN CREATEROLE reader role with a forged marker comment',
      'reader',
      'reader',
      (role: string) => `CREATE ROLE "${role}" NOLOGIN CREATEROLE`,
      true,
    ],
    [
      'a BYPASSRLS owner role with a forged marker comment',
      'owner',
      'owner',
      (role: string) => `CREATE ROLE "${role}" NOLOGIN BYPASSRLS`,
      true,
    ],
    [
      'a login role in pg_read_all_data with a forged marker comment',
      'user',
      'login',
      (role: string) =>
        `CREATE ROLE "${role}" LOGIN; GRANT pg_read_all_data TO "${role}"`,
      true,
    ],
    [
      'a SUPERUSER login role with a forged marker comment',
      'user',
      'login',
      (role: string) => `CREATE ROLE "${role}" LOGIN SUPERUSER`,
      true,
    ],
  ] as const)(
    'blocks %s, and creates nothing',
    async (_what, suffix, kind, create, forged) => {
      const app = uniqueApp('p');
      const role = `${app}_${env}_${suffix}`;
      const marker = `COMMENT ON ROLE "${role}" IS 'managed-by=backstage-rds; app=${app}; env=${env}; kind=${kind}'`;
      await asSuper(
        target,
        forged ? `${create(role)}; ${marker}` : create(role),
      );
      const result = await apply(app, 'reader');
      expect(result.outcome).toBe('blocked');
      const block = result.steps.find(s => s.id === `role.${kind}`)!;
      expect(block.outcome).toBe('blocked');
      expect(block.message).toContain(
        `role "${role}" exists but was not created by the platform`,
      );
      expect(block.message).toContain(
        `it is not a member of "${provenance}" granted by the platform admin "rds_admin"`,
      );
      expect(block.message).toContain('Fix: choose another app name');
      expect(block.message!.includes('Its comment claims it is')).toBe(forged);
      expect(
        changedSteps(result.steps).every(s => s.endsWith(':blocked')),
      ).toBe(true);
      expect(await existing(app)).toEqual({
        roles: [role],
        databases: [],
        secret: false,
      });
      await asSuper(target, `DROP ROLE "${role}"`);
    },
  );

  it('a second CREATEROLE role cannot forge provenance: no ADMIN on the provenance role (16+), and its grant is not the admin’s (15)', async () => {
    await apply(uniqueApp('seed')); // the provenance role exists from here on
    const app = uniqueApp('p');
    const role = `${app}_${env}_reader`;
    const mallory = uniqueApp('mallory');
    await asSuper(
      target,
      `CREATE ROLE "${mallory}" LOGIN CREATEROLE PASSWORD 'mallory-pw-1'`,
    );
    const url = urlFor(target, mallory, 'mallory-pw-1', 'postgres');
    const forged = await withClient(url, async c => {
      await c.query(`CREATE ROLE "${role}" NOLOGIN`);
      return sqlState(c, `GRANT "${provenance}" TO "${role}"`);
    });
    expect(forged).toBe((await pg16()) ? '42501' : 'ok');
    const result = await apply(app, 'reader');
    expect(result.outcome).toBe('blocked');
    expect(result.steps.find(s => s.id === 'role.reader')!.message).toContain(
      `it is not a member of "${provenance}" granted by the platform admin "rds_admin"`,
    );
    expect((await existing(app)).databases).toEqual([]);
  });

  // Case 2: privileges added after provisioning.
  it('reverts attributes and memberships the admin can undo, reported as updated, then no_change', async () => {
    const app = uniqueApp('x');
    const other = uniqueApp('y');
    expect((await apply(app)).outcome).toBe('created');
    expect((await apply(other)).outcome).toBe('created');
    const [user, editor, owner] = ['user', 'editor', 'owner'].map(
      s => `${app}_${env}_${s}`,
    );
    const intruder = uniqueApp('intruder');
    await asAdmin(
      target,
      `ALTER ROLE "${user}" CREATEROLE;
         ALTER ROLE "${editor}" CREATEDB;
         CREATE ROLE "${intruder}" NOLOGIN;
         GRANT "${owner}" TO "${intruder}";
         GRANT "${other}_${env}_reader" TO "${user}"`,
    );

    const status = await provisioner.status(app);
    expect(status.drift).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^role.editor: role ${editor} has CREATEDB`),
        ),
        expect.stringMatching(
          new RegExp(`^role.owner: role ${owner} has ${intruder} as a member`),
        ),
        expect.stringMatching(
          new RegExp(`^role.login: role ${user}: has CREATEROLE`),
        ),
      ]),
    );
    expect(status.blockedReason).toBeUndefined();

    const result = await apply(app);
    expect(result.outcome).toBe('updated');
    expect(changedSteps(result.steps)).toEqual([
      'role.owner:updated',
      'role.editor:updated',
      'role.login:updated',
    ]);
    expect(result.steps.find(s => s.id === 'role.login')!.message).toContain(
      `is a member of ${other}_${env}_reader (granted by rds_admin), outside its app's roles`,
    );
    expect(await roleFacts(target, user)).toMatchObject({
      rolcreaterole: false,
      member_of: [provenance, editor].sort(),
    });
    expect(await roleFacts(target, editor)).toMatchObject({
      rolcreatedb: false,
    });
    expect((await roleFacts(target, owner)).members).not.toContain(intruder);
    expect((await apply(app)).outcome).toBe('no_change');
    expect(await loginWorks(app)).toBe(true);
  });

  it('blocks what only a superuser can undo (the issue’s BYPASSRLS + pg_read_all_data), changing nothing, then converges once a superuser did', async () => {
    const app = uniqueApp('x');
    expect((await apply(app)).outcome).toBe('created');
    const [user, editor] = ['user', 'editor'].map(s => `${app}_${env}_${s}`);
    await asSuper(
      target,
      `ALTER ROLE "${user}" CREATEROLE BYPASSRLS;
         GRANT pg_read_all_data TO "${user}";
         ALTER ROLE "${editor}" CREATEDB`,
    );
    const status = await provisioner.status(app);
    expect(status.drift.length).toBeGreaterThan(0);
    expect(status.blockedReason).toContain(
      `role "${user}" was changed outside the platform: it has CREATEROLE, which the platform never gives; it has BYPASSRLS`,
    );

    const blocked = await apply(app);
    expect(blocked.outcome).toBe('blocked');
    const message = blocked.steps.find(s => s.id === 'role.login')!.message!;
    expect(message).toContain('is a member of pg_read_all_data');
    expect(message).toContain(
      `Fix: have a superuser run ALTER ROLE "${user}" NOBYPASSRLS`,
    );
    // Blocked means nothing ran: not even what the admin could have reverted.
    expect((await roleFacts(target, editor)).rolcreatedb).toBe(true);

    // On 16+ the admin cannot revoke the superuser's grant; on 15 CREATEROLE can.
    await asSuper(
      target,
      `ALTER ROLE "${user}" NOBYPASSRLS${
        (await pg16())
          ? `; REVOKE pg_read_all_data FROM "${user}" GRANTED BY postgres`
          : ''
      }`,
    );
    const fixed = await apply(app);
    expect(fixed.outcome).toBe('updated');
    expect(await roleFacts(target, user)).toMatchObject({
      rolcreaterole: false,
      rolbypassrls: false,
      member_of: [provenance, editor].sort(),
    });
    expect((await roleFacts(target, editor)).rolcreatedb).toBe(false);
    expect((await apply(app)).outcome).toBe('no_change');
  });

  // Case 3: a password changed out of band.
  it('detects a password changed behind the platform’s back, sets it from the secret again and proves the login', async () => {
    const app = uniqueApp('d');
    expect((await apply(app)).outcome).toBe('created');
    const user = `${app}_${env}_user`;
    await asSuper(target, `ALTER ROLE "${user}" PASSWORD 'x'`);
    expect(await loginWorks(app)).toBe(false);

    const status = await provisioner.status(app);
    expect(status.drift).toEqual([
      expect.stringContaining(
        "the secret's password no longer logs in (password authentication failed",
      ),
    ]);
    const result = await apply(app);
    expect(result.outcome).toBe('updated');
    expect(changedSteps(result.steps)).toEqual(['role.login:updated']);
    expect(await loginWorks(app)).toBe(true);
    const [stored] = await asSuper(
      target,
      'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
      [user],
    );
    expect(stored.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    expect((await apply(app)).outcome).toBe('no_change');
  });

  it('reverts an expiry set on the login role', async () => {
    const app = uniqueApp('d');
    expect((await apply(app)).outcome).toBe('created');
    await asAdmin(
      target,
      `ALTER ROLE "${app}_${env}_user" VALID UNTIL '2000-01-01'`,
    );
    expect(await loginWorks(app)).toBe(false);
    const result = await apply(app);
    expect(result.outcome).toBe('updated');
    expect(result.steps.find(s => s.id === 'role.login')!.message).toContain(
      'has a password that expires',
    );
    expect(await loginWorks(app)).toBe(true);
  });

  // Case 4: hand-revoked schema USAGE is not hidden by PUBLIC's, so the hardening
  // `REVOKE USAGE ... FROM PUBLIC` later leaves the groups their explicit grant.
  it('restores the groups’ explicit schema USAGE, so REVOKE ... FROM PUBLIC hardening keeps the reader reading', async () => {
    const app = uniqueApp('h');
    expect((await apply(app, 'reader')).outcome).toBe('created');
    const base = `${app}_${env}`;
    const db = `${base}_db`;
    await asSuper(
      target,
      `SET ROLE "${base}_owner"; CREATE TABLE t (x int); INSERT INTO t VALUES (1); RESET ROLE;
         REVOKE USAGE ON SCHEMA public FROM "${base}_reader", "${base}_editor"`,
      [],
      db,
    );
    const result = await apply(app, 'reader');
    expect(result.outcome).toBe('updated');
    expect(changedSteps(result.steps)).toEqual(['schema.privileges:updated']);
    expect((await apply(app, 'reader')).outcome).toBe('no_change');

    await asSuper(target, 'REVOKE USAGE ON SCHEMA public FROM PUBLIC', [], db);
    const s = await readSecret(app);
    expect(
      await withClient(urlFor(target, s.username, s.password, db), c =>
        sqlState(c, 'SELECT x FROM public.t'),
      ),
    ).toBe('ok');
  });

  // The provenance role itself is checked before anything is trusted.
  describe('a tampered provenance role', () => {
    const envP = uniqueEnv('pv');
    const own = new RdsProvisioner({
      environment: testEnvironment(target, { name: envP }),
      secretsManager,
    });
    afterAll(() => own.close());
    const run = (appName: string) =>
      own.apply({ appName, environment: envP, accessLevel: 'reader' }, ctx);

    it.each([
      [
        'is a member of pg_read_all_data',
        (role: string) => `GRANT pg_read_all_data TO "${role}"`,
        (role: string) => `REVOKE "pg_read_all_data" FROM "${role}"`,
        'every managed role would inherit that',
      ],
      [
        'lets another role grant it',
        (role: string) =>
          `CREATE ROLE "${role}_other"; GRANT "${role}" TO "${role}_other" WITH ADMIN OPTION`,
        (role: string) =>
          `REVOKE ADMIN OPTION FOR "${role}" FROM "${role}_other"`,
        'may grant it (ADMIN OPTION)',
      ],
    ])(
      'blocks every run when it %s, and says how to fix it',
      async (_what, tamper, fix, problem) => {
        const role = `${envP}_managed`;
        const app = uniqueApp('pv');
        expect((await run(uniqueApp('pv'))).outcome).toBe('created');
        await asSuper(target, tamper(role));
        const blocked = await run(app);
        expect(blocked.outcome).toBe('blocked');
        const step = blocked.steps.find(s => s.id === 'provenance')!;
        expect(step.message).toContain(
          `role "${role}", whose members are the roles the platform created, cannot be trusted`,
        );
        expect(step.message).toContain(problem);
        expect(step.message).toContain(`Fix: ${fix(role)}`);
        expect(await rolesNamed(target, app)).toEqual([]);
        await asSuper(target, fix(role));
        expect((await run(app)).outcome).toBe('created');
      },
    );
  });
});
