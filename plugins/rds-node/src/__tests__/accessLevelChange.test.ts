import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  describeOnTargets,
  expectCatalogUnchanged,
  sqlState,
  uniqueApp,
} from '../__testUtils__/targets';

/** A lower access level takes privileges away: only a confirmed request gets it. */
describeOnTargets('access level change', target => {
  const { env, provisioner, request, asLogin } = suiteProvisioner(target, 'al');
  const ctx = { runId: 'level', actor: 'user:default/test' };
  const createTable = (app: string, table: string) =>
    asLogin(app, c => sqlState(c, `CREATE TABLE ${table} (id int)`));

  it('blocks owner → editor without the confirmation, changing nothing', async () => {
    const app = uniqueApp('lvl');
    expect((await provisioner.apply(request(app, 'owner'), ctx)).outcome).toBe(
      'created',
    );
    const result = await expectCatalogUnchanged(target, app, env, async () => {
      const plan = await provisioner.plan(request(app, 'editor'), ctx);
      expect(plan.blocked).toBe(true);
      expect(plan.current).toEqual({
        database: true,
        role: true,
        secret: true,
        accessLevel: 'owner',
      });
      return provisioner.apply(request(app, 'editor'), ctx);
    });

    expect(result.outcome).toBe('blocked');
    expect(result.steps.find(s => s.id === 'access_level')).toEqual({
      id: 'access_level',
      kind: 'access_level',
      target: `${app}_${env}_user`,
      outcome: 'blocked',
      message:
        `role "${app}_${env}_user" has access level owner and this run asks for editor, which takes ` +
        'privileges away (an application that runs its own migrations may stop working), so nothing ' +
        'was changed. Fix: re-run with access level owner to keep it, or confirm the change (in the ' +
        'template, tick the confirmation on the review step; in the API, confirmAccessLevelChange: true).',
    });
    // The login keeps its DDL.
    await expect(createTable(app, 'still_owner')).resolves.toBe('ok');
  });

  it('lowers the level when the request confirms it', async () => {
    const app = uniqueApp('lvl');
    await provisioner.apply(request(app, 'owner'), ctx);

    const result = await provisioner.apply(
      request(app, 'reader', { confirmAccessLevelChange: true }),
      ctx,
    );

    expect(result.outcome).toBe('updated');
    expect((await provisioner.status(app)).accessLevel).toBe('reader');
    await expect(createTable(app, 'no_ddl')).resolves.toBe('42501');
  });

  it('raises a level, or keeps it, without a confirmation', async () => {
    const app = uniqueApp('lvl');
    await provisioner.apply(request(app, 'reader'), ctx);

    const plan = await provisioner.plan(request(app, 'editor'), ctx);
    expect(plan.blocked).toBe(false);
    expect(plan.current?.accessLevel).toBe('reader');
    expect((await provisioner.apply(request(app, 'editor'), ctx)).outcome).toBe(
      'updated',
    );
    expect((await provisioner.apply(request(app, 'editor'), ctx)).outcome).toBe(
      'no_change',
    );
  });

  it('plans a new app with nothing existing and no level to lower', async () => {
    const plan = await provisioner.plan(
      request(uniqueApp('lvl'), 'reader'),
      ctx,
    );
    expect(plan.blocked).toBe(false);
    expect(plan.current).toEqual({
      database: false,
      role: false,
      secret: false,
    });
  });
});
