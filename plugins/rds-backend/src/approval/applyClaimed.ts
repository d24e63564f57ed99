import { ConflictError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ApprovalRequestKind,
  RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import type { Caller } from '../service/RdsService';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import type { ApprovalNotifier } from './ApprovalNotifier';
import { withApprovalFields } from './approvalAuditSink';
import { approvalRecord, pendingResult } from './approvalRecords';
import type { ApprovalStore } from './ApprovalStore';
import { planChanges, planHash } from './planHash';
import { kindOf, type RequestKind } from './requestKinds';

/**
 * The apply of a request this approver claimed: plans again; a plan that is
 * not the approved one (its hash differs, or it is blocked) applies nothing
 * and puts the request back to pending with the differences; else the
 * backend applies it with the approver's authority, the audit record naming
 * the request, its requester and the approver.
 */
export async function applyClaimed(
  deps: {
    kinds: Record<ApprovalRequestKind, RequestKind>;
    store: ApprovalStore;
    audit: RdsAuditStore;
    notifier: ApprovalNotifier;
  },
  claimed: ApprovalRequest,
  caller: Caller,
  decision: { comment?: string },
): Promise<ApprovalRequest> {
  const { store, audit, notifier } = deps;
  const kind = deps.kinds[kindOf(claimed)];
  const environment = kind.environment(claimed.environment);
  const id = claimed.id;
  let plan;
  try {
    plan = await kind.plan(claimed, caller);
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
      environment.approval.approvers,
      'plan-changed',
    );
    throw new ConflictError(
      `Nothing was applied: the plan of request ${id} changed since it was requested (the instance ` +
        `changed meanwhile). It is pending again with the new plan; review the differences:\n${changes.join(
          '\n',
        )}`,
    );
  }

  let result: { runId: string; outcome: RunOutcome; error?: string };
  try {
    result = await withApprovalFields(
      {
        requestId: id,
        requestedBy: claimed.requester,
        decidedBy: caller.actor,
      },
      () => kind.apply(claimed, caller),
    );
  } catch (error) {
    result = {
      ...pendingResult(claimed, environment),
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
        ? kind.done(done, result.runId)
        : `The apply did not complete: ${result.error ?? result.outcome}.`
    }`,
  );
  return done;
}
