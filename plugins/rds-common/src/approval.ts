import type { AccessLevel } from './accessLevels';
import type {
  DecommissionPlan,
  DecommissionPolicy,
  DecommissionRequest,
} from './decommission';
import type { Plan, ProvisionRequest, RunOutcome } from './types';

/**
 * What an approval request is for: provisioning (the default) or
 * decommissioning a database.
 *
 * @public
 */
export type ApprovalRequestKind = 'provision' | 'decommission';

/**
 * Where an approval request is: waiting (`pending`), being applied
 * (`applying`), applied (`approved`; see its `outcome`), approved but the
 * apply failed (`failed`), `rejected`, or `expired` before anyone decided.
 * Rejected and expired requests are kept.
 *
 * @public
 */
export type ApprovalRequestStatus =
  | 'pending'
  | 'applying'
  | 'approved'
  | 'failed'
  | 'rejected'
  | 'expired';

/**
 * A run in an environment that requires approval, kept until a second person
 * approves or rejects it: the plan as the dry run shows it (passwords
 * redacted), and the SHA-256 of that plan, which an approval is bound to.
 *
 * @public
 */
export interface ApprovalRequest {
  /** The request's id (a UUID). */
  id: string;
  /** Where the request is. */
  status: ApprovalRequestStatus;
  /** What the request is for; absent on requests made before decommissions could be requested: `provision`. */
  kind?: ApprovalRequestKind;
  /** The policy of a decommission request. */
  policy?: DecommissionPolicy;
  /** The environment of the run. */
  environment: string;
  /** The instance's short name. */
  instance: string;
  /** The app the database is for. */
  appName: string;
  /** The app's database. */
  database: string;
  /** The app's login role. */
  role: string;
  /** The access level asked for. */
  accessLevel: AccessLevel;
  /** The catalog entity the database belongs to. */
  entityRef?: string;
  /** Who asked, e.g. `user:default/guest`. */
  requester: string;
  /** Why, as the requester wrote it. */
  justification?: string;
  /** The run id of the request (the scaffolder task id). */
  runId: string;
  /** What was asked for, exactly as it will be applied. */
  request: ProvisionRequest | DecommissionRequest;
  /** The plan the approval is for, passwords redacted. */
  plan: Plan | DecommissionPlan;
  /** SHA-256 (hex) of the plan; an approval names it. */
  planHash: string;
  /**
   * How the plan changed when an approval planned again and found the
   * instance changed since the request (`-` before, `+` now); the request is
   * then pending again with the new plan.
   */
  planChanges?: string[];
  /** ISO 8601 time of the request. */
  createdAt: string;
  /** ISO 8601 time after which it can no longer be approved. */
  expiresAt: string;
  /** Who approved or rejected it. */
  decidedBy?: string;
  /** When it was approved or rejected. */
  decidedAt?: string;
  /** The approver's comment. */
  comment?: string;
  /** The outcome of the apply, once approved. */
  outcome?: RunOutcome;
  /** What stopped a failed apply. */
  error?: string;
  /**
   * Whether the caller may approve or reject it now: a pending request, the
   * caller an approver of its environment, and not its requester. Set by the
   * rds backend per caller.
   */
  canDecide?: boolean;
}

/**
 * What a run that became an approval request returns about it.
 *
 * @public
 */
export interface ApprovalRequestLink {
  /** The request's id. */
  id: string;
  /** The request's page in the app, e.g. `/rds/requests?id=<id>`. */
  path: string;
  /** ISO 8601 time after which it can no longer be approved. */
  expiresAt: string;
  /** SHA-256 of the plan. */
  planHash: string;
  /** Who may approve it (`rds.environments.<env>.approval.approvers`). */
  approvers: string[];
}

/**
 * The body of the rds backend's `GET /requests` and
 * `GET /entities/:entityRef/requests`, newest first.
 *
 * @public
 */
export interface ApprovalRequestsResponse {
  /** The requests the caller may see. */
  items: ApprovalRequest[];
}

/**
 * The body of `POST /requests/:id/approve`: the approval names the plan it is
 * for, so an approver approves what they saw, and cannot change it.
 *
 * @public
 */
export interface ApproveRequestBody {
  /** The `planHash` of the request as the approver saw it. */
  planHash: string;
  /** Optional comment, kept with the decision. */
  comment?: string;
}

/**
 * The body of `POST /requests/:id/reject`.
 *
 * @public
 */
export interface RejectRequestBody {
  /** Why it is rejected; the requester is told. */
  comment: string;
}

/**
 * The app page that lists approval requests (the rds frontend plugin's).
 *
 * @public
 */
export const RDS_REQUESTS_PATH = '/rds/requests';

/**
 * The app path of one approval request.
 *
 * @public
 */
export function approvalRequestPath(id: string): string {
  return `${RDS_REQUESTS_PATH}?id=${encodeURIComponent(id)}`;
}
