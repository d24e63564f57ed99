import type {
  AccessLevel,
  DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import type { ObjectClass } from '../sql/builders';

/**
 * The role model (see docs/role-model.md):
 * - `<base>_owner`  NOLOGIN, owns the database and every object in it;
 * - `<base>_reader` NOLOGIN group with read grants, `<base>_editor` NOLOGIN group with
 *   read/write grants, both kept current with default privileges for the owner role;
 * - `<base>_user`   the LOGIN role in the secret, member of exactly one of the three.
 */
export type GroupLevel = Exclude<AccessLevel, 'owner'>;

/** Privileges each group role holds on each object class (aclexplode's privilege names). */
export const GROUP_PRIVILEGES: Record<
  GroupLevel,
  Record<ObjectClass | 'schemas', string[]>
> = {
  reader: {
    schemas: ['USAGE'],
    tables: ['SELECT'],
    sequences: ['SELECT'],
    functions: ['EXECUTE'],
  },
  editor: {
    schemas: ['USAGE'],
    tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    sequences: ['SELECT', 'USAGE'],
    functions: ['EXECUTE'],
  },
};

export const GROUP_LEVELS: GroupLevel[] = ['reader', 'editor'];

export const OBJECT_CLASSES: ObjectClass[] = [
  'tables',
  'sequences',
  'functions',
];

/** `pg_default_acl.defaclobjtype` per object class. */
export const DEFAULT_ACL_OBJTYPE: Record<ObjectClass | 'schemas', string> = {
  tables: 'r',
  sequences: 'S',
  functions: 'f',
  schemas: 'n',
};

/** Kinds of managed roles, in creation order. */
export type RoleKind = 'owner' | 'reader' | 'editor' | 'login';
export const ROLE_KINDS: RoleKind[] = ['owner', 'reader', 'editor', 'login'];

/** The role name for each kind. */
export function roleNames(names: DerivedNames): Record<RoleKind, string> {
  return {
    owner: names.ownerRole,
    reader: names.readerRole,
    editor: names.editorRole,
    login: names.loginRole,
  };
}

/** The role the login role is a member of for an access level. */
export function levelRole(names: DerivedNames, level: AccessLevel): string {
  return roleNames(names)[level === 'owner' ? 'owner' : level];
}
