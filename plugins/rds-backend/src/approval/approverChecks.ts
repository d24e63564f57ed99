import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  rdsEnvironmentApprovePermission,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import { toEnvironmentResource } from '../permissions/resource';
import { rdsEnvironmentRuleset } from '../permissions/rules';

/** The user and the groups they are in, as the sign-in resolved them. */
async function ownershipRefs(
  credentials: BackstageCredentials,
  userInfo: UserInfoService | undefined,
): Promise<string[]> {
  const principal = credentials.principal as { userEntityRef?: string };
  if (!principal.userEntityRef) return [];
  const refs = userInfo
    ? (await userInfo.getUserInfo(credentials)).ownershipEntityRefs
    : [principal.userEntityRef];
  return refs.map(ref => ref.toLocaleLowerCase('en-US'));
}

/**
 * Who may approve where: the rds plugin's own rule, applied on top of the
 * permission policy so that a policy that allows everything never opens an
 * environment that requires approval. An approver is named (as a user or one
 * of their groups) in `rds.environments.<env>.approval.approvers` AND allowed
 * the permission by the policy. No approvers configured: nobody.
 */
export function createApproverChecks(options: {
  permissions: PermissionsService;
  userInfo?: UserInfoService;
}) {
  const { permissions, userInfo } = options;
  const applyConditions = createConditionAuthorizer(rdsEnvironmentRuleset);

  const policyAllows = async (
    credentials: BackstageCredentials,
    permission: ResourcePermission<'rds-environment'>,
    environment: RdsEnvironmentConfig,
  ) => {
    // The plugin owns the resource, so it applies conditional decisions itself.
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    return applyConditions(decision, toEnvironmentResource(environment));
  };

  /** Whether the user (or one of their groups) is a configured approver. */
  const namedApprover = async (
    credentials: BackstageCredentials,
    environment: RdsEnvironmentConfig,
  ) => {
    const approvers = environment.approval.approvers;
    if (approvers.length === 0) return false;
    const refs = await ownershipRefs(credentials, userInfo);
    return refs.some(ref => approvers.includes(ref));
  };

  return {
    /** May approve or reject other people's requests in the environment. */
    async mayApprove(
      credentials: BackstageCredentials,
      environment: RdsEnvironmentConfig,
    ): Promise<boolean> {
      return (
        environment.requiresApproval &&
        (await namedApprover(credentials, environment)) &&
        (await policyAllows(
          credentials,
          rdsEnvironmentApprovePermission,
          environment,
        ))
      );
    },

    /**
     * May run without a request: no approval required, or an approver where
     * self-approval is on whom the policy allows `rds.environment.provision`.
     */
    async mayProvisionDirectly(
      credentials: BackstageCredentials,
      environment: RdsEnvironmentConfig,
    ): Promise<boolean> {
      if (!environment.requiresApproval) return true;
      return (
        environment.approval.selfApproval &&
        (await namedApprover(credentials, environment)) &&
        (await policyAllows(
          credentials,
          rdsEnvironmentProvisionPermission,
          environment,
        ))
      );
    },

    /** Whether the policy denies the approval permission outright (no condition could allow it). */
    async deniedEverywhere(credentials: BackstageCredentials) {
      const [decision] = await permissions.authorizeConditional(
        [{ permission: rdsEnvironmentApprovePermission }],
        { credentials },
      );
      return decision.result === AuthorizeResult.DENY;
    },
  };
}

/** The checks of {@link createApproverChecks}. */
export type ApproverChecks = ReturnType<typeof createApproverChecks>;
