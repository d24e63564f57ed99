import type {
  AccessLevel,
  DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import type { ClusterState } from '../introspect/types';
import { quoteIdent } from '../sql/quote';
import { levelRole } from './model';
import { step, type ExecutableStep } from './types';

const WHY =
  'on RDS a role that holds rds_iam, directly or through membership, can only log in with an IAM token, no longer with its password';

/**
 * The rds_iam trap: the platform never makes a password login IAM-only through the
 * memberships it grants. It blocks (it does not revoke rds_iam: someone granted it on
 * purpose, and taking it away may lock out whoever relies on it) when the role the app's
 * login would join, or the login itself, holds rds_iam, and when the owner role does and
 * the platform would grant it to an admin that logs in with a password. Undefined when none
 * of them do (and always where there is no rds_iam role, i.e. off RDS).
 */
export function planRdsIamGuard(
  cluster: ClusterState,
  names: DerivedNames,
  accessLevel: AccessLevel,
  adminUsesIam: boolean,
): ExecutableStep | undefined {
  const login = cluster.roles.login;
  const wanted = levelRole(names, accessLevel);
  const kind = accessLevel === 'owner' ? 'owner' : accessLevel;
  const group = cluster.roles[kind];
  const problems: string[] = [];
  const fixes: string[] = [];
  if (group.exists && group.holdsRdsIam) {
    problems.push(
      `${wanted}, which ${login.name} is a member of for access level ${accessLevel}, holds rds_iam, so the app's password would stop working`,
    );
    fixes.push(
      `REVOKE rds_iam FROM ${quoteIdent(
        wanted,
      )} (or from the role it holds it through)`,
    );
  }
  if (login.exists && login.holdsRdsIam && !group.holdsRdsIam) {
    problems.push(
      `${login.name} holds rds_iam, so the password in its secret no longer logs in`,
    );
    fixes.push(
      `REVOKE rds_iam FROM ${quoteIdent(
        login.name,
      )} (or from the role it holds it through)`,
    );
  }
  const owner = cluster.roles.owner;
  if (
    owner.exists &&
    owner.holdsRdsIam &&
    !adminUsesIam &&
    !(owner.adminCanSet && owner.adminInherits)
  ) {
    problems.push(
      `${owner.name} holds rds_iam, and the platform would grant it to its admin ${cluster.admin}, which logs in with a password`,
    );
    fixes.push(`REVOKE rds_iam FROM ${quoteIdent(owner.name)}`);
  }
  if (!problems.length) return undefined;
  return step({
    id: 'rds_iam',
    kind: 'guardrail',
    target: login.name,
    scope: 'none',
    action: 'block',
    reason: `${problems.join(
      '; ',
    )}: ${WHY}. The platform does not take rds_iam away from roles. Fix: ${fixes.join(
      '; ',
    )}, then re-run.`,
  });
}
