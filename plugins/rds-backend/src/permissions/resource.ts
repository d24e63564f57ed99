import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { RDS_ENVIRONMENT_RESOURCE_TYPE } from '@internal/plugin-rds-common';

/** What permission rules see of an environment: no connection details. */
export interface RdsEnvironmentResource {
  name: string;
  dev: boolean;
  requiresApproval: boolean;
}

/** The query shape of environment rules (environments are filtered in memory). */
export type RdsEnvironmentQuery = { names?: string[]; dev?: boolean };

/** Identifies the `rds-environment` resource type for rules and conditions. */
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
