import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ApprovalRequestKind,
  ApprovalRequestStatus,
  DecommissionPolicy,
  RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import { Knex } from 'knex';

const TABLE = 'rds_approval_requests';

type RequestRow = {
  id: string;
  kind: ApprovalRequestKind;
  status: ApprovalRequestStatus;
  environment: string;
  instance: string;
  app_name: string;
  database: string;
  role: string;
  access_level: string;
  entity_ref: string | null;
  requester: string;
  justification: string | null;
  run_id: string;
  request_json: string;
  plan_json: string;
  plan_hash: string;
  plan_changes: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  expires_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  comment: string | null;
  outcome: string | null;
  error: string | null;
};

/** A new request, as the service hands it to the store. */
export type NewApprovalRequest = Pick<
  ApprovalRequest,
  | 'id'
  | 'kind'
  | 'environment'
  | 'instance'
  | 'appName'
  | 'database'
  | 'role'
  | 'accessLevel'
  | 'entityRef'
  | 'requester'
  | 'justification'
  | 'runId'
  | 'request'
  | 'plan'
  | 'planHash'
  | 'expiresAt'
>;

/**
 * The approval requests, in the rds plugin's database (migrations run by the
 * audit store). State changes are conditional updates, so two approvers (or
 * two replicas) can never both move a request out of `pending`.
 */
export class ApprovalStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ApprovalStore> {
    return new ApprovalStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async insert(request: NewApprovalRequest): Promise<ApprovalRequest> {
    const now = new Date();
    await this.db<RequestRow>(TABLE).insert({
      id: request.id,
      kind: request.kind ?? 'provision',
      status: 'pending',
      environment: request.environment,
      instance: request.instance,
      app_name: request.appName,
      database: request.database,
      role: request.role,
      access_level: request.accessLevel,
      entity_ref: request.entityRef ?? null,
      requester: request.requester,
      justification: request.justification ?? null,
      run_id: request.runId,
      request_json: JSON.stringify(request.request),
      plan_json: JSON.stringify(request.plan),
      plan_hash: request.planHash,
      created_at: now,
      updated_at: now,
      expires_at: new Date(request.expiresAt),
    });
    return (await this.get(request.id))!;
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const row = await this.db<RequestRow>(TABLE).where({ id }).first();
    return row && toRequest(row);
  }

  /** The request a run id (scaffolder task) already made for this database, for retried tasks. */
  async forRun(query: {
    runId: string;
    requester: string;
    environment: string;
    appName?: string;
    entityRef?: string;
  }): Promise<ApprovalRequest | undefined> {
    const q = this.db<RequestRow>(TABLE).where({
      run_id: query.runId,
      requester: query.requester,
      environment: query.environment,
    });
    if (query.appName !== undefined) q.where('app_name', query.appName);
    if (query.entityRef !== undefined) q.where('entity_ref', query.entityRef);
    const row = await q.orderBy('created_at', 'desc').first();
    return row && toRequest(row);
  }

  /** Newest first; of one entity and/or status when given. */
  async list(query: {
    entityRef?: string;
    status?: ApprovalRequestStatus;
    limit: number;
  }): Promise<ApprovalRequest[]> {
    const q = this.db<RequestRow>(TABLE);
    if (query.entityRef !== undefined) q.where('entity_ref', query.entityRef);
    if (query.status !== undefined) q.where('status', query.status);
    const rows = await q
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit);
    return rows.map(toRequest);
  }

  /**
   * Moves a pending, unexpired request whose plan hash is `planHash` to
   * `applying` for `decidedBy`; undefined when another decision came first.
   */
  async claim(
    id: string,
    planHash: string,
    decision: { decidedBy: string; comment?: string },
  ): Promise<ApprovalRequest | undefined> {
    const now = new Date();
    const rows = await this.db<RequestRow>(TABLE)
      .where({ id, status: 'pending', plan_hash: planHash })
      .andWhere('expires_at', '>', now)
      .update({
        status: 'applying',
        decided_by: decision.decidedBy,
        decided_at: now,
        comment: decision.comment ?? null,
        updated_at: now,
      })
      .returning('*');
    return rows[0] && toRequest(rows[0] as RequestRow);
  }

  /** Rejects a pending request; undefined when it is no longer pending. */
  async reject(
    id: string,
    decision: { decidedBy: string; comment: string },
  ): Promise<ApprovalRequest | undefined> {
    const now = new Date();
    const rows = await this.db<RequestRow>(TABLE)
      .where({ id, status: 'pending' })
      .andWhere('expires_at', '>', now)
      .update({
        status: 'rejected',
        decided_by: decision.decidedBy,
        decided_at: now,
        comment: decision.comment,
        updated_at: now,
      })
      .returning('*');
    return rows[0] && toRequest(rows[0] as RequestRow);
  }

  /** Back to pending with the new plan, after the instance changed. */
  async replan(
    id: string,
    update: {
      plan: ApprovalRequest['plan'];
      planHash: string;
      planChanges: string[];
    },
  ): Promise<ApprovalRequest> {
    await this.db<RequestRow>(TABLE)
      .where({ id, status: 'applying' })
      .update({
        status: 'pending',
        plan_json: JSON.stringify(update.plan),
        plan_hash: update.planHash,
        plan_changes: JSON.stringify(update.planChanges),
        decided_by: null,
        decided_at: null,
        comment: null,
        updated_at: new Date(),
      });
    return (await this.get(id))!;
  }

  /** The end of an apply: `approved` with its outcome, or `failed`. */
  async finish(
    id: string,
    result: { outcome: RunOutcome; error?: string },
  ): Promise<ApprovalRequest> {
    await this.db<RequestRow>(TABLE)
      .where({ id, status: 'applying' })
      .update({
        status: result.outcome === 'failed' ? 'failed' : 'approved',
        outcome: result.outcome,
        error: result.error ?? null,
        updated_at: new Date(),
      });
    return (await this.get(id))!;
  }

  /** The answer to a decision on a request that is no longer pending: what it is now, and by whom. */
  async notPending(id: string): Promise<ConflictError> {
    const now = await this.get(id);
    const by = now?.decidedBy ? ` by ${now.decidedBy}` : '';
    return new ConflictError(
      `Request ${id} is no longer pending: it is ${now?.status ?? 'gone'}${by}`,
    );
  }

  /** Marks every pending request past its expiry `expired`; returns them. */
  async expireDue(now = new Date()): Promise<ApprovalRequest[]> {
    const rows = await this.db<RequestRow>(TABLE)
      .where({ status: 'pending' })
      .andWhere('expires_at', '<=', now)
      .update({ status: 'expired', updated_at: now })
      .returning('*');
    return (rows as RequestRow[]).map(toRequest);
  }
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function toRequest(row: RequestRow): ApprovalRequest {
  const request = JSON.parse(row.request_json) as ApprovalRequest['request'];
  return {
    id: row.id,
    kind: row.kind,
    ...(row.kind === 'decommission' && {
      policy: (request as { policy?: DecommissionPolicy }).policy,
    }),
    status: row.status,
    environment: row.environment,
    instance: row.instance,
    appName: row.app_name,
    database: row.database,
    role: row.role,
    accessLevel: row.access_level as ApprovalRequest['accessLevel'],
    ...(row.entity_ref !== null && { entityRef: row.entity_ref }),
    requester: row.requester,
    ...(row.justification !== null && { justification: row.justification }),
    runId: row.run_id,
    request,
    plan: JSON.parse(row.plan_json) as ApprovalRequest['plan'],
    planHash: row.plan_hash,
    ...(row.plan_changes !== null && {
      planChanges: JSON.parse(row.plan_changes) as string[],
    }),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
    ...(row.decided_at !== null && { decidedAt: iso(row.decided_at) }),
    ...(row.comment !== null && { comment: row.comment }),
    ...(row.outcome !== null && { outcome: row.outcome as RunOutcome }),
    ...(row.error !== null && { error: row.error }),
  };
}
