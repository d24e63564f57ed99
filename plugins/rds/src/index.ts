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
} from './plugin';
export { rdsApiRef, RdsClient } from './api';
export type { RdsApi, AuditPage, GetAuditOptions } from './api';
export type { EntityRdsAuditCardProps } from './components/EntityRdsAuditCard';
export {
  RdsEnvironmentPicker,
  RdsEnvironmentPickerFieldSchema,
  rdsEnvironmentPickerValidation,
} from './components/RdsEnvironmentPicker';
export type { RdsEnvironmentPickerProps } from './components/RdsEnvironmentPicker';
export {
  isRdsAvailable,
  getRdsAppName,
  RDS_APP_NAME_ANNOTATION,
} from './entity';
