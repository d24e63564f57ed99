import type { AccessLevel } from '../accessLevels';
import type { DecommissionFacts } from '../decommission';
import type { RunOutcome, StepResult } from './results';

/**
 * One audit row per run, handed to an audit sink (database table, CSV file).
 *
 * @public
 */
export interface AuditRecord {
  /** The run's id; a retried run id gets a record of its own. */
  runId: string;
  /** The CI build or scaffolder task that asked (`ProvisionRequest.buildId`). */
  buildId?: string;
  /** ISO 8601 time of the end of the run. */
  timestamp: string;
  /** The environment of the run. */
  environment: string;
  /** The instance's short name. */
  instance: string;
  /** The app's database. */
  database: string;
  /** The app's login role. */
  role: string;
  /** The access level asked for. */
  accessLevel: AccessLevel;
  /** Who started the run (`RunContext.actor`), e.g. `user:default/jane`. */
  actor: string;
  /** The catalog entity the database belongs to. */
  entityRef?: string;
  /** The app the database is for. */
  appName: string;
  /** Why the run was asked for, as the requester wrote it. */
  justification?: string;
  /** The run's outcome. */
  outcome: RunOutcome;
  /** Whether it was a dry run. */
  dryRun: boolean;
  /** The outcome of every step, in order. */
  steps: StepResult[];
  /** What stopped a failed run. */
  error?: string;
  /** Set on the records of decommission runs: the policy, the dump, the secret's window. */
  decommission?: DecommissionFacts;
  /** The approval request the record belongs to (request, decision or apply). */
  requestId?: string;
  /** Who asked for the approval request the record belongs to. */
  requestedBy?: string;
  /** Who approved or rejected that request. */
  decidedBy?: string;
}

/**
 * The query of the rds backend's `GET /entities/:entityRef/audit` (the CSV
 * route takes `environment` only). The backend's defaults: `limit` 50
 * (1 to 500), `offset` 0.
 *
 * @public
 */
export interface AuditPageQuery {
  /** Only the records of this environment. */
  environment?: string;
  /** Records per page. */
  limit?: number;
  /** Records to skip, newest first. */
  offset?: number;
}

/**
 * The body of `GET /entities/:entityRef/audit`: one page of audit records, newest first.
 *
 * @public
 */
export interface AuditPage {
  /** The page's records, newest first. */
  items: AuditRecord[];
  /** Number of records across all pages, for pagination. */
  totalCount: number;
}
