import { quoteIdent, quoteLiteral } from './quote';
import { scramSha256Verifier } from './scram';
import { REDACTED, sql, type SqlStatement } from './statement';

/** Object classes the access levels grant on, with the keyword GRANT uses for "all of them". */
export type ObjectClass = 'tables' | 'sequences' | 'functions';

const ALL_IN_SCHEMA: Record<ObjectClass, string> = {
  tables: 'ALL TABLES',
  sequences: 'ALL SEQUENCES',
  // ROUTINES, not FUNCTIONS: also covers procedures and aggregates.
  functions: 'ALL ROUTINES',
};

const DEFAULT_PRIVILEGE_OBJECTS: Record<ObjectClass | 'schemas', string> = {
  tables: 'TABLES',
  sequences: 'SEQUENCES',
  functions: 'ROUTINES',
  schemas: 'SCHEMAS',
};

const list = (names: string[]) => names.map(quoteIdent).join(', ');

/** `CREATE ROLE name NOLOGIN` (owner and group roles). */
export function createNologinRole(role: string): SqlStatement {
  return sql(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
}

/**
 * `<prefix> LOGIN PASSWORD '<SCRAM verifier>'`. The verifier is computed only when the
 * statement is sent; plans show a placeholder. Utility statements take no bind parameters,
 * so the verifier is a quoted literal (never the plaintext).
 */
function withLoginPassword(
  prefix: string,
  password: () => string,
): SqlStatement {
  return {
    redacted: `${prefix} LOGIN PASSWORD ${REDACTED}`,
    render: () =>
      `${prefix} LOGIN PASSWORD ${quoteLiteral(
        scramSha256Verifier(password()),
      )}`,
  };
}

/** `CREATE ROLE name LOGIN PASSWORD '<SCRAM verifier>'`. */
export function createLoginRole(
  role: string,
  password: () => string,
): SqlStatement {
  return withLoginPassword(`CREATE ROLE ${quoteIdent(role)}`, password);
}

/** `ALTER ROLE name LOGIN PASSWORD '<SCRAM verifier>'`. */
export function setLoginPassword(
  role: string,
  password: () => string,
): SqlStatement {
  return withLoginPassword(`ALTER ROLE ${quoteIdent(role)}`, password);
}

/** `ALTER ROLE name <attributes>`, e.g. `NOLOGIN`. */
export function alterRoleAttributes(
  role: string,
  attributes: string,
): SqlStatement {
  return sql(`ALTER ROLE ${quoteIdent(role)} ${attributes}`);
}

/** `COMMENT ON ROLE`: the platform's ownership marker. */
export function commentOnRole(role: string, comment: string): SqlStatement {
  return sql(`COMMENT ON ROLE ${quoteIdent(role)} IS ${quoteLiteral(comment)}`);
}

/**
 * Membership of `member` in `role`. From Postgres 16 the options are explicit: INHERIT for
 * using the role's privileges, SET for `SET ROLE` and for `CREATE DATABASE ... OWNER`.
 */
export function grantRole(
  role: string,
  member: string,
  serverVersion: number,
  options: { inherit: boolean; set: boolean } = { inherit: true, set: true },
): SqlStatement {
  const base = `GRANT ${quoteIdent(role)} TO ${quoteIdent(member)}`;
  if (serverVersion < 160000) return sql(base);
  return sql(
    `${base} WITH INHERIT ${options.inherit ? 'TRUE' : 'FALSE'}, SET ${
      options.set ? 'TRUE' : 'FALSE'
    }`,
  );
}

/** `REVOKE role FROM member`. */
export function revokeRole(role: string, member: string): SqlStatement {
  return sql(`REVOKE ${quoteIdent(role)} FROM ${quoteIdent(member)}`);
}

/** `CREATE DATABASE name OWNER role` (must run outside a transaction). */
export function createDatabase(database: string, owner: string): SqlStatement {
  return sql(
    `CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(owner)}`,
  );
}

/** `REVOKE ALL ON DATABASE name FROM PUBLIC`: only granted roles may connect. */
export function revokeDatabaseFromPublic(database: string): SqlStatement {
  return sql(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
}

/** `GRANT CONNECT ON DATABASE name TO roles`. */
export function grantConnect(database: string, roles: string[]): SqlStatement {
  return sql(
    `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${list(roles)}`,
  );
}

/** `ALTER ROLE login IN DATABASE db <change>`: a setting of the login's sessions in that database. */
function alterRoleInDatabase(
  login: string,
  database: string,
  change: string,
): SqlStatement {
  return sql(
    `ALTER ROLE ${quoteIdent(login)} IN DATABASE ${quoteIdent(
      database,
    )} ${change}`,
  );
}

/** `ALTER ROLE login IN DATABASE db SET role = owner`: objects it creates belong to the owner role. */
export function setSessionRole(
  login: string,
  database: string,
  role: string,
): SqlStatement {
  return alterRoleInDatabase(login, database, `SET role = ${quoteIdent(role)}`);
}

/** `ALTER ROLE login IN DATABASE db RESET role`. */
export function resetSessionRole(
  login: string,
  database: string,
): SqlStatement {
  return alterRoleInDatabase(login, database, 'RESET role');
}

/** `REVOKE CREATE ON SCHEMA s FROM PUBLIC` (the pre-15 default let everyone create in public). */
export function revokeSchemaCreateFromPublic(schema: string): SqlStatement {
  return sql(`REVOKE CREATE ON SCHEMA ${quoteIdent(schema)} FROM PUBLIC`);
}

/** `GRANT USAGE ON SCHEMA s TO roles`. */
export function grantSchemaUsage(
  schema: string,
  roles: string[],
): SqlStatement {
  return sql(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${list(roles)}`);
}

/** `GRANT privileges ON ALL <class> IN SCHEMA s TO role`. */
export function grantOnAll(
  objects: ObjectClass,
  privileges: string[],
  schema: string,
  role: string,
): SqlStatement {
  return sql(
    `GRANT ${privileges.join(', ')} ON ${
      ALL_IN_SCHEMA[objects]
    } IN SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(role)}`,
  );
}

/** `ALTER DEFAULT PRIVILEGES FOR ROLE owner GRANT privileges ON <class> TO role` (database-wide). */
export function alterDefaultPrivileges(
  owner: string,
  objects: ObjectClass | 'schemas',
  privileges: string[],
  role: string,
): SqlStatement {
  return sql(
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(
      owner,
    )} GRANT ${privileges.join(', ')} ON ${
      DEFAULT_PRIVILEGE_OBJECTS[objects]
    } TO ${quoteIdent(role)}`,
  );
}

/**
 * `SET LOCAL ROLE owner`: in-database grants are made as the owner role, which owns the
 * objects, for one transaction only (pooled sessions go back unchanged).
 */
export function setLocalRole(role: string): SqlStatement {
  return sql(`SET LOCAL ROLE ${quoteIdent(role)}`);
}
