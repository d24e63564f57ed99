import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  ApprovalRequestStatus,
} from '@rds-self-service/plugin-rds-common';

/**
 * Which approval requests to list: one entity's or every one the user may
 * see; pending only unless `status` says otherwise (`all` for every status).
 *
 * @public
 */
export interface ApprovalRequestsQuery {
  /** Only this entity's requests. */
  entityRef?: string;
  /** Defaults to `pending`. */
  status?: ApprovalRequestStatus | 'all';
}

/**
 * The rds backend's approval workflow: list, read, approve, reject.
 *
 * @public
 */
export interface RdsApprovalsApi {
  /** `GET /requests` or `GET /entities/:entityRef/requests`, newest first. */
  list(query?: ApprovalRequestsQuery): Promise<ApprovalRequest[]>;
  /** `GET /requests/:id`. */
  get(id: string): Promise<ApprovalRequest>;
  /** `POST /requests/:id/approve`, for the plan the approver saw. */
  approve(
    id: string,
    decision: { planHash: string; comment?: string },
  ): Promise<ApprovalRequest>;
  /** `POST /requests/:id/reject`, saying why. */
  reject(id: string, decision: { comment: string }): Promise<ApprovalRequest>;
}

/**
 * The API ref of {@link RdsApprovalsApi}.
 *
 * @public
 */
export const rdsApprovalsApiRef = createApiRef<RdsApprovalsApi>({
  id: 'plugin.rds.approvals',
});
