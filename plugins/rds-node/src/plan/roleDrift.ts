import type {
  ClusterState,
  RoleAttributes,
  RoleState,
} from '../introspect/types';
import { quoteIdent } from '../sql/quote';
import { sql, type SqlStatement } from '../sql/statement';

/** Attributes the platform never gives, with the ALTER ROLE keyword that takes each away. */
const PRIVILEGED: Array<[keyof RoleAttributes, string]> = [
  ['superuser', 'SUPERUSER'],
  ['createrole', 'CREATEROLE'],
  ['createdb', 'CREATEDB'],
  ['replication', 'REPLICATION'],
  ['bypassrls', 'BYPASSRLS'],
];

/** What the platform expects of one managed role beyond its name and provenance. */
export interface RoleExpectation {
  /** Group and owner roles are NOLOGIN; the login role's LOGIN is the login step's. */
  nologin: boolean;
  /** The login role must inherit its group's privileges. */
  inherit: boolean;
  /** The login role's password must not expire. */
  neverExpires: boolean;
  /** Roles it may be a member of besides the provenance role (the login step converges these). */
  memberOf: string[];
  /** Roles that may be members of it besides the admin (the login step converges these). */
  members: string[];
}

/** One difference from the expectation: what is wrong, the statement that undoes it. */
export interface RoleFinding {
  problem: string;
  fix: SqlStatement;
  /** The platform admin can run `fix` (else it takes a superuser). */
  adminCan: boolean;
}

/**
 * Whether the (non-superuser) admin may change an attribute of a role. Postgres 15: CREATEROLE
 * alters any role but superusers and replication roles, and never BYPASSRLS or REPLICATION.
 * 16+: only roles it holds ADMIN OPTION on, and only attributes it has itself.
 */
function adminMayAlter(
  cluster: ClusterState,
  role: RoleState,
  attribute: keyof RoleAttributes,
): boolean {
  const admin = cluster.adminAttributes;
  if (admin.superuser) return true;
  if (role.attributes.superuser || attribute === 'superuser') return false;
  if (cluster.serverVersion < 160000) {
    if (role.attributes.replication) return false;
    if (attribute === 'replication' || attribute === 'bypassrls') return false;
    return admin.createrole;
  }
  if (!role.adminHasAdminOption) return false;
  return PRIVILEGED.some(([k]) => k === attribute)
    ? Boolean(admin[attribute])
    : true;
}

/**
 * Whether the admin may revoke a membership. 15: CREATEROLE revokes any membership in a
 * non-superuser role. 16+: only grants it made itself (REVOKE of another grantor's grant is
 * a silent no-op there, with a notice, so it is never planned).
 */
function adminMayRevoke(
  cluster: ClusterState,
  grantor: string,
  grantedIsSuperuser: boolean,
): boolean {
  const admin = cluster.adminAttributes;
  if (admin.superuser) return true;
  if (cluster.serverVersion < 160000)
    return admin.createrole && !grantedIsSuperuser;
  return grantor === cluster.admin;
}

const revoke = (granted: string, member: string, grantor?: string) =>
  sql(
    `REVOKE ${quoteIdent(granted)} FROM ${quoteIdent(member)}${
      grantor ? ` GRANTED BY ${quoteIdent(grantor)}` : ''
    }`,
  );

/**
 * Everything about an existing, provably managed role that differs from what the platform
 * gives it: privileged attributes, LOGIN/INHERIT/expiry, memberships in roles outside the
 * app's set, and members that are not the app's. Each with the statement that undoes it and
 * whether the admin may run it.
 */
export function roleFindings(
  cluster: ClusterState,
  role: RoleState,
  expected: RoleExpectation,
): RoleFinding[] {
  const findings: RoleFinding[] = [];
  const name = quoteIdent(role.name);
  const alter = (
    attribute: keyof RoleAttributes,
    problem: string,
    clause: string,
  ) =>
    findings.push({
      problem,
      fix: sql(`ALTER ROLE ${name} ${clause}`),
      adminCan: adminMayAlter(cluster, role, attribute),
    });

  for (const [attribute, keyword] of PRIVILEGED) {
    if (role.attributes[attribute]) {
      alter(
        attribute,
        `has ${keyword}, which the platform never gives`,
        `NO${keyword}`,
      );
    }
  }
  if (expected.nologin && role.attributes.login)
    alter('login', 'can log in; it should be NOLOGIN', 'NOLOGIN');
  if (expected.inherit && !role.attributes.inherit) {
    alter(
      'inherit',
      'is NOINHERIT, so it would not have its access level',
      'INHERIT',
    );
  }
  const until = role.attributes.validUntil;
  if (expected.neverExpires && until && !/^infinity$/i.test(until)) {
    alter(
      'validUntil',
      `has a password that expires (VALID UNTIL ${until})`,
      `VALID UNTIL 'infinity'`,
    );
  }

  const superFix = cluster.serverVersion >= 160000;
  for (const grant of role.grants) {
    if (
      grant.role === cluster.provenance.name ||
      expected.memberOf.includes(grant.role)
    )
      continue;
    const adminCan = adminMayRevoke(
      cluster,
      grant.grantor,
      grant.roleIsSuperuser,
    );
    findings.push({
      problem: `is a member of ${grant.role} (granted by ${grant.grantor}), outside its app's roles`,
      fix: revoke(
        grant.role,
        role.name,
        !adminCan && superFix ? grant.grantor : undefined,
      ),
      adminCan,
    });
  }
  for (const m of role.members) {
    if (m.member === cluster.admin || expected.members.includes(m.member))
      continue;
    const adminCan = adminMayRevoke(cluster, m.grantor, role.superuser);
    findings.push({
      problem: `has ${m.member} as a member (granted by ${m.grantor}), which the platform did not grant`,
      fix: revoke(
        role.name,
        m.member,
        !adminCan && superFix ? m.grantor : undefined,
      ),
      adminCan,
    });
  }
  return findings;
}
