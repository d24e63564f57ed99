import type {
  AuditPage,
  AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import type { AuditSink } from '@rds-self-service/plugin-rds-node';

/** Which audit records to list, newest first. */
export interface AuditQuery {
  entityRef?: string;
  environment?: string;
  limit: number;
  offset: number;
}

export type { AuditPage };

/**
 * The durable audit trail of provisioning runs. As the engine's AuditSink it
 * receives one record per run; it never holds a secret.
 */
export interface RdsAuditStore extends AuditSink {
  write(record: AuditRecord): Promise<void>;
  list(query: AuditQuery): Promise<AuditPage>;
  /** The newest run that was not a dry run, for a database's status. */
  lastRun(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined>;
  /**
   * The newest run that changed something (outcome created or updated, not a
   * dry run): when the database was last provisioned.
   */
  lastChange(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined>;
  /**
   * The newest decommission run that was not a dry run and left the database
   * retained or deleted.
   */
  lastDecommission(options: {
    environment: string;
    appName: string;
  }): Promise<AuditRecord | undefined>;
  /** Whether a record of this run id is stored (a reported CLI run is stored once). */
  hasRun(runId: string): Promise<boolean>;
  /** App names provisioned for an entity (not dry runs), per environment. */
  appNamesForEntity(
    entityRef: string,
  ): Promise<Array<{ environment: string; appName: string }>>;
}
