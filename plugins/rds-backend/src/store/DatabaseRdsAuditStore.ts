import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  AuditRecord,
  DecommissionPolicy,
  RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import { Knex } from 'knex';
import { AuditPage, AuditQuery, RdsAuditStore } from './RdsAuditStore';
import { targetColumns } from './targetColumns';

const migrationsDir = resolvePackagePath(
  '@rds-self-service/plugin-rds-backend',
  'migrations',
);

/** Outcomes of decommission runs that left the database retained or deleted. */
const DECOMMISSIONED_OUTCOMES: readonly RunOutcome[] = ['deleted', 'updated'];

/** Outcomes of runs that changed the database, its roles, grants or secret. */
const CHANGING_OUTCOMES: readonly RunOutcome[] = ['created', 'updated'];

type RunRow = {
  id: string | number;
  run_id: string;
  build_id: string | null;
  created_at: Date | string;
  environment: string;
  instance: string;
  database: string;
  role: string;
  access_level: string;
  actor: string;
  entity_ref: string | null;
  app_name: string;
  justification: string | null;
  outcome: string;
  dry_run: boolean;
  error: string | null;
  decommission_policy?: string | null;
  dump_location?: string | null;
  secret_restorable_until?: Date | string | null;
  request_id?: string | null;
  requested_by?: string | null;
  decided_by?: string | null;
};

type StepRow = {
  run_row_id: string | number;
  position: number;
  step_id: string;
  kind: string;
  target: string;
  outcome: string;
  message: string | null;
};

/** The knex implementation of {@link RdsAuditStore}. */
export class DatabaseRdsAuditStore implements RdsAuditStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRdsAuditStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRdsAuditStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async write(record: AuditRecord): Promise<void> {
    await this.db.transaction(async tx => {
      const [inserted] = await tx<RunRow>('rds_runs')
        .insert({
          run_id: record.runId,
          build_id: record.buildId ?? null,
          created_at: new Date(record.timestamp),
          ...targetColumns(record),
          actor: record.actor,
          entity_ref: record.entityRef ?? null,
          app_name: record.appName,
          justification: record.justification ?? null,
          outcome: record.outcome,
          dry_run: record.dryRun,
          error: record.error ?? null,
          ...decommissionColumns(record),
          request_id: record.requestId ?? null,
          requested_by: record.requestedBy ?? null,
          decided_by: record.decidedBy ?? null,
        })
        .returning('id');
      const runRowId = typeof inserted === 'object' ? inserted.id : inserted;
      if (record.steps.length > 0) {
        await tx<StepRow>('rds_run_steps').insert(
          record.steps.map((step, position) => ({
            run_row_id: runRowId,
            position,
            step_id: step.id,
            kind: step.kind,
            target: step.target,
            outcome: step.outcome,
            message: step.message ?? null,
          })),
        );
      }
    });
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const filtered = () => {
      const q = this.db<RunRow>('rds_runs');
      if (query.entityRef !== undefined) q.where('entity_ref', query.entityRef);
      if (query.environment !== undefined) {
        q.where('environment', query.environment);
      }
      return q;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows = await filtered()
      .select('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return { items: await this.withSteps(rows), totalCount: Number(count) };
  }

  async lastRun(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined> {
    return this.newestRun(options);
  }

  async hasRun(runId: string): Promise<boolean> {
    const row = await this.db('rds_runs').where({ run_id: runId }).first('id');
    return row !== undefined;
  }

  async lastChange(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined> {
    return this.newestRun(options, CHANGING_OUTCOMES, 'provision');
  }

  async lastDecommission(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined> {
    return this.newestRun(options, DECOMMISSIONED_OUTCOMES, 'decommission');
  }

  async appNamesForEntity(
    entityRef: string,
  ): Promise<Array<{ environment: string; appName: string }>> {
    const rows = await this.db<RunRow>('rds_runs')
      .distinct('environment', 'app_name')
      .where({ entity_ref: entityRef, dry_run: false })
      // A refused request provisioned nothing: it does not make an app name the entity's.
      .whereNot('outcome', 'denied')
      .orderBy(['environment', 'app_name']);
    return rows.map(row => ({
      environment: row.environment,
      appName: row.app_name,
    }));
  }

  /** The newest run of an app in an environment that was not a dry run, of these outcomes if given. */
  private async newestRun(
    options: { environment: string; appName: string },
    outcomes?: readonly RunOutcome[],
    kind?: 'provision' | 'decommission',
  ): Promise<AuditRecord | undefined> {
    const query = this.db<RunRow>('rds_runs').where({
      environment: options.environment,
      app_name: options.appName,
      dry_run: false,
    });
    if (outcomes) query.whereIn('outcome', outcomes);
    if (kind) {
      if (kind === 'provision') query.whereNull('decommission_policy');
      else query.whereNotNull('decommission_policy');
    }
    const rows = await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(1);
    const [record] = await this.withSteps(rows);
    return record;
  }

  private async withSteps(rows: RunRow[]): Promise<AuditRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const steps = await this.db<StepRow>('rds_run_steps')
      .whereIn(
        'run_row_id',
        rows.map(row => row.id),
      )
      .orderBy(['run_row_id', 'position']);
    const byRun = new Map<string, StepRow[]>();
    for (const step of steps) {
      const key = String(step.run_row_id);
      byRun.set(key, [...(byRun.get(key) ?? []), step]);
    }
    return rows.map(row => toRecord(row, byRun.get(String(row.id)) ?? []));
  }
}

function toRecord(row: RunRow, steps: StepRow[]): AuditRecord {
  return {
    runId: row.run_id,
    ...(row.build_id !== null && { buildId: row.build_id }),
    timestamp: new Date(row.created_at).toISOString(),
    environment: row.environment,
    instance: row.instance,
    database: row.database,
    role: row.role,
    accessLevel: row.access_level as AuditRecord['accessLevel'],
    actor: row.actor,
    ...(row.entity_ref !== null && { entityRef: row.entity_ref }),
    appName: row.app_name,
    ...(row.justification !== null && { justification: row.justification }),
    outcome: row.outcome as AuditRecord['outcome'],
    dryRun: row.dry_run,
    steps: steps.map(step => ({
      id: step.step_id,
      kind: step.kind,
      target: step.target,
      outcome: step.outcome as AuditRecord['outcome'],
      ...(step.message !== null && { message: step.message }),
    })),
    ...(row.error !== null && { error: row.error }),
    ...decommissionFacts(row),
    ...(row.request_id && { requestId: row.request_id }),
    ...(row.requested_by && { requestedBy: row.requested_by }),
    ...(row.decided_by && { decidedBy: row.decided_by }),
  };
}

/** The decommission columns of a record; none for provisioning runs. */
function decommissionColumns(record: AuditRecord) {
  const d = record.decommission;
  if (!d) return {};
  return {
    decommission_policy: d.policy,
    dump_location: d.dumpLocation ?? null,
    secret_restorable_until: d.secretRestorableUntil
      ? new Date(d.secretRestorableUntil)
      : null,
  };
}

function decommissionFacts(row: RunRow): Pick<AuditRecord, 'decommission'> {
  if (!row.decommission_policy) return {};
  return {
    decommission: {
      policy: row.decommission_policy as DecommissionPolicy,
      ...(row.dump_location && { dumpLocation: row.dump_location }),
      ...(row.secret_restorable_until && {
        secretRestorableUntil: new Date(
          row.secret_restorable_until,
        ).toISOString(),
      }),
    },
  };
}
