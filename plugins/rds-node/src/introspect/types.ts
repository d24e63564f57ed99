import type { ObjectClass } from '../sql/builders';
import type { GroupLevel, RoleKind } from '../plan/model';

/** Role attributes the platform sets (pg_roles' rol* columns). */
export interface RoleAttributes {
  superuser: boolean;
  createrole: boolean;
  createdb: boolean;
  replication: boolean;
  bypassrls: boolean;
  login: boolean;
  inherit: boolean;
  /** `rolvaliduntil`: null (or infinity) means the password never expires. */
  validUntil: string | null;
}

/** One row of pg_auth_members seen from the member: it was granted `role` by `grantor`. */
export interface MembershipGrant {
  role: string;
  grantor: string;
  /** The granted role is a superuser (only a superuser may revoke it on 15). */
  roleIsSuperuser: boolean;
}

/** One row of pg_auth_members seen from the granted role: `member` was granted it by `grantor`. */
export interface RoleMember {
  member: string;
  grantor: string;
  adminOption: boolean;
}

/** A managed role as the catalog shows it. */
export interface RoleState {
  name: string;
  exists: boolean;
  canLogin: boolean;
  superuser: boolean;
  attributes: RoleAttributes;
  comment?: string;
  /**
   * The platform made it: a member of the provenance role, granted by the platform admin
   * (see plan/provenance.ts). The comment alone proves nothing.
   */
  provenance: boolean;
  /** Roles this role is a direct member of. */
  memberOf: string[];
  /** The same, with who granted each membership. */
  grants: MembershipGrant[];
  /** Roles that are direct members of this role. */
  members: RoleMember[];
  /** The admin can SET ROLE to it (Postgres 16+), or is a member (13-15). */
  adminCanSet: boolean;
  /** The admin has its privileges through inheritance (needed to connect to its database). */
  adminInherits: boolean;
  /** The admin holds ADMIN OPTION on it (16+: needed to alter it or grant it). */
  adminHasAdminOption: boolean;
  /**
   * It is a member of RDS's `rds_iam`, directly or through other roles: on RDS its members
   * (and so anyone granted it) can only log in with IAM tokens, no longer with a password.
   */
  holdsRdsIam?: boolean;
}

/** The provenance role of the instance (one for all apps). */
export interface ProvenanceState {
  name: string;
  exists: boolean;
  attributes?: RoleAttributes;
  /** Roles it is a member of: it must carry no privileges. */
  memberOf: string[];
  /** Roles other than the admin that may grant it (hold ADMIN OPTION on it). */
  otherAdmins: string[];
  /** The admin holds ADMIN OPTION on it (on 16+ this proves the admin created it). */
  adminHasAdminOption: boolean;
}

/** Whether the secret's password logs in as the login role (read by a real login). */
export type LoginCheck =
  | { result: 'ok' }
  | { result: 'rejected'; message: string }
  | { result: 'unknown'; message: string };

/** One (grantee, privilege) pair of an ACL; grantee `PUBLIC` for the pseudo-role. */
export interface AclEntry {
  grantee: string;
  privilege: string;
}

/** Cluster-wide state, read on the admin database. */
export interface ClusterState {
  serverVersion: number;
  admin: string;
  /** The admin's own attributes: what it may give or take away (16+). */
  adminAttributes: RoleAttributes;
  /** The admin is a member of `rds_iam` (it logs in with IAM tokens then). */
  adminHoldsRdsIam?: boolean;
  provenance: ProvenanceState;
  roles: Record<RoleKind, RoleState>;
  database: {
    name: string;
    exists: boolean;
    owner?: string;
    acl: AclEntry[];
    /** `ALTER ROLE login IN DATABASE db SET ...` settings, e.g. `role=x_owner`. */
    loginSettings: string[];
  };
}

/** What is missing on existing objects of one schema. */
export interface SchemaGaps {
  schema: string;
  publicCreate: boolean;
  usage: Record<GroupLevel, boolean>;
  /** Object classes with at least one object lacking the group's privileges. */
  missing: Record<GroupLevel, ObjectClass[]>;
}

/** State inside the app database (read as the admin). */
export interface DatabaseState {
  /** False when the database could not be read (missing, or no access yet). */
  inspected: boolean;
  reason?: string;
  schemas: SchemaGaps[];
  /** Database-wide default ACL entries of the owner role, per `defaclobjtype`. */
  defaultAcl: Record<string, AclEntry[]>;
}
