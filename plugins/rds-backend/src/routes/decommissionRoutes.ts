import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  parseDecommissionRequestBody,
  rdsDatabaseDecommissionPermission,
  rdsEnvironmentProvisionPermission,
  type DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import Router from 'express-promise-router';
import type { ApprovalService } from '../approval/ApprovalService';
import type { createPermissionChecks } from '../permissions/checks';
import type { DecommissionService } from '../service/DecommissionService';
import type { Caller } from '../service/RdsService';
import { runRequestMeta, runResultMeta } from './auditMeta';
import {
  answerRun,
  createAudited,
  createUserRuns,
  type RunEnding,
} from './auditedRun';
import type { Callers } from './callers';

/** How a decommission run's audit event ends and what it answers. */
const decommissionEnding: RunEnding<DecommissionResult> = {
  meta: resultMeta,
  blockedMessage,
  failure: 'decommission failed',
};

/**
 * `POST /decommission` (and `/decommission/plan`): the caller, the body, the
 * `rds.database.decommission` permission, the catalog's read rules on the
 * entity and the environment's approval are all checked before the engine
 * reads or changes anything. A dry run is never refused for approval: its plan
 * shows the block instead. A real run that needs an approval its caller cannot
 * give becomes a pending approval request (202, outcome `pending_approval`).
 */
export function createDecommissionRoutes(options: {
  decommissions: DecommissionService;
  permissions: PermissionsService;
  auditor: AuditorService;
  checks: ReturnType<typeof createPermissionChecks>;
  callers: Callers;
  /** The approval workflow: without it a run that needs approval is refused. */
  approvals?: ApprovalService;
}): express.Router {
  const { decommissions, checks } = options;
  const userRun = createUserRuns(
    createAudited(options.auditor, runRequestMeta('policy')),
    options.callers,
  );
  const router = Router();

  const authorize = async (req: express.Request, caller: Caller) => {
    const parsed = parseDecommissionRequestBody(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid decommission request: ${parsed.problems.join('; ')}`,
      );
    }
    const environment = decommissions.approvalEnvironment(
      parsed.data.environment,
    );
    const [decision] = await options.permissions.authorize(
      [{ permission: rdsDatabaseDecommissionPermission }],
      { credentials: caller.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${caller.actor} is not allowed to decommission databases: the permission policy denied ${rdsDatabaseDecommissionPermission.name}`,
      );
    }
    const request = await decommissions.prepare(parsed.data, caller);
    return { body: parsed.data, request, environment };
  };

  router.post('/decommission/plan', async (req, res) => {
    const caller = await options.callers.userCaller(req);
    const { request, environment } = await authorize(req, caller);
    const approved = await checks.hasApproval(caller.credentials, environment);
    res.json(await decommissions.plan(request, approved));
  });

  router.post(
    '/decommission',
    userRun(
      { eventId: 'database-decommission', severityLevel: 'high' },
      async ({ req, res, event, caller }) => {
        const { body, request, environment } = await authorize(req, caller);
        const dryRun = body.dryRun ?? false;
        const approved = await checks.hasApproval(
          caller.credentials,
          environment,
        );
        // Without an approval the caller can give, a real run becomes a pending request.
        const pending =
          !dryRun &&
          !approved &&
          (await options.approvals?.requestDecommissionUnlessApproved(
            request,
            caller,
            body.runId,
          ));
        if (pending) {
          await answerRun(res, event, pending, decommissionEnding);
          return;
        }
        if (!dryRun && !approved) {
          const { name } = environment;
          const reason =
            `Decommissioning in '${name}' requires approval (rds.environments.${name}.decommission.requiresApproval, ` +
            `true outside dev), and ${caller.actor} may not run it directly there: that takes an approver named in ` +
            `rds.environments.${name}.approval.approvers where approval.selfApproval is on, whom the permission policy ` +
            `allows ${rdsEnvironmentProvisionPermission.name} in '${name}'; ask the platform team to decommission it`;
          await decommissions.recordDenied(request, caller, {
            runId: body.runId,
            reason,
          });
          throw new NotAllowedError(
            `${reason}. The request is kept in the audit history`,
          );
        }
        const result = await decommissions.decommission(request, caller, {
          runId: body.runId,
          dryRun,
          approved,
        });
        await answerRun(res, event, result, decommissionEnding);
      },
    ),
  );

  return router;
}

function blockedMessage(result: DecommissionResult): string {
  return (
    result.steps
      .filter(s => s.outcome === 'blocked')
      .map(s => s.message ?? `${s.kind} ${s.target} is blocked`)
      .join('\n') || `Decommissioning ${result.database} was blocked`
  );
}

function resultMeta(result: DecommissionResult): JsonObject {
  return {
    ...runResultMeta(result),
    policy: result.policy,
    ...(result.dumpLocation && { dumpLocation: result.dumpLocation }),
  };
}
