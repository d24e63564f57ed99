import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  rdsDatabaseProvisionPermission,
  rdsDatabaseReadPermission,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';
import type { Caller } from '../service/RdsService';
import { RdsEnvironmentResource, toEnvironmentResource } from './resource';
import { rdsEnvironmentRuleset } from './rules';

/**
 * The permission checks of the rds routes, in one place: each denial is a
 * NotAllowedError (403) whose message names the permission or config key.
 */
export function createPermissionChecks(permissions: PermissionsService) {
  const applyConditions = createConditionAuthorizer(rdsEnvironmentRuleset);

  const isAllowed = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  };

  /** Whether the caller holds the approval the environment may require. */
  const hasApproval = async (
    credentials: BackstageCredentials,
    environment: RdsEnvironmentResource,
  ): Promise<boolean> => {
    if (!environment.requiresApproval) {
      return true;
    }
    // The plugin owns the resource, so it applies conditional decisions
    // itself instead of having the permission backend call back into it.
    const [decision] = await permissions.authorizeConditional(
      [{ permission: rdsEnvironmentProvisionPermission }],
      { credentials },
    );
    return applyConditions(decision, toEnvironmentResource(environment));
  };

  return {
    hasApproval,

    async requireRead(credentials: BackstageCredentials, what: string) {
      if (!(await isAllowed(credentials, rdsDatabaseReadPermission))) {
        throw new NotAllowedError(
          `Not allowed to read ${what}: the permission policy denied ${rdsDatabaseReadPermission.name}`,
        );
      }
    },

    async requireProvision(caller: Caller, verb: 'plan' | 'provision') {
      if (
        !(await isAllowed(caller.credentials, rdsDatabaseProvisionPermission))
      ) {
        throw new NotAllowedError(
          `${caller.actor} is not allowed to ${verb} databases: the permission policy denied ${rdsDatabaseProvisionPermission.name}`,
        );
      }
    },

    /** Refuses a run without the approval its environment requires; true when it may go ahead. */
    async requireApproval(
      caller: Caller,
      environment: RdsEnvironmentResource,
    ): Promise<true> {
      if (!(await hasApproval(caller.credentials, environment))) {
        const { name } = environment;
        throw new NotAllowedError(
          `Environment '${name}' requires approval (rds.environments.${name}.requiresApproval is true), ` +
            `and the permission policy did not allow ${rdsEnvironmentProvisionPermission.name} in '${name}' ` +
            `for ${caller.actor}; ask the platform team to provision it or to grant you that permission`,
        );
      }
      return true;
    },
  };
}
