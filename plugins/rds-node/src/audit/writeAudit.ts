import type { EngineLogger, RunContext } from '../context';
import type { AuditSink } from './AuditSink';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';

/**
 * Writes a run's audit record when there is a sink. A write that fails is logged (without the
 * record) and thrown: a run that could not be audited does not report success.
 */
export async function writeAudit(
  sink: AuditSink | undefined,
  logger: EngineLogger,
  ctx: RunContext,
  record: () => AuditRecord,
): Promise<void> {
  if (!sink) return;
  try {
    await sink.write(record());
  } catch (error) {
    logger.error(
      `rds ${ctx.runId}: could not write the audit record: ${
        (error as Error).message
      }`,
    );
    throw error;
  }
}
