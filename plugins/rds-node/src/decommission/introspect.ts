import type { PoolClient } from 'pg';
import type { DecommissionSession } from '@rds-self-service/plugin-rds-common';
import { APPLICATION_NAME } from '../connection/InstanceConnections';
import type { ForeignDependency } from './types';

/**
 * One round trip for what could block a drop or be lost with it: sessions on the database or
 * of the app's roles, prepared transactions, logical replication slots and subscriptions of
 * the database, and anything the roles own or hold outside it (pg_shdepend), which dropping
 * the database does not remove. Grants on shared objects (other databases' CONNECT) are
 * revoked with the roles, so they are not listed.
 */
const FACTS_QUERY = `
WITH roles AS (SELECT oid, rolname FROM pg_roles WHERE rolname = ANY($1::text[])),
     db AS (SELECT oid FROM pg_database WHERE datname = $2)
SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'pid', a.pid, 'user', coalesce(a.usename, ''), 'database', coalesce(a.datname, ''),
      'application', coalesce(a.application_name, ''), 'state', coalesce(a.state, ''),
      'managed', a.usename = ANY($1::text[]) OR a.usename = current_user) ORDER BY a.pid), '[]'::json)
   FROM pg_stat_activity a
   WHERE a.pid <> pg_backend_pid() AND coalesce(a.backend_type, 'client backend') = 'client backend' AND a.usename IS NOT NULL
     AND NOT (a.usename = current_user AND a.application_name = $3)
     AND (a.datname = $2 OR a.usename = ANY($1::text[]))) AS sessions,
  (SELECT coalesce(json_agg(p.gid ORDER BY p.gid), '[]'::json)
   FROM pg_prepared_xacts p WHERE p.database = $2) AS prepared,
  (SELECT coalesce(json_agg(s.slot_name ORDER BY s.slot_name), '[]'::json)
   FROM pg_replication_slots s WHERE s.database = $2) AS slots,
  (SELECT coalesce(json_agg(s.subname ORDER BY s.subname), '[]'::json)
   FROM pg_subscription s WHERE s.subdbid = (SELECT oid FROM db)) AS subscriptions,
  (SELECT coalesce(json_agg(DISTINCT jsonb_build_object(
      'role', r.rolname, 'database', coalesce(d.datname, ''),
      'kind', CASE WHEN s.deptype = 'o' THEN 'owns' ELSE 'holds privileges on' END)), '[]'::json)
   FROM pg_shdepend s JOIN roles r ON r.oid = s.refobjid LEFT JOIN pg_database d ON d.oid = s.dbid
   WHERE s.refclassid = 'pg_authid'::regclass
     AND s.dbid IS DISTINCT FROM (SELECT oid FROM db)
     AND NOT (s.dbid = 0 AND s.deptype = 'a')
     AND NOT (s.dbid = 0 AND s.classid = 'pg_database'::regclass AND s.objid = (SELECT oid FROM db))
  ) AS dependencies`;

/** The facts of {@link FACTS_QUERY}. */
export interface DecommissionFactsRead {
  sessions: DecommissionSession[];
  preparedTransactions: string[];
  replicationSlots: string[];
  subscriptions: string[];
  dependencies: ForeignDependency[];
}

/** Reads what could block the drop, or be lost with it. */
export async function readDecommissionFacts(
  session: PoolClient,
  roles: string[],
  database: string,
): Promise<DecommissionFactsRead> {
  const { rows } = await session.query(FACTS_QUERY, [
    roles,
    database,
    APPLICATION_NAME,
  ]);
  const row = rows[0];
  return {
    sessions: row.sessions,
    preparedTransactions: row.prepared,
    replicationSlots: row.slots,
    subscriptions: row.subscriptions,
    dependencies: row.dependencies,
  };
}
