import type { AccessLevel } from '../accessLevels';

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
