import type { AccessLevel } from './accessLevels';

/** How one step of a run ended. `planned` is used by dry runs. */
export type StepOutcome =
  | 'created'
  | 'updated'
  | 'no_change'
  | 'blocked'
  | 'failed'
  | 'planned';

/** The overall outcome of a run: the most significant of its step outcomes. */
export type RunOutcome = StepOutcome;

/** What a team asks for: one database and login role for an app in one environment. */
export interface ProvisionRequest {
  appName: string;
  environment: string;
  accessLevel: AccessLevel;
  /** Catalog entity the database belongs to, e.g. `component:default/payments`. */
  entityRef?: string;
  /** CI build or scaffolder task that asked, recorded in tags and audit. */
  buildId?: string;
  /** Generate a new password even when the secret already holds one. */
  rotatePassword?: boolean;
  /**
   * Why the database is needed (free text, e.g. a change ticket), kept in the audit
   * record. Never used in names, tags or SQL.
   */
  justification?: string;
}

/**
 * The body of the rds backend's `POST /plan`: a {@link ProvisionRequest} whose
 * `appName` may be left out when `entityRef` is given. The backend then uses the
 * app name of that entity (`appNameForEntity`), so the rule has one owner,
 * and hands the engine a complete ProvisionRequest.
 */
export type PlanRequestBody = Omit<ProvisionRequest, 'appName'> & {
  appName?: string;
};

/** The body of the rds backend's `POST /provision`: a plan request plus the run's options. */
export type ProvisionRequestBody = PlanRequestBody & {
  /** The run id of the audit record (the scaffolder passes its task id); a random UUID when absent. */
  runId?: string;
  /** Only plan and record the run as a dry run. */
  dryRun?: boolean;
};

/** One ordered step of a plan. `sql` never contains a password or verifier. */
export interface PlanStep {
  id: string;
  kind: string;
  target: string;
  action: 'create' | 'update' | 'none' | 'block';
  sql: string[];
  reason: string;
}

/** The result of introspect → plan: what apply would do, in order. */
export interface Plan {
  request: ProvisionRequest;
  instance: string;
  database: string;
  role: string;
  secretName: string;
  steps: PlanStep[];
  blocked: boolean;
  /** Human-readable differences between the live state and the desired state. */
  drift: string[];
}

/** How one step of an applied (or dry-run) plan ended. */
export interface StepResult {
  id: string;
  kind: string;
  target: string;
  outcome: StepOutcome;
  message?: string;
}

/** What apply returns. Blocked and failed runs are results, not exceptions. */
export interface ProvisionResult {
  runId: string;
  dryRun: boolean;
  outcome: RunOutcome;
  environment: string;
  instance: string;
  database: string;
  role: string;
  accessLevel: AccessLevel;
  secretName: string;
  secretArn?: string;
  steps: StepResult[];
  error?: string;
}

/** One audit row per run, handed to an audit sink (database table, CSV file). */
export interface AuditRecord {
  runId: string;
  buildId?: string;
  /** ISO 8601 time of the end of the run. */
  timestamp: string;
  environment: string;
  instance: string;
  database: string;
  role: string;
  accessLevel: AccessLevel;
  actor: string;
  entityRef?: string;
  appName: string;
  /** Why the run was asked for, as the requester wrote it. */
  justification?: string;
  outcome: RunOutcome;
  dryRun: boolean;
  steps: StepResult[];
  error?: string;
}

/** Live state of one app's database in one environment, for the entity tab. */
export interface DatabaseStatus {
  environment: string;
  instance: string;
  appName: string;
  database: string;
  role: string;
  accessLevel?: AccessLevel;
  exists: boolean;
  owner?: string;
  secretName: string;
  secretPresent: boolean;
  /** What a plan would change now; empty when the state matches. */
  drift: string[];
  blockedReason?: string;
  lastProvisionedAt?: string;
  lastProvisionedBy?: string;
  lastOutcome?: RunOutcome;
  lastRunId?: string;
  /**
   * Set when the live state could not be read (e.g. the instance is unreachable);
   * the other live fields are then empty and only the audit fields are known.
   */
  error?: string;
}

/** A configured environment as shown to users (no connection details). */
export interface EnvironmentSummary {
  name: string;
  instance: string;
  requiresApproval: boolean;
}

/** The body of the rds backend's `GET /environments`. */
export interface EnvironmentsResponse {
  items: EnvironmentSummary[];
}

/** The body of the rds backend's `GET /entities/:entityRef/databases`. */
export interface DatabasesResponse {
  items: DatabaseStatus[];
}

/**
 * The query of the rds backend's `GET /entities/:entityRef/audit` (the CSV
 * route takes `environment` only). The backend's defaults: `limit` 50
 * (1 to 500), `offset` 0.
 */
export interface AuditPageQuery {
  environment?: string;
  limit?: number;
  offset?: number;
}

/** The body of `GET /entities/:entityRef/audit`: one page of audit records, newest first. */
export interface AuditPage {
  items: AuditRecord[];
  /** Number of records across all pages, for pagination. */
  totalCount: number;
}
