import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type { ClusterState } from '../introspect/types';
import {
  createDatabase,
  grantConnect,
  grantRole,
  revokeDatabaseFromPublic,
} from '../sql/builders';
import type { SqlStatement } from '../sql/statement';
import { foreignDatabaseMessage } from './guardrails';
import { GROUP_LEVELS, roleNames } from './model';
import { changeAction, step, type ExecutableStep } from './types';

/**
 * The admin needs SET (16+) or membership (13-15) on the owner role for CREATE DATABASE ...
 * OWNER and SET ROLE, and inheritance to connect to the database once PUBLIC is revoked.
 */
function planAdminMembership(
  cluster: ClusterState,
  names: DerivedNames,
): ExecutableStep {
  const ownerRole = roleNames(names).owner;
  const owner = cluster.roles.owner;
  const version = cluster.serverVersion;
  const ready = owner.exists && owner.adminCanSet && owner.adminInherits;
  return step({
    id: 'admin.membership',
    kind: 'membership',
    target: `${cluster.admin} in ${ownerRole}`,
    scope: 'cluster',
    action: changeAction(ready ? 0 : 1, owner.exists),
    statements: ready ? [] : [grantRole(ownerRole, cluster.admin, version)],
    reason: ready
      ? `${cluster.admin} can act as ${ownerRole}`
      : `${cluster.admin} needs ${
          version >= 160000 ? 'SET and INHERIT on' : 'membership in'
        } ${ownerRole} to create its database and grant inside it`,
  });
}

/** The database itself: created, left, or blocked when someone else owns it. */
function planDatabaseObject(
  cluster: ClusterState,
  names: DerivedNames,
): ExecutableStep {
  const ownerRole = roleNames(names).owner;
  const db = cluster.database;
  const base = { id: 'database', kind: 'database', target: names.database };
  if (!db.exists) {
    return step({
      ...base,
      scope: 'cluster',
      action: 'create',
      statements: [createDatabase(names.database, ownerRole)],
      transaction: false,
      reason: `database ${names.database} does not exist`,
    });
  }
  if (db.owner !== ownerRole) {
    return step({
      ...base,
      scope: 'none',
      action: 'block',
      reason: foreignDatabaseMessage(
        names.database,
        db.owner ?? '?',
        ownerRole,
      ),
    });
  }
  return step({
    ...base,
    scope: 'cluster',
    action: 'none',
    reason: `database ${names.database} exists, owned by ${ownerRole}`,
  });
}

/** Who may connect: the owner (implicitly) and the group roles; not PUBLIC. */
function planDatabasePrivileges(
  cluster: ClusterState,
  names: DerivedNames,
): ExecutableStep {
  const roles = roleNames(names);
  const db = cluster.database;
  const sql: SqlStatement[] = [];
  const why: string[] = [];
  const publicPrivileges = db.exists
    ? db.acl.filter(e => e.grantee === 'PUBLIC').map(e => e.privilege)
    : ['CONNECT', 'TEMPORARY'];
  if (publicPrivileges.length) {
    sql.push(revokeDatabaseFromPublic(names.database));
    why.push(`PUBLIC has ${publicPrivileges.join(', ')} on the database`);
  }
  const noConnect = GROUP_LEVELS.map(l => roles[l]).filter(
    r => !db.acl.some(e => e.grantee === r && e.privilege === 'CONNECT'),
  );
  if (noConnect.length) {
    sql.push(grantConnect(names.database, noConnect));
    why.push(`${noConnect.join(' and ')} cannot connect`);
  }
  return step({
    id: 'database.privileges',
    kind: 'grant',
    target: names.database,
    scope: 'cluster',
    action: changeAction(sql.length, db.exists),
    statements: sql,
    transaction: true,
    reason: why.length ? why.join('; ') : 'only the app roles can connect',
  });
}

/** The database as the cluster sees it: the admin's way in, the database, who may connect. */
export function planClusterDatabase(
  cluster: ClusterState,
  names: DerivedNames,
): ExecutableStep[] {
  return [
    planAdminMembership(cluster, names),
    planDatabaseObject(cluster, names),
    planDatabasePrivileges(cluster, names),
  ];
}
