import type { AccessLevel } from '@rds-self-service/plugin-rds-common';
import { suiteProvisioner } from '../__testUtils__/provisioner';
import {
  asSuper,
  describeOnTargets,
  sqlState,
  uniqueApp,
} from '../__testUtils__/targets';

/** Proves each access level by logging in as the created user. */
describeOnTargets('access matrix', target => {
  const { env, provisioner, request, asLogin } = suiteProvisioner(target, 'am');
  const ctx = { runId: 'access', actor: 'user:default/test' };
  const app = uniqueApp('shop');
  const other = uniqueApp('other');

  const provision = async (appName: string, accessLevel: AccessLevel) => {
    // The matrix moves one app through the levels on purpose: owner → reader is confirmed.
    const result = await provisioner.apply(
      request(appName, accessLevel, { confirmAccessLevelChange: true }),
      ctx,
    );
    expect(result.error).toBeUndefined();
    return result;
  };

  beforeAll(async () => {
    await provision(app, 'owner');
    await provision(other, 'reader');
  });

  it('owner: creates, writes and drops objects, which belong to the owner role', async () => {
    await asLogin(app, async c => {
      expect(
        await sqlState(
          c,
          'CREATE TABLE orders (id serial PRIMARY KEY, note text)',
        ),
      ).toBe('ok');
      expect(
        await sqlState(c, `INSERT INTO orders (note) VALUES ('first')`),
      ).toBe('ok');
      expect(
        await sqlState(
          c,
          'CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$',
        ),
      ).toBe('ok');
      expect(
        await sqlState(c, 'CREATE VIEW order_notes AS SELECT note FROM orders'),
      ).toBe('ok');
      expect(await sqlState(c, 'CREATE TABLE scratch (x int)')).toBe('ok');
      expect(await sqlState(c, 'DROP TABLE scratch')).toBe('ok');
      const { rows } = await c.query(
        `SELECT tableowner FROM pg_tables WHERE tablename = 'orders'`,
      );
      expect(rows[0].tableowner).toBe(`${app}_${env}_owner`);
    });
  });

  it('reader: selects tables the owner created earlier and later, cannot write or create', async () => {
    const changed = await provision(app, 'reader');
    expect(changed.outcome).toBe('updated');
    expect(
      changed.steps.filter(s => s.outcome === 'updated').map(s => s.id),
    ).toEqual(['login.membership', 'login.settings']);
    // A table the owner creates after the level change is covered by default privileges.
    await asSuper(
      target,
      `SET ROLE "${app}_${env}_owner"; CREATE TABLE later (id int); INSERT INTO later VALUES (1)`,
      [],
      `${app}_${env}_db`,
    );

    await asLogin(app, async c => {
      expect((await c.query('SELECT note FROM orders')).rows).toEqual([
        { note: 'first' },
      ]);
      expect((await c.query('SELECT note FROM order_notes')).rows).toHaveLength(
        1,
      );
      expect((await c.query('SELECT order_count() AS n')).rows[0].n).toBe('1');
      expect((await c.query('SELECT id FROM later')).rows).toEqual([{ id: 1 }]);
      expect(await sqlState(c, `INSERT INTO orders (note) VALUES ('x')`)).toBe(
        '42501',
      );
      expect(await sqlState(c, `UPDATE later SET id = 2`)).toBe('42501');
      expect(await sqlState(c, 'DELETE FROM orders')).toBe('42501');
      expect(await sqlState(c, 'CREATE TABLE mine (x int)')).toBe('42501');
      expect(await sqlState(c, 'DROP TABLE later')).toBe('42501');
      expect(await sqlState(c, 'CREATE TEMP TABLE tmp (x int)')).toBe('42501');
    });
  });

  it('editor: writes rows in old and new tables, cannot create, alter, drop or truncate', async () => {
    await provision(app, 'editor');
    await asSuper(
      target,
      `SET ROLE "${app}_${env}_owner"; CREATE TABLE newer (id serial PRIMARY KEY, v text)`,
      [],
      `${app}_${env}_db`,
    );

    await asLogin(app, async c => {
      expect(
        await sqlState(c, `INSERT INTO orders (note) VALUES ('second')`),
      ).toBe('ok');
      expect(
        await sqlState(
          c,
          `UPDATE orders SET note = 'changed' WHERE note = 'second'`,
        ),
      ).toBe('ok');
      expect(
        await sqlState(c, `DELETE FROM orders WHERE note = 'changed'`),
      ).toBe('ok');
      expect(await sqlState(c, `INSERT INTO newer (v) VALUES ('a')`)).toBe(
        'ok',
      );
      expect((await c.query('SELECT v FROM newer')).rows).toEqual([{ v: 'a' }]);
      expect(await sqlState(c, 'CREATE TABLE mine (x int)')).toBe('42501');
      expect(await sqlState(c, 'ALTER TABLE orders ADD COLUMN y int')).toBe(
        '42501',
      );
      expect(await sqlState(c, 'DROP TABLE newer')).toBe('42501');
      expect(await sqlState(c, 'TRUNCATE orders')).toBe('42501');
      expect(await sqlState(c, 'CREATE SCHEMA extra')).toBe('42501');
    });
  });

  it("no user can connect to another app's database", async () => {
    const connectAs = (appName: string, database: string) =>
      asLogin(appName, async () => 'connected', { database }).catch(
        e => (e as { code?: string }).code,
      );
    expect(await connectAs(other, `${app}_${env}_db`)).toBe('42501');
    expect(await connectAs(app, `${other}_${env}_db`)).toBe('42501');
    expect(await connectAs(other, `${other}_${env}_db`)).toBe('connected');
  });
});
