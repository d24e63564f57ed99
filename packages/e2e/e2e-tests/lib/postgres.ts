import { Client } from 'pg';

/**
 * The superuser of the app's embedded Postgres (scripts/start.mjs: `postgres`/`postgres`
 * on 127.0.0.1, port 5433 unless RDS_START_PG_PORT moves it). Journeys use it to set up
 * what the platform must not touch, as someone outside the platform would.
 */
function superuserConnection() {
  return {
    host: '127.0.0.1',
    port: Number(process.env.RDS_START_PG_PORT ?? 5433),
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  };
}

/**
 * A database of the platform's name that someone else created and owns, as the old runbook
 * left them: a NOLOGIN role `owner` owns database `database`. Kept when it exists already.
 */
export async function createForeignDatabase(
  database: string,
  owner: string,
): Promise<void> {
  const client = new Client(superuserConnection());
  await client.connect();
  try {
    const role = client.escapeIdentifier(owner);
    const db = client.escapeIdentifier(database);
    const roles = await client.query(
      'SELECT 1 FROM pg_roles WHERE rolname = $1',
      [owner],
    );
    if (roles.rowCount === 0) await client.query(`CREATE ROLE ${role} NOLOGIN`);
    const dbs = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [database],
    );
    if (dbs.rowCount === 0) {
      await client.query(`CREATE DATABASE ${db} OWNER ${role}`);
    }
  } finally {
    await client.end();
  }
}

/** The owner of a database, or undefined when there is none of that name. */
export async function databaseOwner(
  database: string,
): Promise<string | undefined> {
  const client = new Client(superuserConnection());
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    return rows[0]?.owner;
  } finally {
    await client.end();
  }
}
