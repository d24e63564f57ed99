import type { AuditRecord } from '@rds-self-service/plugin-rds-common';

/**
 * Receives one record per run. The backend stores them in its database; the CLI appends CSV.
 *
 * @public
 */
export interface AuditSink {
  /** Stores the record. A rejection is logged and rethrown by `apply()`, after the run. */
  write(record: AuditRecord): Promise<void>;
}
