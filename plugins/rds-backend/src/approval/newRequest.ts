import { ConflictError } from '@backstage/errors';
import type {
  ApprovalRequestKind,
  DecommissionPlan,
  DecommissionRequest,
  Plan,
  PlanRequestBody,
} from '@rds-self-service/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import type { RdsEnvironmentConfig } from '../config/types';
import type { DecommissionService } from '../service/DecommissionService';
import type { Caller, RdsService } from '../service/RdsService';
import { newApiRunId } from '../service/runIds';
import type { NewApprovalRequest } from './ApprovalStore';
import { planHash } from './planHash';

/**
 * A new pending request of a run: its plan (planned as an approved run would
 * be, so nothing changes), refused with a ConflictError when the plan is
 * blocked (approving it could apply nothing), and the plan's hash.
 */
export async function newRequest(
  deps: { rds: RdsService; decommissions: DecommissionService },
  run: {
    kind: ApprovalRequestKind;
    body: PlanRequestBody | DecommissionRequest;
    caller: Caller;
    environment: RdsEnvironmentConfig;
    runId: string | undefined;
  },
): Promise<NewApprovalRequest> {
  const { kind, caller, environment } = run;
  const plan: Plan | DecommissionPlan =
    kind === 'provision'
      ? await deps.rds.plan(run.body as PlanRequestBody, caller, {
          approved: true,
        })
      : await deps.decommissions.plan(run.body as DecommissionRequest, true);
  if (plan.blocked) {
    throw new ConflictError(
      plan.steps
        .filter(s => s.action === 'block')
        .map(s => s.reason)
        .join('\n') ||
        `${kind === 'provision' ? 'Provisioning' : 'Decommissioning'} ${
          plan.database
        } is blocked`,
    );
  }
  const request = plan.request;
  return {
    id: randomUUID(),
    kind,
    environment: environment.name,
    instance: plan.instance,
    appName: request.appName,
    database: plan.database,
    role: plan.role,
    // A decommission drops or disables everything the app has.
    accessLevel: 'accessLevel' in request ? request.accessLevel : 'owner',
    entityRef: request.entityRef,
    requester: caller.actor,
    justification: request.justification?.trim() || undefined,
    runId: run.runId ?? newApiRunId(),
    request,
    plan,
    planHash: planHash(plan),
    expiresAt: new Date(
      Date.now() + environment.approval.requestTtlMs,
    ).toISOString(),
  };
}
