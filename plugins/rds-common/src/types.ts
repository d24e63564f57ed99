import type { AccessLevel } from './accessLevels';

/**
 * How one step of a run ended. `planned` is used by dry runs. `denied` is a
 * run the rds backend refused before the engine saw it: the environment needs
 * an approval the requester does not hold; it only appears in audit records.
 */
export type StepOutcome =
  | 'created'
  | 'updated'
  | 'no_change'
  | 'blocked'
  | 'failed'
  | 'planned'
  | 'denied';

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
  /**
   * How the app connects, set by the rds backend on the results it returns
   * (the engine leaves it out). Never a password or any other credential.
   */
  connection?: ConnectionDetails;
}

/**
 * How an application reaches its database and reads its credentials: what the
 * secret holds besides the password, and where Secrets Manager is. No
 * credential of any kind.
 */
export interface ConnectionDetails {
  host: string;
  port: number;
  database: string;
  /** The login role, the secret's `username`. */
  user: string;
  secretName: string;
  /** Set once the secret exists. */
  secretArn?: string;
  /** The Secrets Manager region (`rds.secretsManager.region`). */
  region: string;
  /**
   * The Secrets Manager endpoint when one is configured
   * (`rds.secretsManager.endpoint`, e.g. the local one); absent when the AWS
   * SDK uses AWS's own.
   */
  secretsManagerEndpoint?: string;
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
  /** Time of the newest run that was not a dry run, whatever its outcome. */
  lastProvisionedAt?: string;
  /** Who ran the newest run that was not a dry run. */
  lastProvisionedBy?: string;
  /** Outcome of the newest run that was not a dry run. */
  lastOutcome?: RunOutcome;
  /** Run id of the newest run that was not a dry run. */
  lastRunId?: string;
  /**
   * Time of the newest run that changed something (outcome `created` or
   * `updated`, not a dry run): when the database was last provisioned. A
   * blocked, failed or no_change run leaves it as it was.
   */
  lastChangedAt?: string;
  /** Who ran the newest run that changed something. */
  lastChangedBy?: string;
  /** Run id of the newest run that changed something. */
  lastChangedRunId?: string;
  /** Outcome of the newest run that changed something: `created` or `updated`. */
  lastChangedOutcome?: RunOutcome;
  /** Access level the newest run that changed something set. */
  lastChangedAccessLevel?: AccessLevel;
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
  /**
   * Whether a run by the caller would be stopped for approval: the environment
   * requires approval and the permission policy does not give the caller
   * `rds.environment.provision` there. Set by `GET /environments`.
   */
  approvalRequiredForYou?: boolean;
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
