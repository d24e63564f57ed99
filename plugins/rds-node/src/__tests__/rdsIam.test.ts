import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  asSuper,
  describeOnTargets,
  dropApp,
  uniqueApp,
} from '../__testUtils__/targets';

const ctx = { runId: 'rds-iam', actor: 'user:default/test' };

/** The roles `role` is a direct member of. */
const memberOf = async (target: Parameters<typeof asSuper>[0], role: string) =>
  (
    await asSuper(
      target,
      `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
       JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1 ORDER BY 1`,
      [role],
    )
  ).map(r => r.rolname as string);

describeOnTargets('the rds_iam trap', target => {
  const { env, provisioner } = suiteProvisioner(target, 'iam');

  beforeAll(async () => {
    // RDS's role, as a superuser would find it there (other suites may create it too).
    await asSuper(
      target,
      `DO $$ BEGIN CREATE ROLE rds_iam NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    );
  });

  it('refuses to make the login a member of a group that holds rds_iam through another role, and says why', async () => {
    const app = uniqueApp('trap');
    const base = `${app}_${env}`;
    const mid = `${base}_iam_group`;
    try {
      const request = {
        appName: app,
        environment: env,
        accessLevel: 'reader' as const,
      };
      expect((await provisioner.apply(request, ctx)).outcome).toBe('created');
      await asSuper(target, `CREATE ROLE "${mid}" NOLOGIN`);
      await asSuper(target, `GRANT rds_iam TO "${mid}"`);
      await asSuper(target, `GRANT "${mid}" TO "${base}_editor"`);

      const result = await provisioner.apply(
        { ...request, accessLevel: 'editor' },
        ctx,
      );
      expect(result.outcome).toBe('blocked');
      const guard = result.steps.find(s => s.id === 'rds_iam');
      expect(guard?.outcome).toBe('blocked');
      expect(guard?.message).toContain(
        `${base}_editor, which ${base}_user is a member of for access level editor, holds rds_iam, so the app's password would stop working`,
      );
      expect(guard?.message).toContain(
        'can only log in with an IAM token, no longer with its password',
      );
      expect(guard?.message).toContain(`REVOKE rds_iam FROM "${base}_editor"`);
      // Nothing changed: still a reader, and rds_iam left where someone put it.
      expect(await memberOf(target, `${base}_user`)).toEqual(
        [`${base}_reader`, `${env}_managed`].sort(),
      );
      expect(await memberOf(target, mid)).toEqual(['rds_iam']);
      expect(await memberOf(target, `${base}_editor`)).toContain(mid);

      // Once the DBA has taken it away, the run converges.
      await asSuper(target, `REVOKE "${mid}" FROM "${base}_editor"`);
      const after = await provisioner.apply(
        { ...request, accessLevel: 'editor' },
        ctx,
      );
      expect(after.outcome).toBe('updated');
      expect(await memberOf(target, `${base}_user`)).toContain(
        `${base}_editor`,
      );
    } finally {
      await dropApp(target, app, env);
      await asSuper(target, `DROP ROLE IF EXISTS "${mid}"`).catch(() => {});
    }
  });

  it('blocks when the login itself was given rds_iam, instead of setting a password that cannot log in', async () => {
    const app = uniqueApp('trap');
    const base = `${app}_${env}`;
    try {
      const request = {
        appName: app,
        environment: env,
        accessLevel: 'editor' as const,
      };
      await provisioner.apply(request, ctx);
      await asSuper(target, `GRANT rds_iam TO "${base}_user"`);
      const plan = await provisioner.plan(request, ctx);
      expect(plan.blocked).toBe(true);
      expect(plan.steps.find(s => s.id === 'rds_iam')?.reason).toContain(
        `${base}_user holds rds_iam, so the password in its secret no longer logs in`,
      );
    } finally {
      await dropApp(target, app, env);
    }
  });
});
