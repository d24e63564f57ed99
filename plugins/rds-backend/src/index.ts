/**
 * The rds backend plugin: plan, provision, status and audit API over the rds engine.
 *
 * @packageDocumentation
 */

export { rdsPlugin as default } from './plugin';
// Defined in @internal/plugin-rds-common; re-exported for existing policy imports.
export {
  RDS_ENVIRONMENT_RESOURCE_TYPE,
  rdsEnvironmentProvisionPermission,
} from '@internal/plugin-rds-common';
export {
  type RdsEnvironmentResource,
  rdsEnvironmentResourceRef,
} from './permissions/resource';
export {
  rdsEnvironmentConditions,
  createRdsEnvironmentConditionalDecision,
  rdsEnvironmentRules,
} from './permissions/rules';
