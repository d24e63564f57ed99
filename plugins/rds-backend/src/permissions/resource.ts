import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { RDS_ENVIRONMENT_RESOURCE_TYPE } from '@rds-self-service/plugin-rds-common';

/**
 * What permission rules see of an environment: no connection details.
 *
 * @public
 */
export interface RdsEnvironmentResource {
  /** The environment's name, its key under `rds.environments`. */
  name: string;
  /** Whether it is a development environment (config `dev`; by default only the one named `dev`). */
  dev: boolean;
  /** Whether provisioning in it needs `rds.environment.provision` (the approval). */
  requiresApproval: boolean;
}

/**
 * The query shape of environment rules (environments are filtered in memory).
 *
 * @public
 */
export type RdsEnvironmentQuery = { names?: string[]; dev?: boolean };

/**
 * Identifies the `rds-environment` resource type for rules and conditions.
 *
 * @public
 */
export const rdsEnvironmentResourceRef = createPermissionResourceRef<
  RdsEnvironmentResource,
  RdsEnvironmentQuery
>().with({ pluginId: 'rds', resourceType: RDS_ENVIRONMENT_RESOURCE_TYPE });

/** The resource view of an environment, without its connection details. */
export function toEnvironmentResource(
  environment: RdsEnvironmentResource,
): RdsEnvironmentResource {
  return {
    name: environment.name,
    dev: environment.dev,
    requiresApproval: environment.requiresApproval,
  };
}
