import type { PoolClient } from 'pg';
import type { DerivedNames } from '@internal/plugin-rds-common';
import { ROLE_KINDS, roleNames, type RoleKind } from '../plan/model';
import type { ClusterState, RoleState } from './types';

/**
 * One round trip for everything cluster-wide: the four managed roles (attributes, marker,
 * memberships, what the admin may do with them) and the database (owner, ACL, login settings).
 * pg_has_role's SET mode only exists from Postgres 16; before, membership is what counts.
 */
function clusterQuery(serverVersion: number): string {
  const setMode = serverVersion >= 160000 ? 'SET' : 'MEMBER';
  return `
WITH wanted(kind, name) AS (SELECT * FROM unnest($1::text[], $2::text[])),
     roles AS (
       SELECT w.kind, w.name, r.oid, r.rolcanlogin, r.rolsuper,
              shobj_description(r.oid, 'pg_authid') AS comment
       FROM wanted w LEFT JOIN pg_roles r ON r.rolname = w.name)
SELECT current_user AS admin,
  (SELECT json_agg(json_build_object(
      'kind', kind, 'name', name, 'exists', oid IS NOT NULL,
      'canLogin', coalesce(rolcanlogin, false), 'superuser', coalesce(rolsuper, false),
      'comment', comment,
      'memberOf', (SELECT coalesce(json_agg(g.rolname ORDER BY g.rolname), '[]'::json)
                   FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                   WHERE m.member = roles.oid),
      'adminCanSet', oid IS NOT NULL AND pg_has_role(current_user, oid, '${setMode}'),
      'adminInherits', oid IS NOT NULL AND pg_has_role(current_user, oid, 'USAGE')))
   FROM roles) AS roles,
  (SELECT json_build_object(
      'exists', true,
      'owner', pg_get_userbyid(d.datdba),
      'acl', (SELECT json_agg(json_build_object(
                'grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
                'privilege', a.privilege_type))
              FROM aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a),
      'loginSettings', (SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r
                          ON r.oid = s.setrole AND r.rolname = $4
                        WHERE s.setdatabase = d.oid))
   FROM pg_database d WHERE d.datname = $3) AS database`;
}

/** Reads the cluster-wide state of one app's roles and database. */
export async function introspectCluster(
  session: PoolClient,
  serverVersion: number,
  names: DerivedNames,
): Promise<ClusterState> {
  const byKind = roleNames(names);
  // Named: prepared once per session, so re-runs skip planning this query.
  const { rows } = await session.query({
    name: `rds-introspect-cluster-${serverVersion >= 160000 ? 16 : 13}`,
    text: clusterQuery(serverVersion),
    values: [
      ROLE_KINDS,
      ROLE_KINDS.map(k => byKind[k]),
      names.database,
      names.loginRole,
    ],
  });
  const row = rows[0];
  const roles = {} as Record<RoleKind, RoleState>;
  for (const r of row.roles as Array<RoleState & { kind: RoleKind }>) {
    const { kind, ...state } = r;
    roles[kind] = { ...state, comment: state.comment ?? undefined };
  }
  const db = row.database;
  return {
    serverVersion,
    admin: row.admin,
    roles,
    database: {
      name: names.database,
      exists: Boolean(db),
      owner: db?.owner,
      acl: db?.acl ?? [],
      loginSettings: db?.loginSettings ?? [],
    },
  };
}
