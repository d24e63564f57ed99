import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
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
import { requestMetaOf } from './auditMeta';
import type { createPermissionChecks } from './permissions/checks';
import type { ApprovalService } from './approval/ApprovalService';
import type { DecommissionService } from './service/DecommissionService';

/** Options of {@link createDecommissionRouter}. */
export interface DecommissionRouterOptions {
  decommissions: DecommissionService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  checks: ReturnType<typeof createPermissionChecks>;
  /** The approval workflow: without it a run that needs approval is refused. */
  approvals?: ApprovalService;
}

/**
 * `POST /decommission` (and `/decommission/plan`): the caller, the body, the
 * `rds.database.decommission` permission, the catalog's read rules on the
 * entity and the environment's approval are all checked before the engine
 * reads or changes anything. A dry run is never refused for approval: its plan
 * shows the block instead. A real run that needs an approval its caller cannot
 * give becomes a pending approval request (202, outcome `pending_approval`).
 */
export function createDecommissionRouter(
  options: DecommissionRouterOptions,
): express.Router {
  const { decommissions, httpAuth, auditor, checks } = options;
  const router = Router();

  const authorize = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = { credentials, actor: credentials.principal.userEntityRef };
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
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${caller.actor} is not allowed to decommission databases: the permission policy denied ${rdsDatabaseDecommissionPermission.name}`,
      );
    }
    const request = await decommissions.prepare(parsed.data, caller);
    return { caller, body: parsed.data, request, environment };
  };

  router.post('/decommission/plan', async (req, res) => {
    const { caller, request, environment } = await authorize(req);
    const approved = await checks.hasApproval(caller.credentials, environment);
    res.json(await decommissions.plan(request, approved));
  });

  router.post('/decommission', async (req, res) => {
    const event = await auditor.createEvent({
      eventId: 'database-decommission',
      severityLevel: 'high',
      request: req,
      meta: requestMeta(req.body),
    });
    try {
      const { caller, body, request, environment } = await authorize(req);
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
        await event.success({ meta: resultMeta(pending) });
        res.status(202).json(pending);
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
      if (result.outcome === 'blocked') {
        throw new ConflictError(blockedMessage(result));
      }
      if (result.outcome === 'failed') {
        await event.fail({
          meta: resultMeta(result),
          error: new Error(result.error ?? 'decommission failed'),
        });
      } else {
        await event.success({ meta: resultMeta(result) });
      }
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

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

function requestMeta(body: unknown): JsonObject {
  return requestMetaOf(body, [
    'environment',
    'appName',
    'policy',
    'entityRef',
    'buildId',
    'runId',
    'dryRun',
  ]);
}

function resultMeta(result: DecommissionResult): JsonObject {
  return {
    runId: result.runId,
    outcome: result.outcome,
    dryRun: result.dryRun,
    policy: result.policy,
    instance: result.instance,
    database: result.database,
    ...(result.dumpLocation && { dumpLocation: result.dumpLocation }),
  };
}
