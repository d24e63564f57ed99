/**
 * The rds plugins' permission policy as a permission backend module:
 * `backend.add(import('@rds-self-service/plugin-permission-backend-module-rds-policy'))`
 * in place of the allow-all policy module.
 *
 * @packageDocumentation
 */

export { permissionModuleRdsPolicy as default } from './module';
export {
  DEFAULT_PLATFORM_GROUP,
  RdsPermissionPolicy,
  type RdsPermissionPolicyOptions,
} from './policy';
