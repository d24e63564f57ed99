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
  RdsBackendClient,
  type RdsBackendApi,
} from './client/RdsBackendClient';
