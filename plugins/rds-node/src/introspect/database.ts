import type { PoolClient } from 'pg';
import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type { ObjectClass } from '../sql/builders';
import { GROUP_LEVELS, GROUP_PRIVILEGES, type GroupLevel } from '../plan/model';
import type { AclEntry, DatabaseState, SchemaGaps } from './types';

/** Relation kinds that take table privileges: tables, partitioned, views, matviews, foreign. */
const READABLE_RELKINDS = `('r','p','v','m','f')`;
/** Relation kinds that take INSERT/UPDATE/DELETE. */
const WRITABLE_RELKINDS = `('r','p')`;

/**
 * A boolean SQL expression: the ACL lacks an explicit entry for the grantee. Explicit, not
 * has_*_privilege(): privileges through PUBLIC or another membership are not the platform's
 * grant, and go away with a `REVOKE ... FROM PUBLIC` hardening.
 */
function lacks(acl: string, grantee: string, privilege: string): string {
  return `NOT EXISTS (SELECT 1 FROM aclexplode(${acl}) a
              WHERE a.grantee = ids.${grantee} AND a.privilege_type = '${privilege}')`;
}

/** A boolean SQL expression: some object of the class, owned by the owner role, lacks a privilege. */
function gapExpression(objects: ObjectClass, level: GroupLevel): string {
  const grantee = `${level}_oid`;
  const privileges = GROUP_PRIVILEGES[level][objects];
  const any = (acl: string, list: string[]) =>
    list.map(p => lacks(acl, grantee, p)).join(' OR ');
  if (objects === 'functions') {
    return `EXISTS (SELECT 1 FROM procs p WHERE p.pronamespace = m.oid
              AND (${any('p.proacl', privileges)}))`;
  }
  if (objects === 'sequences') {
    return `EXISTS (SELECT 1 FROM rels c WHERE c.relnamespace = m.oid
              AND c.relkind = 'S' AND (${any('c.relacl', privileges)}))`;
  }
  const writes = privileges.filter(p => p !== 'SELECT');
  const write = writes.length
    ? ` OR (c.relkind IN ${WRITABLE_RELKINDS} AND (${any('c.relacl', writes)}))`
    : '';
  return `EXISTS (SELECT 1 FROM rels c WHERE c.relnamespace = m.oid
            AND c.relkind IN ${READABLE_RELKINDS} AND (${lacks(
    'c.relacl',
    grantee,
    'SELECT',
  )}${write}))`;
}

const OBJECT_CLASSES: ObjectClass[] = ['tables', 'sequences', 'functions'];

/**
 * The schemas the platform manages (owned by the owner role, or by pg_database_owner like
 * `public` from Postgres 15) and, in each, whether the group roles lack USAGE or privileges on
 * objects the owner role owns. Objects owned by anyone else are left alone.
 */
const DATABASE_QUERY = `
WITH ids AS (
  SELECT (SELECT oid FROM pg_roles WHERE rolname = $1) AS owner_oid,
         (SELECT oid FROM pg_roles WHERE rolname = $2) AS reader_oid,
         (SELECT oid FROM pg_roles WHERE rolname = $3) AS editor_oid,
         (SELECT oid FROM pg_roles WHERE rolname = 'pg_database_owner') AS dbowner_oid),
-- What the owner role owns here, from pg_shdepend's index rather than scans of pg_class and pg_proc.
owned AS (
  SELECT d.classid, d.objid FROM pg_shdepend d, ids
  WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid = ids.owner_oid AND d.deptype = 'o'
    AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())),
rels AS (
  SELECT c.oid, c.relnamespace, c.relkind, c.relacl FROM owned o JOIN pg_class c ON c.oid = o.objid
  WHERE o.classid = 'pg_class'::regclass),
procs AS (
  SELECT p.oid, p.pronamespace, p.proacl FROM owned o JOIN pg_proc p ON p.oid = o.objid
  WHERE o.classid = 'pg_proc'::regclass),
managed AS (
  SELECT n.* FROM pg_namespace n, ids
  WHERE (n.nspowner = ids.owner_oid OR n.nspowner = ids.dbowner_oid)
    AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema')
SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'schema', m.nspname,
      'publicCreate', EXISTS (SELECT 1 FROM aclexplode(coalesce(m.nspacl, acldefault('n', m.nspowner))) a
                              WHERE a.grantee = 0 AND a.privilege_type = 'CREATE'),
      ${GROUP_LEVELS.map(
        level =>
          `'${level}Usage', NOT ${lacks('m.nspacl', `${level}_oid`, 'USAGE')},
      ${OBJECT_CLASSES.map(
        objects => `'${level}_${objects}', ${gapExpression(objects, level)}`,
      ).join(',\n      ')}`,
      ).join(',\n      ')}
    ) ORDER BY m.nspname), '[]'::json) FROM managed m, ids) AS schemas,
  (SELECT coalesce(json_agg(json_build_object(
      'objtype', d.defaclobjtype, 'grantee', pg_get_userbyid(a.grantee), 'privilege', a.privilege_type)), '[]'::json)
   FROM pg_default_acl d, ids, aclexplode(d.defaclacl) a
   WHERE d.defaclrole = ids.owner_oid AND d.defaclnamespace = 0) AS default_acl`;

/** Reads grants and default privileges inside the app database. */
export async function introspectDatabase(
  session: PoolClient,
  names: DerivedNames,
): Promise<DatabaseState> {
  // Named: prepared once per session, so re-runs skip planning this query.
  const { rows } = await session.query({
    name: 'rds-introspect-database-v2',
    text: DATABASE_QUERY,
    values: [names.ownerRole, names.readerRole, names.editorRole],
  });
  const schemas: SchemaGaps[] = rows[0].schemas.map(
    (s: Record<string, any>) => ({
      schema: s.schema,
      publicCreate: s.publicCreate,
      usage: { reader: s.readerUsage, editor: s.editorUsage },
      missing: {
        reader: OBJECT_CLASSES.filter(o => s[`reader_${o}`]),
        editor: OBJECT_CLASSES.filter(o => s[`editor_${o}`]),
      },
    }),
  );
  const defaultAcl: Record<string, AclEntry[]> = {};
  for (const e of rows[0].default_acl as Array<
    AclEntry & { objtype: string }
  >) {
    (defaultAcl[e.objtype] ??= []).push({
      grantee: e.grantee,
      privilege: e.privilege,
    });
  }
  return { inspected: true, schemas, defaultAcl };
}

/** State of a database that does not exist yet or cannot be read: everything is to be done. */
export function uninspectedDatabase(reason: string): DatabaseState {
  return { inspected: false, reason, schemas: [], defaultAcl: {} };
}
