import type { PoolClient } from 'pg';
import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import { ROLE_KINDS, roleNames, type RoleKind } from '../plan/model';
import type {
  ClusterState,
  ProvenanceState,
  RoleAttributes,
  RoleState,
} from './types';

/** Attributes of a role that does not exist: none. */
export const ABSENT_ATTRIBUTES: RoleAttributes = {
  superuser: false,
  createrole: false,
  createdb: false,
  replication: false,
  bypassrls: false,
  login: false,
  inherit: false,
  validUntil: null,
};

/** A JSON object of a pg_roles row's attributes (`r` is the alias). */
const ATTRIBUTES = `json_build_object(
      'superuser', r.rolsuper, 'createrole', r.rolcreaterole, 'createdb', r.rolcreatedb,
      'replication', r.rolreplication, 'bypassrls', r.rolbypassrls, 'login', r.rolcanlogin,
      'inherit', r.rolinherit, 'validUntil', r.rolvaliduntil)`;

/**
 * Whether the admin holds a direct grant of `roles.oid` that lets it SET ROLE to it or
 * inherit its privileges, from pg_auth_members (16+: the grant's options; before: any
 * grant, and for inheritance the admin's INHERIT attribute).
 */
function adminGrant(serverVersion: number, mode: 'set' | 'inherit'): string {
  const modern = serverVersion >= 160000;
  const options = {
    set: modern ? ' AND m.set_option' : '',
    inherit: modern
      ? ' AND m.inherit_option'
      : ' AND (SELECT rolinherit FROM pg_roles WHERE oid = (SELECT oid FROM me))',
  };
  return `EXISTS (SELECT 1 FROM pg_auth_members m
                   WHERE m.roleid = roles.oid AND m.member = (SELECT oid FROM me)${options[mode]})`;
}

/**
 * One round trip for everything cluster-wide: the four managed roles (attributes, marker,
 * provenance, memberships both ways, what the admin may do with them), the provenance role,
 * the admin's own attributes and the database (owner, ACL, login settings).
 * pg_has_role's SET mode only exists from Postgres 16; before, membership is what counts.
 *
 * pg_has_role answers from a per-session cache of the admin's memberships, and that cache
 * can miss a grant committed while it was being filled (seen on Postgres 15 when another
 * run granted the admin the owner role while this session read the cluster: USAGE stayed
 * false for the rest of the session). So the admin's own grant on a role, read from
 * pg_auth_members under the statement's snapshot, counts as well ({@link adminGrant}).
 */
function clusterQuery(serverVersion: number): string {
  const setMode = serverVersion >= 160000 ? 'SET' : 'MEMBER';
  const canSet = adminGrant(serverVersion, 'set');
  const inherits = adminGrant(serverVersion, 'inherit');
  return `
WITH wanted(kind, name) AS (SELECT * FROM unnest($1::text[], $2::text[])),
     me AS (SELECT oid FROM pg_roles WHERE rolname = current_user),
     provenance AS (SELECT r.* FROM pg_roles r WHERE r.rolname = $5),
     rds_iam AS (SELECT oid FROM pg_roles WHERE rolname = 'rds_iam'),
     roles AS (
       SELECT w.kind, w.name, r.oid, r.rolcanlogin, r.rolsuper,
              CASE WHEN r.oid IS NULL THEN NULL ELSE ${ATTRIBUTES} END AS attributes,
              shobj_description(r.oid, 'pg_authid') AS comment
       FROM wanted w LEFT JOIN pg_roles r ON r.rolname = w.name)
SELECT current_user AS admin,
  (SELECT ${ATTRIBUTES} FROM pg_roles r WHERE r.oid = (SELECT oid FROM me)) AS admin_attributes,
  (SELECT json_build_object(
      'exists', true,
      'attributes', ${ATTRIBUTES},
      'memberOf', (SELECT coalesce(json_agg(g.rolname ORDER BY g.rolname), '[]'::json)
                   FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid),
      'otherAdmins', (SELECT coalesce(json_agg(DISTINCT u.rolname), '[]'::json)
                      FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member
                      WHERE m.roleid = r.oid AND m.admin_option AND m.member <> (SELECT oid FROM me)),
      'adminHasAdminOption', pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION'))
   FROM provenance r) AS provenance,
  (SELECT json_agg(json_build_object(
      'kind', kind, 'name', name, 'exists', oid IS NOT NULL,
      'canLogin', coalesce(rolcanlogin, false), 'superuser', coalesce(rolsuper, false),
      'attributes', attributes,
      'comment', comment,
      'provenance', EXISTS (SELECT 1 FROM pg_auth_members m
                            WHERE m.roleid = (SELECT oid FROM provenance) AND m.member = roles.oid
                              AND m.grantor = (SELECT oid FROM me)),
      'grants', (SELECT coalesce(json_agg(json_build_object(
                   'role', g.rolname, 'grantor', pg_get_userbyid(m.grantor), 'roleIsSuperuser', g.rolsuper)
                   ORDER BY g.rolname), '[]'::json)
                 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                 WHERE m.member = roles.oid),
      'members', (SELECT coalesce(json_agg(json_build_object(
                    'member', u.rolname, 'grantor', pg_get_userbyid(m.grantor), 'adminOption', m.admin_option)
                    ORDER BY u.rolname), '[]'::json)
                  FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member
                  WHERE m.roleid = roles.oid),
      'adminCanSet', oid IS NOT NULL AND (pg_has_role(current_user, oid, '${setMode}') OR ${canSet}),
      'adminInherits', oid IS NOT NULL AND (pg_has_role(current_user, oid, 'USAGE') OR ${inherits}),
      'adminHasAdminOption', oid IS NOT NULL AND pg_has_role(current_user, oid, 'MEMBER WITH ADMIN OPTION'),
      'holdsRdsIam', oid IS NOT NULL AND EXISTS (SELECT 1 FROM rds_iam i WHERE pg_has_role(roles.oid, i.oid, 'MEMBER'))))
   FROM roles) AS roles,
  EXISTS (SELECT 1 FROM rds_iam i WHERE pg_has_role(current_user, i.oid, 'MEMBER')) AS admin_holds_rds_iam,
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

type RoleRow = Omit<RoleState, 'memberOf' | 'attributes'> & {
  kind: RoleKind;
  attributes: RoleAttributes | null;
};

function toRoleState(r: RoleRow): RoleState {
  const { kind: _kind, attributes, ...state } = r;
  return {
    ...state,
    attributes: attributes ?? ABSENT_ATTRIBUTES,
    comment: state.comment ?? undefined,
    memberOf: state.grants.map(g => g.role),
  };
}

/**
 * One more role read the way {@link introspectCluster} reads the app's roles (e.g. the
 * `_clone` login of alternating-users rotation), with its settings in the app database.
 */
export async function introspectRole(
  session: PoolClient,
  serverVersion: number,
  role: string,
  database: string,
  provenanceRole: string,
): Promise<{ role: RoleState; settings: string[] }> {
  const { rows } = await session.query({
    name: `rds-introspect-cluster-v4-${serverVersion >= 160000 ? 16 : 13}`,
    text: clusterQuery(serverVersion),
    values: [['login'], [role], database, role, provenanceRole],
  });
  return {
    role: toRoleState(rows[0].roles[0]),
    settings: rows[0].database?.loginSettings ?? [],
  };
}

/** Reads the cluster-wide state of one app's roles and database. */
export async function introspectCluster(
  session: PoolClient,
  serverVersion: number,
  names: DerivedNames,
  provenanceRole: string,
): Promise<ClusterState> {
  const byKind = roleNames(names);
  // Named: prepared once per session, so re-runs skip planning this query.
  const { rows } = await session.query({
    name: `rds-introspect-cluster-v4-${serverVersion >= 160000 ? 16 : 13}`,
    text: clusterQuery(serverVersion),
    values: [
      ROLE_KINDS,
      ROLE_KINDS.map(k => byKind[k]),
      names.database,
      names.loginRole,
      provenanceRole,
    ],
  });
  const row = rows[0];
  const roles = {} as Record<RoleKind, RoleState>;
  for (const r of row.roles as RoleRow[]) roles[r.kind] = toRoleState(r);
  const provenance: ProvenanceState = row.provenance
    ? { name: provenanceRole, ...row.provenance }
    : {
        name: provenanceRole,
        exists: false,
        memberOf: [],
        otherAdmins: [],
        adminHasAdminOption: false,
      };
  const db = row.database;
  return {
    serverVersion,
    admin: row.admin,
    adminAttributes: row.admin_attributes,
    adminHoldsRdsIam: row.admin_holds_rds_iam,
    provenance,
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
