import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createRdsEnvironmentConditionalDecision,
  rdsEnvironmentConditions,
} from '@rds-self-service/plugin-rds-backend';
import {
  rdsEnvironmentApprovePermission,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';

/**
 * The group whose members approve and provision where approval is required,
 * unless `permission.rds.platformGroups` names others.
 *
 * @public
 */
export const DEFAULT_PLATFORM_GROUP = 'group:default/platform-team';

/**
 * Options of {@link RdsPermissionPolicy}.
 *
 * @public
 */
export interface RdsPermissionPolicyOptions {
  /** Groups (or users) that approve and provision in approval-required environments. */
  platformGroups?: string[];
}

/**
 * The rds plugins' permission policy: every permission allowed (catalog,
 * scaffolder, rds reads and dev provisioning), except the two that guard
 * approval-required environments. Members of the platform groups get
 * `rds.environment.provision` and `rds.environment.approve` everywhere;
 * everyone else `rds.environment.provision` only in environments marked
 * `dev`, and no approval. The rds backend adds its own rules on top
 * (approvers named in `rds.environments.<env>.approval.approvers`, four eyes,
 * self-approval per environment), so even this policy's ALLOW never lets a
 * requester approve their own run.
 *
 * @public
 */
export class RdsPermissionPolicy implements PermissionPolicy {
  private readonly platformGroups: string[];

  /** The policy with the platform groups of `permission.rds.platformGroups`. */
  static fromConfig(config: Config): RdsPermissionPolicy {
    return new RdsPermissionPolicy({
      platformGroups: config.getOptionalStringArray(
        'permission.rds.platformGroups',
      ),
    });
  }

  constructor(options: RdsPermissionPolicyOptions = {}) {
    this.platformGroups = (
      options.platformGroups ?? [DEFAULT_PLATFORM_GROUP]
    ).map(ref => ref.toLocaleLowerCase('en-US'));
  }

  /** Decides one permission request for a user. */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // `info` is resolved by the permission backend from the user's token:
    // the user itself plus the groups it is a member of.
    const platform = (user?.info.ownershipEntityRefs ?? []).some(ref =>
      this.platformGroups.includes(ref.toLocaleLowerCase('en-US')),
    );
    if (isPermission(request.permission, rdsEnvironmentProvisionPermission)) {
      if (platform) return { result: AuthorizeResult.ALLOW };
      return createRdsEnvironmentConditionalDecision(
        request.permission,
        rdsEnvironmentConditions.isDevEnvironment(),
      );
    }
    if (isPermission(request.permission, rdsEnvironmentApprovePermission)) {
      return {
        result: platform ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
