import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type ApprovalRequest,
  type ApprovalRequestKind,
  type ApprovalRequestStatus,
  type DecommissionRequest,
  type DecommissionResult,
  type PlanRequestBody,
  type ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import type { DecommissionService } from '../service/DecommissionService';
import type { Caller, RdsService } from '../service/RdsService';
import { normalizeEntityRef } from '../service/RdsService';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import {
  approvalRecord,
  pendingDecommissionResult,
  pendingMessage,
  pendingResult,
} from './approvalRecords';
import { newRequest } from './newRequest';
import { ApprovalStore } from './ApprovalStore';
import type { ApproverChecks } from './approverChecks';
import { applyClaimed } from './applyClaimed';
import { kindOf, requestKinds, type RequestKind } from './requestKinds';
import { RequestVisibility } from './requestVisibility';

const LIST_LIMIT = 200;

/**
 * The approval workflow: a run that needs an approval its requester cannot
 * give becomes a pending request holding the plan and its hash; a second
 * person approves (the backend plans again and applies only an identical
 * plan, with the approver's authority) or rejects it; unanswered requests
 * expire. Every step is an audit record naming requester and decider.
 */
export class ApprovalService {
  private readonly visibility: RequestVisibility;
  private readonly kinds: Record<ApprovalRequestKind, RequestKind>;

  constructor(
    private readonly options: {
      rds: RdsService;
      decommissions: DecommissionService;
      store: ApprovalStore;
      audit: RdsAuditStore;
      approvers: ApproverChecks;
      catalog: CatalogService;
      notifier: ApprovalNotifier;
      logger: LoggerService;
    },
  ) {
    this.kinds = requestKinds(options);
    this.visibility = new RequestVisibility({
      ...options,
      environmentOf: request => this.environmentOf(request),
    });
  }

  /**
   * A real run in an environment that requires approval, by a caller who may
   * not provision there directly, is kept as a pending request: the result
   * (outcome `pending_approval`) links it. Undefined when the run needs no
   * request: no approval required, the caller may provision directly, or no
   * approvers are configured (then the run is refused, see checks.ts).
   */
  async requestUnlessApproved(
    body: PlanRequestBody,
    caller: Caller,
    runId: string | undefined,
  ): Promise<ProvisionResult | undefined> {
    const request = await this.pending('provision', body, caller, runId);
    return request && pendingResult(request, this.environmentOf(request));
  }

  /**
   * The same for a real decommission run where `decommission.requiresApproval`
   * holds: outcome `pending_approval`, the request's link and the plan's
   * preflight; nothing is changed.
   */
  async requestDecommissionUnlessApproved(
    body: DecommissionRequest,
    caller: Caller,
    runId: string | undefined,
  ): Promise<DecommissionResult | undefined> {
    const request = await this.pending('decommission', body, caller, runId);
    return (
      request && pendingDecommissionResult(request, this.environmentOf(request))
    );
  }

  /** The requests the caller may see (the catalog's read rules), newest first. */
  async list(
    credentials: BackstageCredentials,
    query: { entityRef?: string; status?: ApprovalRequestStatus },
  ): Promise<ApprovalRequest[]> {
    await this.expireDue();
    let entityRef: string | undefined;
    if (query.entityRef !== undefined) {
      entityRef = normalizeEntityRef(query.entityRef);
      if (!(await this.visibility.canSeeEntity(entityRef, credentials))) {
        throw new NotFoundError(`No entity ${entityRef} in the catalog`);
      }
    }
    const all = await this.options.store.list({
      entityRef,
      status: query.status,
      limit: LIST_LIMIT,
    });
    const seen = new Map<string, Promise<boolean>>();
    const visible = await Promise.all(
      all.map(r => this.visibility.visible(r, credentials, seen)),
    );
    const items = all.filter((_, i) => visible[i]);
    return Promise.all(
      items.map(r => this.visibility.forCaller(r, credentials)),
    );
  }

  /** One request, if the caller may see it (else a NotFoundError, as for a missing one). */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<ApprovalRequest> {
    await this.expireDue();
    return this.visibility.forCaller(
      await this.visibility.request(id, credentials),
      credentials,
    );
  }

  /**
   * Approves the plan the approver saw (`planHash`) and applies it: plans
   * again first, and applies nothing when the plan changed (the request is
   * then pending again with the new plan, the ConflictError lists the
   * differences). Only one of concurrent approvals gets to apply.
   */
  async approve(
    id: string,
    caller: Caller,
    decision: { planHash: string; comment?: string },
  ): Promise<ApprovalRequest> {
    const { store } = this.options;
    const current = await this.decidable(id, caller, 'approve');
    if (current.requester === caller.actor) {
      throw new NotAllowedError(
        `${caller.actor} asked for request ${id} and cannot approve it: a second person must (four eyes)`,
      );
    }
    if (current.planHash !== decision.planHash) {
      throw new ConflictError(
        `The plan of request ${id} is not the one you approved (its SHA-256 is now ${current.planHash}); review it again`,
      );
    }
    const claimed = await store.claim(id, decision.planHash, {
      decidedBy: caller.actor,
      comment: decision.comment,
    });
    if (!claimed) throw await this.options.store.notPending(id);

    const done = await applyClaimed(
      { ...this.options, kinds: this.kinds },
      claimed,
      caller,
      decision,
    );
    return this.visibility.forCaller(done, caller.credentials);
  }

  /** Rejects a pending request with the approver's comment. */
  async reject(
    id: string,
    caller: Caller,
    decision: { comment: string },
  ): Promise<ApprovalRequest> {
    await this.decidable(id, caller, 'reject');
    const rejected = await this.options.store.reject(id, {
      decidedBy: caller.actor,
      comment: decision.comment,
    });
    if (!rejected) throw await this.options.store.notPending(id);
    const message = `${caller.actor} rejected the request: "${decision.comment}"`;
    await this.record(rejected, {
      actor: caller.actor,
      outcome: 'rejected',
      message,
      decidedBy: caller.actor,
    });
    await this.options.notifier.toRequester(rejected, message);
    return this.visibility.forCaller(rejected, caller.credentials);
  }

  /** Expires the pending requests past their time; each is an audit record and tells its requester. */
  async expireDue(now = new Date()): Promise<ApprovalRequest[]> {
    const expired = await this.options.store.expireDue(now);
    for (const request of expired) {
      const message = `expired at ${request.expiresAt} without a decision; nothing was applied, ask again if it is still needed`;
      await this.record(request, {
        actor: request.requester,
        outcome: 'expired',
        message,
      });
      await this.options.notifier.toRequester(request, message);
    }
    return expired;
  }

  /** The pending request of the run: the one a retried task made, or a new one; undefined when none is needed. */
  private async pending(
    kind: ApprovalRequestKind,
    body: PlanRequestBody | DecommissionRequest,
    caller: Caller,
    runId: string | undefined,
  ): Promise<ApprovalRequest | undefined> {
    const { approvers, store } = this.options;
    const environment = this.kinds[kind].environment(body.environment);
    if (
      !environment.requiresApproval ||
      environment.approval.approvers.length === 0 ||
      (await approvers.mayProvisionDirectly(caller.credentials, environment))
    ) {
      return undefined;
    }
    const existing =
      runId &&
      (await store.forRun({
        runId,
        requester: caller.actor,
        environment: environment.name,
        appName: body.appName,
        entityRef: body.entityRef && normalizeEntityRef(body.entityRef),
      }));
    if (existing && existing.status === 'pending' && kindOf(existing) === kind)
      return existing;
    const request = await store.insert(
      await newRequest(this.options, {
        kind,
        body,
        caller,
        environment,
        runId,
      }),
    );
    await this.record(request, {
      actor: caller.actor,
      outcome: 'pending_approval',
      message: pendingMessage(request, environment),
    });
    await this.options.notifier.toApprovers(
      request,
      environment.approval.approvers,
      'new',
    );
    return request;
  }

  private environmentOf(request: ApprovalRequest): RdsEnvironmentConfig {
    return this.kinds[kindOf(request)].environment(request.environment);
  }

  /** The request, if the caller may decide on it now (401/403/404/409 before any change). */
  private async decidable(
    id: string,
    caller: Caller,
    verb: 'approve' | 'reject',
  ): Promise<ApprovalRequest> {
    const { approvers } = this.options;
    // Denied outright by the policy: refused before the request is read.
    if (await approvers.deniedEverywhere(caller.credentials)) {
      throw new NotAllowedError(
        `${caller.actor} may not ${verb} requests: the permission policy denied rds.environment.approve`,
      );
    }
    await this.expireDue();
    const request = await this.visibility.request(id, caller.credentials);
    const environment = this.environmentOf(request);
    if (!(await approvers.mayApprove(caller.credentials, environment))) {
      throw new NotAllowedError(
        `${caller.actor} may not ${verb} requests in '${environment.name}': approvers are the users and groups in ` +
          `rds.environments.${environment.name}.approval.approvers whom the permission policy allows rds.environment.approve`,
      );
    }
    if (request.status !== 'pending')
      throw await this.options.store.notPending(id);
    return request;
  }

  private async record(
    request: ApprovalRequest,
    event: Parameters<typeof approvalRecord>[1],
  ): Promise<void> {
    await this.options.audit.write(approvalRecord(request, event));
  }
}
