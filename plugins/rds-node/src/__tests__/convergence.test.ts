import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { StepResult } from '@rds-self-service/plugin-rds-common';
import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  asSuper,
  changedSteps,
  describeOnTargets,
  expectCatalogUnchanged,
  uniqueApp,
} from '../__testUtils__/targets';

const ctx = { runId: 'converge', actor: 'user:default/test' };

describeOnTargets('convergence', target => {
  const { env, secretsManager, provisioner, request, readSecret, sessionUser } =
    suiteProvisioner(target, 'cv');

  const canLogin = async (app: string) =>
    (await sessionUser(app)) !== undefined;
  /** The steps a run for the app (at editor) changes now, as `id:outcome`. */
  const repairs = async (app: string) =>
    changedSteps((await provisioner.apply(request(app), ctx)).steps);

  /**
   * The run stored a new password, then set it on the role (in that order): the new one
   * logs in, the old one no longer does, and the run's output does not carry it.
   */
  const expectNewPassword = async (
    app: string,
    oldPassword: string,
    result: { steps: StepResult[] },
    secretStep: 'secret:created' | 'secret:updated',
  ) => {
    expect(changedSteps(result.steps)).toEqual([
      secretStep,
      'role.login:updated',
    ]);
    const fresh = await readSecret(app);
    expect(fresh.password).not.toBe(oldPassword);
    expect(await canLogin(app)).toBe(true);
    expect(await sessionUser(app, oldPassword)).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(fresh.password);
  };

  it('role only: creates the missing database and its grants, keeps the password', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    const before = await readSecret(app);
    // FORCE: the engine keeps a warm admin session to the database for a few seconds.
    await asSuper(target, `DROP DATABASE "${app}_${env}_db" WITH (FORCE)`);

    expect(await repairs(app)).toEqual([
      'database:created',
      'database.privileges:created',
      'schema.privileges:created',
      'default.privileges:created',
    ]);
    expect((await readSecret(app)).password).toBe(before.password);
    expect(await canLogin(app)).toBe(true);
    expect((await provisioner.apply(request(app), ctx)).outcome).toBe(
      'no_change',
    );
  });

  it('database without grants: restores database, object and default privileges', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    const db = `${app}_${env}_db`;
    const owner = `${app}_${env}_owner`;
    await asSuper(
      target,
      `SET ROLE "${owner}"; CREATE TABLE items (id int); CREATE SEQUENCE counter`,
      [],
      db,
    );
    // Someone (or an older operator) removed grants and reopened the database.
    await asSuper(
      target,
      `REVOKE CONNECT ON DATABASE "${db}" FROM "${app}_${env}_editor"; GRANT CONNECT, TEMPORARY ON DATABASE "${db}" TO PUBLIC`,
    );
    await asSuper(
      target,
      `SET ROLE "${owner}";
       REVOKE INSERT ON items FROM "${app}_${env}_editor";
       REVOKE SELECT ON items FROM "${app}_${env}_reader";
       REVOKE USAGE ON SEQUENCE counter FROM "${app}_${env}_editor";
       ALTER DEFAULT PRIVILEGES FOR ROLE "${owner}" REVOKE SELECT ON TABLES FROM "${app}_${env}_reader";
       GRANT CREATE ON SCHEMA public TO PUBLIC`,
      [],
      db,
    );
    const status = await provisioner.status(app);
    expect(status.accessLevel).toBe('editor');
    expect(status.drift.join('\n')).toMatch(/PUBLIC has .*CONNECT/);
    expect(status.drift.join('\n')).toMatch(
      /PUBLIC may create objects in schema public/,
    );

    expect(await repairs(app)).toEqual([
      'database.privileges:updated',
      'schema.privileges:updated',
      'object.privileges:updated',
      'default.privileges:updated',
    ]);
    const acl = await asSuper(
      target,
      `SELECT datacl::text AS acl FROM pg_database WHERE datname = $1`,
      [db],
    );
    expect(acl[0].acl).not.toMatch(/(^|[{,])=/); // no PUBLIC entry
    const again = await expectCatalogUnchanged(target, app, env, () =>
      provisioner.apply(request(app), ctx),
    );
    expect(again.outcome).toBe('no_change');
    expect((await provisioner.status(app)).drift).toEqual([]);
  });

  it('secret missing: stores a new password and sets it on the role, in that order', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    const old = await readSecret(app);
    await secretsManager.send(
      new DeleteSecretCommand({
        SecretId: `rds/${env}/${app}`,
        ForceDeleteWithoutRecovery: true,
      }),
    );
    expect((await provisioner.status(app)).secretPresent).toBe(false);

    const result = await provisioner.apply(request(app), ctx);
    await expectNewPassword(app, old.password, result, 'secret:created');
  });

  it('login role missing: recreates it with the stored password', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    await asSuper(target, `DROP ROLE "${app}_${env}_user"`);
    expect(await repairs(app)).toEqual([
      'role.login:created',
      'login.membership:created',
    ]);
    expect(await canLogin(app)).toBe(true);
  });

  it('admin lost its membership in the owner role: grants it again', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    // From 16 the admin's own INHERIT/SET grant is separate from its ADMIN grant.
    const [{ v }] = await asSuper(
      target,
      `SELECT current_setting('server_version_num')::int AS v`,
    );
    await asSuper(
      target,
      `REVOKE "${app}_${env}_owner" FROM rds_admin${
        v >= 160000 ? ' GRANTED BY rds_admin' : ''
      }`,
    );
    expect(await repairs(app)).toEqual(['admin.membership:updated']);
  });

  it('rotates the password on request: secret first, then the role', async () => {
    const app = uniqueApp();
    await provisioner.apply(request(app), ctx);
    const old = await readSecret(app);
    const result = await provisioner.apply(
      request(app, 'editor', { rotatePassword: true }),
      ctx,
    );
    expect(result.error).toBeUndefined();
    await expectNewPassword(app, old.password, result, 'secret:updated');
  });
});
