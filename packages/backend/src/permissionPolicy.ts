import { createBackendModule } from '@backstage/backend-plugin-api';
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
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createRdsEnvironmentConditionalDecision,
  rdsEnvironmentConditions,
} from '@rds-self-service/plugin-rds-backend';
import { rdsEnvironmentProvisionPermission } from '@rds-self-service/plugin-rds-common';

/** The group whose members may provision in environments that need approval. */
export const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * The development policy: everything is allowed (catalog, scaffolder including
 * dry runs, rds reads and dev provisioning), except the explicit approval to
 * provision in an environment with `requiresApproval: true`. Members of the
 * platform team get it everywhere; everyone else only in environments marked
 * `dev`. See docs/security.md for a production policy.
 */
export class RdsDevPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, rdsEnvironmentProvisionPermission)) {
      // `info` is resolved by the permission backend from the user's token and
      // the catalog: the user itself plus the groups it is a member of.
      if (user?.info.ownershipEntityRefs.includes(PLATFORM_TEAM)) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createRdsEnvironmentConditionalDecision(
        request.permission,
        rdsEnvironmentConditions.isDevEnvironment(),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs {@link RdsDevPermissionPolicy} as the permission backend's policy.
 * Replaces `@backstage/plugin-permission-backend-module-allow-all-policy`.
 */
export const rdsDevPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'rds-dev-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new RdsDevPermissionPolicy());
      },
    });
  },
});
