export { rdsApiRef } from './RdsApi';
export type {
  RdsApi,
  AuditPage,
  GetAuditOptions,
  RdsDatabaseStatus,
} from './RdsApi';
export { RdsClient } from './RdsClient';
