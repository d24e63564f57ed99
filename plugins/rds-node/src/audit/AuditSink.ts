import type { AuditRecord } from '@internal/plugin-rds-common';

/** Receives one record per run. The backend stores them in its database; the CLI appends CSV. */
export interface AuditSink {
  write(record: AuditRecord): Promise<void>;
}
