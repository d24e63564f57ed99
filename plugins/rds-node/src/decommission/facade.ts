import type {
  DecommissionRequest,
  DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import type { StepEvent } from '../apply/executeSteps';
import type { AuditSink } from '../audit/AuditSink';
import { auditRecordFor } from '../audit/auditRecord';
import { writeAudit } from '../audit/writeAudit';
import type { EngineLogger, RunContext } from '../context';
import { outputsOf } from './results';
import type { Decommissioner } from './run';

/**
 * Options of one decommission.
 *
 * @public
 */
export interface DecommissionOptions {
  /** Required for changes where the environment's decommissions need approval. */
  approved?: boolean;
  /** Plan and report `planned` outcomes without changing anything. */
  dryRun?: boolean;
  /** Progress of each step that changes something. */
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/** Runs a decommission and writes its audit record (dry runs included), with every step. */
export async function decommissionAndAudit(
  decommissioner: Decommissioner,
  request: DecommissionRequest,
  ctx: RunContext,
  options: DecommissionOptions,
  audit: { sink?: AuditSink; logger: EngineLogger },
): Promise<DecommissionResult> {
  const { result, accessLevel } = await decommissioner.apply(request, ctx, {
    approved: options.approved ?? false,
    dryRun: options.dryRun ?? false,
    onStep: options.onStep,
  });
  await writeAudit(audit.sink, audit.logger, ctx, () => ({
    // The provisioning record's fields, with the access level the login had.
    ...auditRecordFor({ ...request, accessLevel }, ctx, {
      ...result,
      accessLevel,
    }),
    decommission: { policy: result.policy, ...outputsOf(result) },
  }));
  return result;
}
