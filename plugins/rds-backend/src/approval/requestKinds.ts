import type {
  ApprovalRequest,
  ApprovalRequestKind,
  DecommissionPlan,
  DecommissionRequest,
  Plan,
  ProvisionRequest,
  RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import type { DecommissionService } from '../service/DecommissionService';
import type { Caller, RdsService } from '../service/RdsService';

/** What the workflow does with a request of one kind: plan it again, apply it. */
export interface RequestKind {
  /** The environment, with whether this kind of run needs approval there as `requiresApproval`. */
  environment(name: string): RdsEnvironmentConfig;
  /** Plans the request again, as an approved run would (nothing changes). */
  plan(
    request: ApprovalRequest,
    caller: Caller,
  ): Promise<Plan | DecommissionPlan>;
  /** Applies it, with the caller's (the approver's) authority. */
  apply(
    request: ApprovalRequest,
    caller: Caller,
  ): Promise<{ runId: string; outcome: RunOutcome; error?: string }>;
  /** What an applied request did, for the requester's notification. */
  done(request: ApprovalRequest, runId: string): string;
}

/** The kind of a stored request (requests made before kinds existed provision). */
export function kindOf(request: ApprovalRequest): ApprovalRequestKind {
  return request.kind ?? 'provision';
}

/** Provisioning and decommissioning, as the approval workflow sees them. */
export function requestKinds(deps: {
  rds: RdsService;
  decommissions: DecommissionService;
}): Record<ApprovalRequestKind, RequestKind> {
  const { rds, decommissions } = deps;
  return {
    provision: {
      environment: name => rds.environment(name),
      plan: (request, caller) =>
        rds.plan(request.request as ProvisionRequest, caller, {
          approved: true,
        }),
      apply: (request, caller) =>
        rds.provision(request.request as ProvisionRequest, caller, {
          runId: request.runId,
          dryRun: false,
          approved: true,
        }),
      done: (request, runId) =>
        `${request.database} is provisioned (run ${runId}).`,
    },
    decommission: {
      environment: name => decommissions.approvalEnvironment(name),
      plan: request =>
        decommissions.plan(request.request as DecommissionRequest, true),
      apply: async (request, caller) => {
        const result = await decommissions.decommission(
          request.request as DecommissionRequest,
          caller,
          { runId: request.runId, dryRun: false, approved: true },
        );
        if (result.outcome !== 'blocked') return result;
        // The preflight found something new between the plan and the run: nothing changed.
        const why = result.steps
          .filter(s => s.outcome === 'blocked')
          .map(s => s.message ?? `${s.kind} ${s.target} is blocked`);
        return { ...result, outcome: 'failed', error: why.join('; ') };
      },
      done: (request, runId) =>
        `${request.database} is decommissioned (policy ${request.policy}, run ${runId}).`,
    },
  };
}
