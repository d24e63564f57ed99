import type { AccessLevel } from '../accessLevels';
import type { ProvisionRequest } from './request';

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
 * What a provisioning plan and a decommission plan share: the app's objects
 * on one instance and the ordered steps for them.
 *
 * @public
 */
export interface PlanTarget {
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
}

/**
 * The result of introspect → plan: what apply would do, in order.
 *
 * @public
 */
export interface Plan extends PlanTarget {
  /** The request the plan is for. */
  request: ProvisionRequest;
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
