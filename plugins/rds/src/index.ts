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
  RdsEnvironmentPickerFieldExtension,
  RdsJustificationFieldExtension,
  RdsPlanReviewFieldExtension,
} from './plugin';
export { rdsApiRef, RdsClient } from './api';
export type { RdsApi, GetAuditOptions } from './api';
export type { EntityRdsAuditCardProps } from './components/EntityRdsAuditCard';
export { isRdsAvailable } from './entity';
