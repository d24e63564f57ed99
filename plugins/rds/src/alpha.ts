/**
 * The rds plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

export {
  default,
  rdsApi,
  rdsEntityContent,
  rdsAuditEntityCard,
  rdsEnvironmentPickerFormField,
  rdsJustificationFormField,
  rdsPlanReviewFormField,
  type EntityCardExtension,
  type EntityContentExtension,
} from './alpha/plugin';
