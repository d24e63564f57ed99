import type { AccessLevel } from '../accessLevels';
import type { DecommissionSummary } from '../decommission';
import type { ConnectionDetails, SecretRotationStatus } from './connection';
import type { RunOutcome } from './results';

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
  /**
   * Who approves runs there (`rds.environments.<env>.approval.approvers`),
   * when the backend says; the plan review names them.
   */
  approvers?: string[];
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
