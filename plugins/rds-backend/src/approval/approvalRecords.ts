import {
  approvalRequestPath,
  type ApprovalRequest,
  type AuditRecord,
  type DecommissionPlan,
  type DecommissionResult,
  type ProvisionResult,
  type RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';

/**
 * The audit record of a step of the workflow (request, rejection, expiry, a
 * refused apply): one `approval` step, with the requester and the decider.
 */
export function approvalRecord(
  request: ApprovalRequest,
  event: {
    actor: string;
    outcome: RunOutcome;
    message: string;
    decidedBy?: string;
    error?: string;
  },
): AuditRecord {
  return {
    runId: request.runId,
    ...(request.request.buildId && { buildId: request.request.buildId }),
    timestamp: new Date().toISOString(),
    environment: request.environment,
    instance: request.instance,
    database: request.database,
    role: request.role,
    accessLevel: request.accessLevel,
    actor: event.actor,
    ...(request.entityRef && { entityRef: request.entityRef }),
    appName: request.appName,
    ...(request.justification && { justification: request.justification }),
    outcome: event.outcome,
    dryRun: false,
    steps: [
      {
        id: 'approval',
        kind: 'approval',
        target: request.environment,
        outcome: event.outcome,
        message: event.message,
      },
    ],
    ...(event.error && { error: event.error }),
    requestId: request.id,
    requestedBy: request.requester,
    ...(event.decidedBy && { decidedBy: event.decidedBy }),
  };
}

export function pendingMessage(
  request: ApprovalRequest,
  environment: RdsEnvironmentConfig,
): string {
  const what =
    request.kind === 'decommission'
      ? ` to decommission ${request.database} (policy ${request.policy})`
      : '';
  return (
    `waiting for approval${what} by ${environment.approval.approvers.join(
      ', ',
    )}: request ${request.id}, ` +
    `plan sha256 ${request.planHash}, expires ${request.expiresAt}; nothing was changed`
  );
}

/** The run's result when it became (or is) a pending request. */
export function pendingResult(
  request: ApprovalRequest,
  environment: RdsEnvironmentConfig,
): ProvisionResult {
  return {
    runId: request.runId,
    dryRun: false,
    outcome: 'pending_approval',
    environment: request.environment,
    instance: request.instance,
    database: request.database,
    role: request.role,
    accessLevel: request.accessLevel,
    secretName: request.plan.secretName,
    steps: [
      {
        id: 'approval',
        kind: 'approval',
        target: request.environment,
        outcome: 'pending_approval',
        message: pendingMessage(request, environment),
      },
    ],
    approvalRequest: {
      id: request.id,
      path: approvalRequestPath(request.id),
      expiresAt: request.expiresAt,
      planHash: request.planHash,
      approvers: environment.approval.approvers,
    },
  };
}

/** A decommission run's result when it became (or is) a pending request. */
export function pendingDecommissionResult(
  request: ApprovalRequest,
  environment: RdsEnvironmentConfig,
): DecommissionResult {
  const { accessLevel: _a, ...result } = pendingResult(request, environment);
  const plan = request.plan as DecommissionPlan;
  return { ...result, policy: plan.request.policy, preflight: plan.preflight };
}
