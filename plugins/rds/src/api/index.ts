export { rdsApiRef } from './RdsApi';
export type { RdsApi, AuditPage, GetAuditOptions } from './RdsApi';
export { RdsClient } from './RdsClient';
export { rdsApprovalsApiRef } from './RdsApprovalsApi';
export type { RdsApprovalsApi, ApprovalRequestsQuery } from './RdsApprovalsApi';
export { RdsApprovalsClient } from './RdsApprovalsClient';
