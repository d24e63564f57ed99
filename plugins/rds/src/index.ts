/**
 * Frontend for self-service Postgres databases: the entity page's "Database"
 * tab and an audit history card.
 *
 * @packageDocumentation
 */

export {
  rdsPlugin,
  EntityRdsContent,
  EntityRdsAuditCard,
  RdsRequestsPage,
  RdsEnvironmentPickerFieldExtension,
  RdsJustificationFieldExtension,
  RdsPlanReviewFieldExtension,
} from './plugin';
export {
  rdsApiRef,
  RdsClient,
  rdsApprovalsApiRef,
  RdsApprovalsClient,
} from './api';
export type {
  RdsApi,
  GetAuditOptions,
  RdsApprovalsApi,
  ApprovalRequestsQuery,
} from './api';
export type { EntityRdsAuditCardProps } from './components/EntityRdsAuditCard';
export { isRdsAvailable } from './entity';
