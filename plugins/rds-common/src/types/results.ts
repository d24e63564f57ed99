import type { AccessLevel } from '../accessLevels';
import type { ApprovalRequestLink } from '../approval';
import type { ConnectionDetails } from './connection';

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
