/**
 * The rds module for `@backstage/plugin-scaffolder-backend`: the `rds:provision`
 * action, a client of the rds backend plugin.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRds as default } from './module';
export {
  createRdsProvisionAction,
  type RdsProvisionActionOptions,
} from './actions/provision';
export {
  createRdsDecommissionAction,
  type RdsDecommissionActionOptions,
} from './actions/decommission';
export {
  RdsBackendClient,
  type RdsBackendApi,
  type RdsDecommissionApi,
} from './client/RdsBackendClient';
