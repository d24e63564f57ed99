export { rdsApiRef } from './RdsApi';
export type { RdsApi, AuditPage, GetAuditOptions } from './RdsApi';
export { RdsClient } from './RdsClient';
