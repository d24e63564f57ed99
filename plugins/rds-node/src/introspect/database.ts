import type { PoolClient } from 'pg';
import type { DerivedNames } from '@internal/plugin-rds-common';
import type { ObjectClass } from '../sql/builders';
import { GROUP_LEVELS, GROUP_PRIVILEGES, type GroupLevel } from '../plan/model';
import type { AclEntry, DatabaseState, SchemaGaps } from './types';

/** Relation kinds that take table privileges: tables, partitioned, views, matviews, foreign. */
const READABLE_RELKINDS = `('r','p','v','m','f')`;
/** Relation kinds that take INSERT/UPDATE/DELETE. */
const WRITABLE_RELKINDS = `('r','p')`;

/** A boolean SQL expression: some object of the class, owned by the owner role, lacks a privilege. */
function gapExpression(objects: ObjectClass, level: GroupLevel): string {
  const grantee = `${level}_oid`;
  const privileges = GROUP_PRIVILEGES[level][objects];
  const lacks = (check: string) =>
    privileges
      .map(p => `NOT coalesce(${check.replace('$P', p)}, false)`)
      .join(' OR ');
  if (objects === 'functions') {
    return `EXISTS (SELECT 1 FROM procs p WHERE p.pronamespace = m.oid
              AND (${lacks(
                `has_function_privilege(ids.${grantee}, p.oid, '$P')`,
              )}))`;
  }
  if (objects === 'sequences') {
    return `EXISTS (SELECT 1 FROM rels c WHERE c.relnamespace = m.oid
              AND c.relkind = 'S'
              -- CASE fixes the evaluation order: has_sequence_privilege errors on non-sequences.
              AND CASE WHEN c.relkind = 'S' THEN (${lacks(
                `has_sequence_privilege(ids.${grantee}, c.oid, '$P')`,
              )}) END)`;
  }
  const read = `NOT coalesce(has_table_privilege(ids.${grantee}, c.oid, 'SELECT'), false)`;
  const writes = privileges.filter(p => p !== 'SELECT');
  const write = writes.length
    ? ` OR (c.relkind IN ${WRITABLE_RELKINDS} AND (${writes
        .map(
          p =>
            `NOT coalesce(has_table_privilege(ids.${grantee}, c.oid, '${p}'), false)`,
        )
        .join(' OR ')}))`
    : '';
  return `EXISTS (SELECT 1 FROM rels c WHERE c.relnamespace = m.oid
            AND c.relkind IN ${READABLE_RELKINDS} AND (${read}${write}))`;
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
  SELECT c.oid, c.relnamespace, c.relkind FROM owned o JOIN pg_class c ON c.oid = o.objid
  WHERE o.classid = 'pg_class'::regclass),
procs AS (
  SELECT p.oid, p.pronamespace FROM owned o JOIN pg_proc p ON p.oid = o.objid
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
          `'${level}Usage', coalesce(has_schema_privilege(ids.${level}_oid, m.oid, 'USAGE'), false),
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
    name: 'rds-introspect-database',
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
