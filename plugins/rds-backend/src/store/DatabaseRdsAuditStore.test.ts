import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  auditRecord as record,
  auditStoreDatabases,
  deniedApprovalStep,
} from '../__testUtils__/auditStore';
import { DatabaseRdsAuditStore } from './DatabaseRdsAuditStore';
import type { RdsAuditStore } from './RdsAuditStore';

jest.setTimeout(60_000);

const { databases, createStore } = auditStoreDatabases();

const migrations = resolvePackagePath(
  '@rds-self-service/plugin-rds-backend',
  'migrations',
);

/** The first page (10) of component:default/payments's history. */
const paymentsHistory = (store: RdsAuditStore) =>
  store.list({ entityRef: 'component:default/payments', limit: 10, offset: 0 });

describe('DatabaseRdsAuditStore', () => {
  it.each([
    [
      'a run with its steps',
      record({
        justification: 'Ledger moves off the shared cluster (CHG-1042)',
      }),
    ],
    [
      'a request refused for approval (outcome denied, its justification, who can approve)',
      record({
        environment: 'prod',
        database: 'payments_prod_db',
        role: 'payments_prod_user',
        justification: 'Ledger moves off the shared cluster (CHG-1042)',
        outcome: 'denied',
        steps: [
          deniedApprovalStep(
            'prod',
            "not approved: a user whom the permission policy allows rds.environment.provision in 'prod' can run it",
          ),
        ],
        error: "Environment 'prod' requires approval",
      }),
    ],
  ])('stores %s and reads it back as written', async (_what, written) => {
    const { store } = await createStore();
    await store.write(written);

    await expect(paymentsHistory(store)).resolves.toEqual({
      items: [written],
      totalCount: 1,
    });
  });

  it('lists newest first, filters by environment and paginates', async () => {
    const { store } = await createStore();
    const older = record({ timestamp: '2026-11-20T10:00:00.000Z' });
    const newer = record({
      timestamp: '2026-11-22T10:00:00.000Z',
      outcome: 'no_change',
    });
    const prod = record({
      timestamp: '2026-11-21T10:00:00.000Z',
      environment: 'prod',
    });
    const otherEntity = record({ entityRef: 'component:default/orders' });
    for (const r of [older, newer, prod, otherEntity]) await store.write(r);

    const all = await paymentsHistory(store);
    expect(all.totalCount).toBe(3);
    expect(all.items.map(r => r.runId)).toEqual([
      newer.runId,
      prod.runId,
      older.runId,
    ]);

    const dev = await store.list({
      entityRef: 'component:default/payments',
      environment: 'dev',
      limit: 1,
      offset: 1,
    });
    expect(dev).toEqual({ items: [older], totalCount: 2 });
  });

  it('keeps a second run with the same run id as its own row', async () => {
    const { store } = await createStore();
    const first = record({
      runId: 'task-1',
      outcome: 'failed',
      error: 'connection refused',
    });
    const retry = record({
      runId: 'task-1',
      timestamp: '2026-11-23T11:00:00.000Z',
    });
    await store.write(first);
    await store.write(retry);

    const page = await store.list({ limit: 10, offset: 0 });
    expect(page.items).toEqual([retry, first]);
  });

  it('finds the last run that was not a dry run', async () => {
    const { store } = await createStore();
    const real = record({ timestamp: '2026-11-20T10:00:00.000Z' });
    const dryRun = record({
      timestamp: '2026-11-21T10:00:00.000Z',
      dryRun: true,
      outcome: 'planned',
    });
    await store.write(real);
    await store.write(dryRun);

    await expect(
      store.lastRun({ environment: 'dev', appName: 'payments' }),
    ).resolves.toEqual(real);
    await expect(
      store.lastRun({ environment: 'prod', appName: 'payments' }),
    ).resolves.toBeUndefined();
  });

  it('finds the last run that changed something, past blocked, failed, no_change and dry runs', async () => {
    const { store } = await createStore();
    const created = record({ timestamp: '2026-11-20T10:00:00.000Z' });
    const updated = record({
      timestamp: '2026-11-21T10:00:00.000Z',
      outcome: 'updated',
      accessLevel: 'owner',
    });
    await store.write(created);
    await store.write(updated);
    for (const [hour, outcome] of [
      ['11', 'no_change'],
      ['12', 'blocked'],
      ['13', 'failed'],
    ] as const) {
      await store.write(
        record({ timestamp: `2026-11-22T${hour}:00:00.000Z`, outcome }),
      );
    }
    await store.write(
      record({
        timestamp: '2026-11-23T10:00:00.000Z',
        outcome: 'created',
        dryRun: true,
      }),
    );

    await expect(
      store.lastChange({ environment: 'dev', appName: 'payments' }),
    ).resolves.toEqual(updated);
    await expect(
      store.lastRun({ environment: 'dev', appName: 'payments' }),
    ).resolves.toMatchObject({ outcome: 'failed' });
    await store.write(
      record({ environment: 'prod', outcome: 'blocked', steps: [] }),
    );
    await expect(
      store.lastChange({ environment: 'prod', appName: 'payments' }),
    ).resolves.toBeUndefined();
  });

  it('lists the app names provisioned for an entity', async () => {
    const { store } = await createStore();
    await store.write(record());
    await store.write(
      record({ appName: 'payments_ledger', environment: 'prod' }),
    );
    await store.write(record({ appName: 'payments_tmp', dryRun: true }));

    await expect(
      store.appNamesForEntity('component:default/payments'),
    ).resolves.toEqual([
      { environment: 'dev', appName: 'payments' },
      { environment: 'prod', appName: 'payments_ledger' },
    ]);
  });

  it('keeps a multi-line justification as written, and none when not given', async () => {
    const { store } = await createStore();
    const justified = record({
      timestamp: '2026-11-23T11:00:00.000Z',
      justification: '=1+1, "quoted"\nsecond line',
    });
    const plain = record({ timestamp: '2026-11-23T10:00:00.000Z' });
    await store.write(justified);
    await store.write(plain);

    const { items } = await store.list({ limit: 10, offset: 0 });
    expect(items).toEqual([justified, plain]);
    expect(items[1]).not.toHaveProperty('justification');
  });

  it('does not run migrations when the database service says to skip them', async () => {
    const knex = await databases.init('POSTGRES_17');
    await DatabaseRdsAuditStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    await expect(knex.schema.hasTable('rds_runs')).resolves.toBe(false);
  });

  it('rolls the justification column back on its own, keeping the runs', async () => {
    const { knex, store } = await createStore();
    const kept = record({ justification: 'CHG-1042' });
    await store.write(kept);

    // The justification migration alone (later ones add other columns).
    await knex.migrate.down({
      directory: migrations,
      name: '20261123130000_run_justification.js',
    });
    await expect(
      knex.schema.hasColumn('rds_runs', 'justification'),
    ).resolves.toBe(false);
    await expect(knex('rds_runs').pluck('run_id')).resolves.toEqual([
      kept.runId,
    ]);

    await knex.migrate.up({ directory: migrations });
    await expect(
      knex.schema.hasColumn('rds_runs', 'justification'),
    ).resolves.toBe(true);
  });

  it('has migrations that roll back completely', async () => {
    const { knex } = await createStore();
    await expect(knex.schema.hasTable('rds_run_steps')).resolves.toBe(true);

    await knex.migrate.rollback({ directory: migrations }, true);
    await expect(knex.schema.hasTable('rds_runs')).resolves.toBe(false);
    await expect(knex.schema.hasTable('rds_run_steps')).resolves.toBe(false);
  });
});
