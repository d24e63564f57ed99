import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  rdsDatabaseProvisionPermission,
  rdsDatabaseReadPermission,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';
import { createApproverChecks } from '../approval/approverChecks';
import type { RdsEnvironmentConfig } from '../config/types';
import type { Caller } from '../service/RdsService';

/**
 * The permission checks of the rds routes, in one place: each denial is a
 * NotAllowedError (403) whose message names the permission or config key.
 */
export function createPermissionChecks(
  permissions: PermissionsService,
  userInfo?: UserInfoService,
) {
  const approvers = createApproverChecks({ permissions, userInfo });

  const isAllowed = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  };

  /**
   * Whether the caller holds the approval the environment may require: an
   * approver named in its config, self-approval on, and the policy's
   * `rds.environment.provision` (see approverChecks.ts).
   */
  const hasApproval = (
    credentials: BackstageCredentials,
    environment: RdsEnvironmentConfig,
  ): Promise<boolean> =>
    approvers.mayProvisionDirectly(credentials, environment);

  return {
    hasApproval,
    approvers,

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
      environment: RdsEnvironmentConfig,
    ): Promise<true> {
      if (!(await hasApproval(caller.credentials, environment))) {
        const { name } = environment;
        if (environment.approval.approvers.length === 0) {
          throw new NotAllowedError(
            `Environment '${name}' requires approval (rds.environments.${name}.requiresApproval is true), ` +
              `and nobody may approve there: rds.environments.${name}.approval.approvers is not set; ` +
              'ask the platform team to name the approvers of that environment',
          );
        }
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
