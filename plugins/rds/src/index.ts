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
  RdsJustificationField,
  RdsJustificationFieldSchema,
  rdsJustificationValidation,
} from './components/RdsJustificationField';
export type {
  RdsJustificationFieldProps,
  RdsJustificationUiOptions,
} from './components/RdsJustificationField';
export {
  isRdsAvailable,
  getRdsAppName,
  RDS_APP_NAME_ANNOTATION,
} from './entity';
