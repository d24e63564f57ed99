import { NotAllowedError } from '@backstage/errors';
import type {
  PlanRequestBody,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import Router from 'express-promise-router';
import type { ApprovalService } from '../approval/ApprovalService';
import type { createPermissionChecks } from '../permissions/checks';
import { parseProvisionBody, parseRequestBody } from '../requestSchemas';
import type { Caller, RdsService } from '../service/RdsService';
import { runResultMeta } from './auditMeta';
import {
  answerRun,
  type Audited,
  createUserRuns,
  type RunEnding,
} from './auditedRun';
import type { Callers } from './callers';

/** How a provision run's audit event ends and what it answers. */
const provisionEnding: RunEnding<ProvisionResult> = {
  meta: resultMeta,
  blockedMessage,
  failure: 'provisioning failed',
};

/**
 * `POST /plan` and `POST /provision`: the person, the body and the provision
 * permission are checked before the engine reads anything; a real run also
 * needs the environment's approval (or becomes a pending request).
 */
export function createProvisionRoutes(options: {
  service: RdsService;
  checks: ReturnType<typeof createPermissionChecks>;
  callers: Callers;
  audited: Audited;
  approvals?: ApprovalService;
}): express.Router {
  const { service, checks } = options;
  const userRun = createUserRuns(options.audited, options.callers);
  const router = Router();

  // A run refused for want of approval is kept in the entity's history with
  // its justification and who may approve it; the caller still gets the 403.
  const recordDenial = async (
    error: unknown,
    request: PlanRequestBody,
    caller: Caller,
    runId: string | undefined,
  ): Promise<never> => {
    if (!(error instanceof NotAllowedError)) throw error;
    const record = await service.recordDenied(request, caller, {
      runId,
      reason: error.message,
    });
    const where = record.entityRef
      ? `the audit history of ${record.entityRef}`
      : `the audit trail (run ${record.runId})`;
    throw new NotAllowedError(
      `${error.message}. The request is kept, with its justification, in ${where}`,
    );
  };

  router.post(
    '/plan',
    userRun(
      { eventId: 'database-plan', severityLevel: 'low' },
      async ({ req, res, event, caller }) => {
        const request = parseRequestBody(req.body);
        await checks.requireProvision(caller, 'plan');
        // A plan never needs approval; without it, it shows the run would be blocked.
        const approved = await checks.hasApproval(
          caller.credentials,
          service.environment(request.environment),
        );
        const plan = await service.plan(request, caller, { approved });
        await event.success({ meta: { blocked: plan.blocked } });
        res.json(plan);
      },
    ),
  );

  router.post(
    '/provision',
    userRun(
      { eventId: 'database-provision', severityLevel: 'medium' },
      async ({ req, res, event, caller }) => {
        const { request, runId, dryRun } = parseProvisionBody(req.body);
        const environment = service.environment(request.environment);
        await checks.requireProvision(caller, 'provision');
        // Without an approval the caller can give, a real run becomes a pending request.
        const pending =
          !dryRun &&
          (await options.approvals?.requestUnlessApproved(
            request,
            caller,
            runId,
          ));
        if (pending) {
          await answerRun(res, event, pending, provisionEnding);
          return;
        }
        // A dry run changes nothing, so it is not refused; without approval its
        // plan shows that a real run would be blocked.
        const approved = dryRun
          ? await checks.hasApproval(caller.credentials, environment)
          : await checks
              .requireApproval(caller, environment)
              .catch(error => recordDenial(error, request, caller, runId));
        const result = await service.provision(request, caller, {
          runId,
          dryRun,
          approved,
        });
        await answerRun(res, event, result, provisionEnding);
      },
    ),
  );

  return router;
}

/**
 * The guardrail's own words: the run error, else the messages of the steps
 * that block, one per line. The steps the block kept from running (the
 * engine's "not run: the run is blocked (...)") repeat them, so they are left
 * out.
 */
function blockedMessage(result: ProvisionResult): string {
  if (result.error) return result.error;
  const steps = result.steps
    .filter(
      step =>
        step.outcome === 'blocked' && !step.message?.startsWith('not run:'),
    )
    .map(step => step.message ?? `${step.kind} ${step.target} is blocked`);
  return steps.join('\n') || `Provisioning ${result.database} was blocked`;
}

function resultMeta(result: ProvisionResult): JsonObject {
  return {
    ...runResultMeta(result),
    role: result.role,
    secretName: result.secretName,
  };
}
