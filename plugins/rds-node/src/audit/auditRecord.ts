import type {
  AuditRecord,
  ProvisionRequest,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import type { RunContext } from '../context';

/** The audit record of one run (dry runs included). */
export function auditRecordFor(
  request: ProvisionRequest,
  ctx: RunContext,
  result: ProvisionResult,
): AuditRecord {
  return {
    runId: result.runId,
    buildId: request.buildId,
    timestamp: new Date().toISOString(),
    environment: result.environment,
    instance: result.instance,
    database: result.database,
    role: result.role,
    accessLevel: result.accessLevel,
    actor: ctx.actor,
    entityRef: request.entityRef,
    appName: request.appName,
    // Kept only in the audit record: free text is no tag, name or log line.
    justification: request.justification?.trim() || undefined,
    outcome: result.outcome,
    dryRun: result.dryRun,
    steps: result.steps,
    error: result.error,
  };
}
