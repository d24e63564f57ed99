import type { AccessLevel } from './accessLevels';
import type { ApprovalRequestLink } from './approval';
import type { DecommissionFacts, DecommissionSummary } from './decommission';

/**
 * How one step of a run ended. `planned` is used by dry runs. `denied` is a
 * run the rds backend refused before the engine saw it: the environment needs
 * an approval the requester does not hold; it only appears in audit records.
 * `pending_approval`, `rejected` and `expired` are the approval workflow's: a
 * run kept as a pending request, and the request's end without an apply.
 *
 * @public
 */
export type StepOutcome =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'no_change'
  | 'blocked'
  | 'failed'
  | 'planned'
  | 'denied'
  | 'pending_approval'
  | 'rejected'
  | 'expired';

/**
 * The overall outcome of a run: the most significant of its step outcomes.
 *
 * @public
 */
export type RunOutcome = StepOutcome;

/**
 * What a team asks for: one database and login role for an app in one environment.
 *
 * @public
 */
export interface ProvisionRequest {
  /** The app the database is for: every derived name starts with it (see `deriveNames`). */
  appName: string;
  /** The configured environment to provision in, e.g. `dev`. */
  environment: string;
  /** What the app's login role may do in its database. */
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
  /**
   * The requester confirms a change of access level that takes privileges
   * away from an existing login role (see `isAccessLevelDowngrade`); without
   * it such a run is blocked and nothing changes.
   */
  confirmAccessLevelChange?: boolean;
}

/**
 * The body of the rds backend's `POST /plan`: a {@link ProvisionRequest} whose
 * `appName` may be left out when `entityRef` is given. The backend then uses the
 * app name of that entity (`appNameForEntity`), so the rule has one owner,
 * and hands the engine a complete ProvisionRequest.
 *
 * @public
 */
export type PlanRequestBody = Omit<ProvisionRequest, 'appName'> & {
  appName?: string;
};

/**
 * The body of the rds backend's `POST /provision`: a plan request plus the run's options.
 *
 * @public
 */
export type ProvisionRequestBody = PlanRequestBody & {
  /** The run id of the audit record (the scaffolder passes its task id); a random UUID when absent. */
  runId?: string;
  /** Only plan and record the run as a dry run. */
  dryRun?: boolean;
};

/**
 * One ordered step of a plan. `sql` never contains a password or verifier.
 *
 * @public
 */
export interface PlanStep {
  /** Stable id of the step within a plan, e.g. `role.login`, `database`, `secret`. */
  id: string;
  /** What kind of object it changes, e.g. `role`, `database`, `grant`. */
  kind: string;
  /** The object's name, e.g. the role or database name. */
  target: string;
  /**
   * What apply will do: create the object, change it, delete it (decommission only),
   * nothing, or stop the run (`block`).
   */
  action: 'create' | 'update' | 'delete' | 'none' | 'block';
  /** The statements apply will run, with passwords redacted. */
  sql: string[];
  /** Why the step is needed, or why it blocks. */
  reason: string;
}

/**
 * The result of introspect → plan: what apply would do, in order.
 *
 * @public
 */
export interface Plan {
  /** The request the plan is for. */
  request: ProvisionRequest;
  /** The instance's short name (`RdsInstanceConfig.name`). */
  instance: string;
  /** The app's database. */
  database: string;
  /** The app's login role. */
  role: string;
  /** The secret the login role's credentials are stored in. */
  secretName: string;
  /** What apply would do, in order. */
  steps: PlanStep[];
  /** Whether a step blocks the run; apply then changes nothing. */
  blocked: boolean;
  /** Human-readable differences between the live state and the desired state. */
  drift: string[];
  /** What exists before the run, as the plan read it. */
  current?: PlanCurrentState;
}

/**
 * What a plan found before the run: which of the app's objects exist, and the
 * access level its login role has now.
 *
 * @public
 */
export interface PlanCurrentState {
  /** The app's database exists. */
  database: boolean;
  /** The app's login role exists. */
  role: boolean;
  /** The credentials secret exists (and is not scheduled for deletion). */
  secret: boolean;
  /** The access level whose group role the login role is a member of now. */
  accessLevel?: AccessLevel;
}

/**
 * How one step of an applied (or dry-run) plan ended.
 *
 * @public
 */
export interface StepResult {
  /** The step's id, as in {@link PlanStep}. */
  id: string;
  /** The step's kind, as in {@link PlanStep}. */
  kind: string;
  /** The step's target, as in {@link PlanStep}. */
  target: string;
  /** How the step ended. */
  outcome: StepOutcome;
  /** Why it was blocked or failed. */
  message?: string;
}

/**
 * What apply returns. Blocked and failed runs are results, not exceptions.
 *
 * @public
 */
export interface ProvisionResult {
  /** The run's id (`RunContext.runId`), the key of its audit record. */
  runId: string;
  /** Whether it was a dry run: nothing changed and the outcomes are `planned`. */
  dryRun: boolean;
  /** The most significant of the step outcomes. */
  outcome: RunOutcome;
  /** The environment provisioned in. */
  environment: string;
  /** The instance's short name. */
  instance: string;
  /** The app's database. */
  database: string;
  /** The app's login role. */
  role: string;
  /** The access level asked for. */
  accessLevel: AccessLevel;
  /** The secret holding the login role's credentials. */
  secretName: string;
  /** The secret's ARN, once it exists. */
  secretArn?: string;
  /** One result per plan step, in order. */
  steps: StepResult[];
  /** What stopped a failed run. */
  error?: string;
  /**
   * How the app connects, set by the rds backend on the results it returns
   * (the engine leaves it out). Never a password or any other credential.
   */
  connection?: ConnectionDetails;
  /**
   * Set when the run became a pending approval request (outcome
   * `pending_approval`): nothing was changed, a second person approves it.
   */
  approvalRequest?: ApprovalRequestLink;
}

/**
 * Secrets Manager rotation of an app's credentials secret, as the status reads it.
 *
 * @public
 */
export interface SecretRotationStatus {
  /** Rotation is on for the secret (Secrets Manager's RotationEnabled). */
  enabled: boolean;
  /** The environment's strategy; absent when the environment does not rotate. */
  strategy?: 'single-user' | 'alternating-users';
  /** Days between rotations, as the secret is configured. */
  scheduleDays?: number;
  /** When the secret was last rotated (ISO 8601). */
  lastRotatedAt?: string;
  /** When Secrets Manager rotates it next (ISO 8601). */
  nextRotationAt?: string;
  /** The login the current credentials are for: the login role, or its `_clone`. */
  currentUser?: string;
  /** A rotation is under way (a version is AWSPENDING). */
  inProgress?: boolean;
}

/**
 * How an application reaches its database and reads its credentials: what the
 * secret holds besides the password, and where Secrets Manager is. No
 * credential of any kind.
 *
 * @public
 */
export interface ConnectionDetails {
  /** The instance's host name. */
  host: string;
  /** The instance's port. */
  port: number;
  /** The app's database. */
  database: string;
  /** The login role, the secret's `username`. */
  user: string;
  /** The secret holding the credentials. */
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
  /**
   * The TLS mode the instance is configured with (`rds.environments.<env>.instance.ssl.mode`),
   * for the connection snippets; set on the statuses of the Database tab.
   */
  sslMode?: 'disable' | 'require' | 'verify-full';
}

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
 * Live state of one app's database in one environment, for the entity tab.
 *
 * @public
 */
export interface DatabaseStatus {
  /** The environment. */
  environment: string;
  /** The instance's short name. */
  instance: string;
  /** The app the database is for. */
  appName: string;
  /** The app's database name. */
  database: string;
  /** The app's login role. */
  role: string;
  /** The access level whose group role the login role is a member of now; absent when none. */
  accessLevel?: AccessLevel;
  /** Whether the database exists. */
  exists: boolean;
  /** The database's owner role, when it exists. */
  owner?: string;
  /** The secret that holds (or would hold) the credentials. */
  secretName: string;
  /** Whether that secret exists. */
  secretPresent: boolean;
  /** What a plan would change now; empty when the state matches. */
  drift: string[];
  /** Why a run would be blocked now, e.g. a role the platform did not create. */
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
   * The newest decommission run that was not a dry run and that no provisioning run
   * came after: the database is retained or deleted.
   */
  decommissioned?: DecommissionSummary;
  /** The credentials secret's ARN, when the status read it. */
  secretArn?: string;
  /** Secrets Manager rotation of the credentials secret, when the status read it. */
  rotation?: SecretRotationStatus;
  /**
   * How applications connect to the database and read the secret, set by the
   * rds backend for a database that exists. Never a credential.
   */
  connection?: ConnectionDetails;
  /**
   * Set when the live state could not be read (e.g. the instance is unreachable);
   * the other live fields are then empty and only the audit fields are known.
   */
  error?: string;
}

/**
 * A configured environment as shown to users (no connection details).
 *
 * @public
 */
export interface EnvironmentSummary {
  /** The environment's name. */
  name: string;
  /** Its instance's short name. */
  instance: string;
  /** Whether provisioning in it needs approval (`rds.environment.provision`). */
  requiresApproval: boolean;
  /**
   * Whether a run by the caller would be stopped for approval: the environment
   * requires approval and the permission policy does not give the caller
   * `rds.environment.provision` there. Set by `GET /environments`.
   */
  approvalRequiredForYou?: boolean;
}

/**
 * The body of the rds backend's `GET /environments`.
 *
 * @public
 */
export interface EnvironmentsResponse {
  /** The configured environments. */
  items: EnvironmentSummary[];
}

/**
 * The body of the rds backend's `GET /entities/:entityRef/databases`.
 *
 * @public
 */
export interface DatabasesResponse {
  /** The entity's app name in every environment, plus other app names provisioned for the entity. */
  items: DatabaseStatus[];
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
