import { ConflictError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import type { Caller, RdsService } from '../service/RdsService';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import type { ApprovalNotifier } from './ApprovalNotifier';
import { withApprovalFields } from './approvalAuditSink';
import { approvalRecord, pendingResult } from './approvalRecords';
import type { ApprovalStore } from './ApprovalStore';
import { planChanges, planHash } from './planHash';

/**
 * The apply of a request this approver claimed: plans again; a plan that is
 * not the approved one (its hash differs, or it is blocked) applies nothing
 * and puts the request back to pending with the differences; else the
 * backend applies it with the approver's authority, the audit record naming
 * the request, its requester and the approver.
 */
export async function applyClaimed(
  deps: {
    rds: RdsService;
    store: ApprovalStore;
    audit: RdsAuditStore;
    notifier: ApprovalNotifier;
  },
  claimed: ApprovalRequest,
  caller: Caller,
  decision: { comment?: string },
): Promise<ApprovalRequest> {
  const { rds, store, audit, notifier } = deps;
  const id = claimed.id;
  let plan;
  try {
    plan = await rds.plan(claimed.request, caller, { approved: true });
  } catch (error) {
    await store.replan(id, {
      plan: claimed.plan,
      planHash: claimed.planHash,
      planChanges: claimed.planChanges ?? [],
    });
    throw error;
  }
  const hash = planHash(plan);
  if (hash !== claimed.planHash || plan.blocked) {
    const changes = planChanges(claimed.plan, plan);
    const back = await store.replan(id, {
      plan,
      planHash: hash,
      planChanges: changes,
    });
    const message =
      'not applied: the plan changed since it was requested (the instance changed meanwhile); ' +
      `the request is pending again with the new plan: ${changes.join(' | ')}`;
    await audit.write(
      approvalRecord(back, {
        actor: caller.actor,
        outcome: 'pending_approval',
        message,
        decidedBy: caller.actor,
      }),
    );
    await notifier.toRequester(back, message);
    await notifier.toApprovers(
      back,
      rds.environment(back.environment).approval.approvers,
      'plan-changed',
    );
    throw new ConflictError(
      `Nothing was applied: the plan of request ${id} changed since it was requested (the instance ` +
        `changed meanwhile). It is pending again with the new plan; review the differences:\n${changes.join(
          '\n',
        )}`,
    );
  }

  let result: ProvisionResult;
  try {
    result = await withApprovalFields(
      {
        requestId: id,
        requestedBy: claimed.requester,
        decidedBy: caller.actor,
      },
      () =>
        rds.provision(claimed.request, caller, {
          runId: claimed.runId,
          dryRun: false,
          approved: true,
        }),
    );
  } catch (error) {
    result = {
      ...pendingResult(claimed, rds.environment(claimed.environment)),
      outcome: 'failed',
      error: (error as Error).message,
    };
  }
  const done = await store.finish(id, {
    outcome: result.outcome,
    error: result.error,
  });
  await notifier.toRequester(
    done,
    `${caller.actor} approved your request${
      decision.comment ? `: "${decision.comment}"` : ''
    }. ${
      done.status === 'approved'
        ? `${done.database} is provisioned (run ${result.runId}).`
        : `Provisioning did not complete: ${result.error ?? result.outcome}.`
    }`,
  );
  return done;
}
