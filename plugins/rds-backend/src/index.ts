/**
 * The rds backend plugin: plan, provision, status and audit API over the rds engine.
 *
 * @packageDocumentation
 */

export { rdsPlugin as default } from './plugin';
export {
  type RdsEnvironmentResource,
  type RdsEnvironmentQuery,
  rdsEnvironmentResourceRef,
} from './permissions/resource';
export {
  rdsEnvironmentConditions,
  createRdsEnvironmentConditionalDecision,
} from './permissions/rules';
