import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import {
  alterDefaultPrivileges,
  grantOnAll,
  grantSchemaUsage,
  revokeSchemaCreateFromPublic,
} from '../sql/builders';
import type { SqlStatement } from '../sql/statement';
import type { DatabaseState } from '../introspect/types';
import {
  DEFAULT_ACL_OBJTYPE,
  GROUP_LEVELS,
  GROUP_PRIVILEGES,
  OBJECT_CLASSES,
  roleNames,
} from './model';
import { changeAction, step, type ExecutableStep } from './types';

/**
 * Steps inside the app database: schema privileges, privileges on existing objects, and
 * default privileges for objects the owner role creates later. Converged on every run.
 * When the database could not be read yet, the steps show what a new database needs and
 * apply plans them again once it can read it.
 */
export function planDatabaseSteps(
  names: DerivedNames,
  state: DatabaseState,
): ExecutableStep[] {
  const roles = roleNames(names);
  const target = names.database;
  const schemas = state.inspected
    ? state.schemas
    : [
        {
          schema: 'public',
          publicCreate: true,
          usage: { reader: false, editor: false },
          missing: { reader: [], editor: [] },
        },
      ];

  // Schema privileges.
  const schemaSql: SqlStatement[] = [];
  const schemaWhy: string[] = [];
  for (const s of schemas) {
    if (s.publicCreate) {
      schemaSql.push(revokeSchemaCreateFromPublic(s.schema));
      schemaWhy.push(`PUBLIC may create objects in schema ${s.schema}`);
    }
    const lacking = GROUP_LEVELS.filter(level => !s.usage[level]);
    if (lacking.length) {
      schemaSql.push(
        grantSchemaUsage(
          s.schema,
          lacking.map(l => roles[l]),
        ),
      );
      schemaWhy.push(
        `${lacking.map(l => roles[l]).join(' and ')} lack USAGE on schema ${
          s.schema
        }`,
      );
    }
  }

  // Privileges on objects that already exist.
  const objectSql: SqlStatement[] = [];
  const objectWhy: string[] = [];
  for (const s of schemas) {
    for (const level of GROUP_LEVELS) {
      for (const objects of s.missing[level]) {
        objectSql.push(
          grantOnAll(
            objects,
            GROUP_PRIVILEGES[level][objects],
            s.schema,
            roles[level],
          ),
        );
        objectWhy.push(
          `some ${objects} in ${s.schema} lack ${roles[level]}'s privileges`,
        );
      }
    }
  }

  // Default privileges, database-wide for objects created by the owner role.
  const defaultSql: SqlStatement[] = [];
  const defaultWhy: string[] = [];
  for (const level of GROUP_LEVELS) {
    for (const objects of [...OBJECT_CLASSES, 'schemas' as const]) {
      const entries = state.defaultAcl[DEFAULT_ACL_OBJTYPE[objects]] ?? [];
      const wanted = GROUP_PRIVILEGES[level][objects];
      const missing = wanted.filter(
        p =>
          !entries.some(e => e.grantee === roles[level] && e.privilege === p),
      );
      if (missing.length) {
        defaultSql.push(
          alterDefaultPrivileges(roles.owner, objects, wanted, roles[level]),
        );
        defaultWhy.push(
          `new ${objects} would not grant ${missing.join(', ')} to ${
            roles[level]
          }`,
        );
      }
    }
  }

  const creating = !state.inspected;
  const action = (sqlCount: number) => changeAction(sqlCount, !creating);
  const reason = (why: string[], ok: string) => {
    if (!why.length) return ok;
    // Not read yet: say why, and that these are the expected changes, re-checked at apply.
    return creating
      ? `${state.reason}; expected: ${why.join('; ')}`
      : why.join('; ');
  };

  return [
    step({
      id: 'schema.privileges',
      kind: 'grant',
      target,
      scope: 'database',
      action: action(schemaSql.length),
      statements: schemaSql,
      transaction: true,
      reason: reason(schemaWhy, 'schema privileges match the access levels'),
    }),
    step({
      id: 'object.privileges',
      kind: 'grant',
      target,
      scope: 'database',
      action: action(objectSql.length),
      statements: objectSql,
      transaction: true,
      reason: reason(
        objectWhy,
        'existing tables, sequences and functions are granted',
      ),
    }),
    step({
      id: 'default.privileges',
      kind: 'default_privileges',
      target,
      scope: 'database',
      action: action(defaultSql.length),
      statements: defaultSql,
      transaction: true,
      reason: reason(
        defaultWhy,
        'default privileges cover objects created later',
      ),
    }),
  ];
}
