import { quoteIdent, quoteLiteral } from '../sql/quote';
import { sql, type SqlStatement } from '../sql/statement';
import type { DecommissionOp } from './types';

/** How long pg_terminate_backend waits for each session to end (Postgres 14+). */
export const TERMINATE_WAIT_MS = 5_000;

/**
 * Statements that take the app's roles for one transaction, so that the admin has their
 * privileges (pg_terminate_backend and DROP OWNED need them; a CREATEROLE admin holds only
 * ADMIN OPTION from 16). The executor rolls the transaction back or drops the roles with it.
 */
export function takeRoles(
  roles: string[],
  serverVersion: number,
): SqlStatement[] {
  const options =
    serverVersion >= 160000 ? ' WITH INHERIT TRUE, SET FALSE' : '';
  return roles.map(r =>
    sql(`GRANT ${quoteIdent(r)} TO CURRENT_USER${options}`),
  );
}

/** The statement that ends the sessions and counts those that did not end in time. */
export function terminateSql(
  op: Extract<DecommissionOp, { op: 'terminate' }>,
  serverVersion: number,
): SqlStatement[] {
  const users = `ARRAY[${op.roles.map(quoteLiteral).join(', ')}]::text[]`;
  const where = op.database
    ? `(usename = ANY(${users}) OR datname = ${quoteLiteral(op.database)})`
    : `usename = ANY(${users})`;
  const call =
    serverVersion >= 140000
      ? `pg_terminate_backend(pid, ${TERMINATE_WAIT_MS})`
      : 'pg_terminate_backend(pid)';
  return [
    ...takeRoles(op.roles, serverVersion),
    sql(
      `SELECT count(*) FILTER (WHERE NOT ${call}) AS left FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND coalesce(backend_type, 'client backend') = 'client backend' AND ${where}`,
    ),
  ];
}

/** Revokes what the roles hold on shared objects and drops them, in one transaction. */
export function dropRolesSql(
  roles: string[],
  serverVersion: number,
): SqlStatement[] {
  const list = roles.map(quoteIdent).join(', ');
  return [
    ...takeRoles(roles, serverVersion),
    sql(`DROP OWNED BY ${list}`),
    sql(`DROP ROLE ${list}`),
  ];
}
