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
} from './alpha/plugin';
