import { InputError } from '@backstage/errors';
import {
  parseDecommissionRequestBody,
  type DecommissionRequest,
  type DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import type { StepEvent } from '../apply/executeSteps';
import type { AuditSink } from '../audit/AuditSink';
import { auditRecordFor } from '../audit/auditRecord';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger, RunContext } from '../context';
import { validateAppName } from '../provisioner/validate';
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

/** A valid decommission request for this environment, or an InputError listing every problem. */
export function validateDecommissionRequest(
  req: DecommissionRequest,
  environment: RdsEnvironment,
): DecommissionRequest {
  const parsed = parseDecommissionRequestBody(req);
  if (!parsed.success) {
    throw new InputError(
      `Invalid decommission request: ${parsed.problems.join('; ')}`,
    );
  }
  if (req.environment !== environment.name) {
    throw new InputError(
      `Invalid decommission request: environment "${req.environment}" is not served here; this provisioner serves "${environment.name}"`,
    );
  }
  validateAppName(req.appName, environment);
  // Only the request's own fields (a body may carry runId, dryRun).
  const {
    runId: _r,
    dryRun: _d,
    ...request
  } = req as typeof req & {
    runId?: string;
    dryRun?: boolean;
  };
  return request;
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
  if (!audit.sink) return result;
  try {
    await audit.sink.write({
      // The provisioning record's fields, with the access level the login had.
      ...auditRecordFor({ ...request, accessLevel }, ctx, {
        ...result,
        accessLevel,
      }),
      decommission: {
        policy: result.policy,
        ...(result.dumpLocation && { dumpLocation: result.dumpLocation }),
        ...(result.secretRestorableUntil && {
          secretRestorableUntil: result.secretRestorableUntil,
        }),
      },
    });
  } catch (error) {
    audit.logger.error(
      `rds ${ctx.runId}: could not write the audit record: ${
        (error as Error).message
      }`,
    );
    throw error;
  }
  return result;
}
