/**
 * The rds backend plugin: plan, provision, status and audit API over the rds engine.
 *
 * @packageDocumentation
 */

export { rdsPlugin as default } from './plugin';
export {
  RDS_ENVIRONMENT_RESOURCE_TYPE,
  type RdsEnvironmentResource,
  rdsEnvironmentResourceRef,
} from './permissions/resource';
export { rdsEnvironmentProvisionPermission } from './permissions/permissions';
export {
  rdsEnvironmentConditions,
  createRdsEnvironmentConditionalDecision,
  rdsEnvironmentRules,
} from './permissions/rules';
