import { LOCK_NAMESPACE } from '../locking/advisoryLock';
import { lockKeyOf } from '../__testUtils__/appLock';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import {
  asAppLogin,
  describeOnTargets,
  testEnvironment,
  testSecretsClient,
  uniqueApp,
  uniqueEnv,
  withClient,
} from '../__testUtils__/targets';

jest.setTimeout(60_000);

describeOnTargets('concurrency', target => {
  const env = uniqueEnv('cc');
  const secretsManager = testSecretsClient();
  const environment = testEnvironment(target, { name: env });

  /** Ten runs for one new app at once, from ten separate engines; their outcomes, sorted. */
  const race = async () => {
    // Separate provisioners have separate pools and sessions, like separate replicas.
    const engines = Array.from(
      { length: 10 },
      () => new RdsProvisioner({ environment, secretsManager }),
    );
    try {
      const app = uniqueApp('race');
      const results = await Promise.all(
        engines.map((engine, i) =>
          engine.apply(
            { appName: app, environment: env, accessLevel: 'editor' },
            { runId: `race-${i}`, actor: 'user:default/test' },
          ),
        ),
      );
      expect(results.map(r => r.error)).toEqual(Array(10).fill(undefined));
      // A run that changed something says what, so a failure names the step.
      const outcomes = results
        .map(r =>
          r.outcome === 'created' || r.outcome === 'no_change'
            ? r.outcome
            : `${r.outcome}: ${r.steps
                .filter(s => s.outcome !== 'no_change')
                .map(s => `${s.id}=${s.outcome} (${s.message})`)
                .join('; ')}`,
        )
        .sort();
      await asAppLogin(target, secretsManager, `rds/${env}/${app}`, c =>
        c.query('SELECT 1'),
      );
      return outcomes;
    } finally {
      await Promise.all(engines.map(e => e.close()));
    }
  };
  const oneCreatesNineNoChange = ['created', ...Array(9).fill('no_change')];

  it('ten concurrent runs for one app, from ten separate engines: one creates, nine report no_change', async () => {
    expect(await race()).toEqual(oneCreatesNineNoChange);
  });

  it("the same once the admin holds another app's owner role: no run grants it the new one again", async () => {
    // With memberships to walk, Postgres 15 filled a follower's pg_has_role cache while the
    // creating run granted the admin the owner role and kept it stale (USAGE false): the
    // follower granted it again ("updated"). The first race gives the admin such a role.
    await race();
    expect(await race()).toEqual(oneCreatesNineNoChange);
  });

  it('ten apps at once on one engine: all created', async () => {
    const engine = new RdsProvisioner({ environment, secretsManager });
    try {
      const apps = Array.from({ length: 10 }, () => uniqueApp('many'));
      const results = await Promise.all(
        apps.map(app =>
          engine.apply(
            { appName: app, environment: env, accessLevel: 'reader' },
            { runId: app, actor: 'user:default/test' },
          ),
        ),
      );
      expect(results.map(r => [r.outcome, r.error])).toEqual(
        Array(10).fill(['created', undefined]),
      );
    } finally {
      await engine.close();
    }
  });

  it('gives up with a clear message when another run holds the lock too long', async () => {
    const engine = new RdsProvisioner({
      environment,
      secretsManager,
      lockTimeoutMs: 300,
    });
    const app = uniqueApp('lock');
    try {
      // Another "run" (a superuser session here) holds the app's lock.
      await withClient(target.superUrl, async holder => {
        await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [
          LOCK_NAMESPACE,
          lockKeyOf(environment, app),
        ]);
        const result = await engine.apply(
          { appName: app, environment: env, accessLevel: 'reader' },
          { runId: 'l', actor: 'a' },
        );
        expect(result.outcome).toBe('failed');
        expect(result.error).toMatch(
          /another provisioning run for .* held the lock for more than 0.3 s; try again later/,
        );
        expect(result.steps).toEqual([]);
      });
    } finally {
      await engine.close();
    }
  });
});
