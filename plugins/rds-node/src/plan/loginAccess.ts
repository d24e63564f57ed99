import type {
  AccessLevel,
  DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import type { ClusterState } from '../introspect/types';
import {
  grantRole,
  resetSessionRole,
  revokeRole,
  setSessionRole,
} from '../sql/builders';
import type { SqlStatement } from '../sql/statement';
import { levelRole, roleNames } from './model';
import { changeAction, step, type ExecutableStep } from './types';

/** Membership of the login role: exactly the role of its access level. */
function planLoginMembership(
  cluster: ClusterState,
  names: DerivedNames,
  accessLevel: AccessLevel,
): ExecutableStep {
  const roles = roleNames(names);
  const login = cluster.roles.login;
  const wanted = levelRole(names, accessLevel);
  const sql: SqlStatement[] = [];
  const why: string[] = [];
  if (!login.memberOf.includes(wanted)) {
    sql.push(grantRole(wanted, login.name, cluster.serverVersion));
    why.push(`${login.name} is not a member of ${wanted}`);
  }
  for (const other of [roles.owner, roles.reader, roles.editor]) {
    if (other !== wanted && login.memberOf.includes(other)) {
      sql.push(revokeRole(other, login.name));
      why.push(`${login.name} is still a member of ${other}`);
    }
  }
  return step({
    id: 'login.membership',
    kind: 'membership',
    target: `${login.name} in ${wanted}`,
    scope: 'cluster',
    action: changeAction(sql.length, login.exists),
    statements: sql,
    transaction: true,
    reason: why.length
      ? why.join('; ')
      : `${login.name} has access level ${accessLevel}`,
  });
}

/** Owner-level logins create objects as the owner role, so default privileges apply to them. */
function planLoginSettings(
  cluster: ClusterState,
  names: DerivedNames,
  accessLevel: AccessLevel,
): ExecutableStep {
  const owner = roleNames(names).owner;
  const login = cluster.roles.login;
  const current = cluster.database.loginSettings.find(s =>
    s.startsWith('role='),
  );
  const wanted = accessLevel === 'owner' ? `role=${owner}` : undefined;
  const sql: SqlStatement[] = [];
  let why = 'session role setting matches the access level';
  if (wanted && current !== wanted) {
    sql.push(setSessionRole(login.name, names.database, owner));
    why = `sessions of ${login.name} in ${names.database} should run as ${owner}, so new objects belong to it`;
  } else if (!wanted && current) {
    sql.push(resetSessionRole(login.name, names.database));
    why = `sessions of ${login.name} in ${names.database} should not switch role (access level ${accessLevel})`;
  }
  return step({
    id: 'login.settings',
    kind: 'role_setting',
    target: login.name,
    scope: 'cluster',
    action: changeAction(sql.length, Boolean(current) || login.exists),
    statements: sql,
    reason: why,
  });
}

/** What the login role may do: its access level's membership and session role. */
export function planLoginAccess(
  cluster: ClusterState,
  names: DerivedNames,
  accessLevel: AccessLevel,
): ExecutableStep[] {
  return [
    planLoginMembership(cluster, names, accessLevel),
    planLoginSettings(cluster, names, accessLevel),
  ];
}
