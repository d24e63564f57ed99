import type { ObjectClass } from '../sql/builders';
import type { GroupLevel, RoleKind } from '../plan/model';

/** A managed role as the catalog shows it. */
export interface RoleState {
  name: string;
  exists: boolean;
  canLogin: boolean;
  superuser: boolean;
  comment?: string;
  /** Roles this role is a direct member of. */
  memberOf: string[];
  /** The admin can SET ROLE to it (Postgres 16+), or is a member (13-15). */
  adminCanSet: boolean;
  /** The admin has its privileges through inheritance (needed to connect to its database). */
  adminInherits: boolean;
}

/** One (grantee, privilege) pair of an ACL; grantee `PUBLIC` for the pseudo-role. */
export interface AclEntry {
  grantee: string;
  privilege: string;
}

/** Cluster-wide state, read on the admin database. */
export interface ClusterState {
  serverVersion: number;
  admin: string;
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
