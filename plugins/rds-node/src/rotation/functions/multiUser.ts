import { getConnection, using } from './connect';
import { getSecretDict } from './secretDict';
import { currentAndPending, setPassword, type StepContext } from './steps';

const CLONE_SUFFIX = '_clone';

/**
 * The other user of the pair: `<user>_clone` for `<user>`, and back. Fails when the clone's
 * name would pass Postgres' 63-byte limit.
 *
 * @public
 */
export function alternateUsername(current: string): string {
  if (current.endsWith(CLONE_SUFFIX))
    return current.slice(0, -CLONE_SUFFIX.length);
  const clone = `${current}${CLONE_SUFFIX}`;
  if (clone.length > 63) {
    throw new Error(
      'Unable to clone user, username length with _clone appended would exceed 63 characters',
    );
  }
  return clone;
}

/**
 * setSecret of SecretsManagerRDSPostgreSQLRotationMultiUser: unless AWSPENDING already logs
 * in, check that AWSCURRENT does, log in with the master secret (`masterarn`) and either
 * create the alternate user (LOGIN, the password, and membership in the current user) or set
 * its password.
 */
export async function setSecretMultiUser(ctx: StepContext): Promise<void> {
  const { current, pending, done } = await currentAndPending(ctx);
  if (done) return;
  if (alternateUsername(current.username) !== pending.username) {
    throw new Error(
      `Attempting to modify user ${pending.username} other than current user or clone ${current.username}`,
    );
  }
  if (current.host !== pending.host) {
    throw new Error(
      `Attempting to modify user for host ${pending.host} other than current host ${current.host}`,
    );
  }
  const check = await getConnection(current, ctx.connect);
  if (!check) {
    throw new Error(
      `Unable to log into database using current credentials for secret ${ctx.arn}`,
    );
  }
  await check.end().catch(() => {});
  const masterArn = current.masterarn;
  if (!masterArn) throw new Error('masterarn key is missing from secret JSON');
  const master = await getSecretDict(ctx.client, masterArn, 'AWSCURRENT');
  master.dbname = current.dbname ?? null;
  // The published function also accepts a read replica of the master's instance (RDS API).
  if (current.host !== master.host) {
    throw new Error(
      `Current database host ${current.host} is not the same host as/rds replica of master ${master.host}`,
    );
  }
  const conn = await getConnection(master, ctx.connect);
  if (!conn) {
    throw new Error(
      `Unable to log into database using credentials in master secret ${masterArn}`,
    );
  }
  await using(conn, async c => {
    await c.query('BEGIN');
    const { rows } = await c.query(
      'SELECT quote_ident($1) AS pending, quote_ident($2) AS current',
      [pending.username, current.username],
    );
    const exists = await c.query('SELECT 1 FROM pg_roles where rolname = $1', [
      pending.username,
    ]);
    if (exists.rowCount === 0) {
      await c.query(
        `CREATE ROLE ${rows[0].pending} WITH LOGIN PASSWORD ${c.escapeLiteral(
          pending.password,
        )}`,
      );
      await c.query(`GRANT ${rows[0].current} TO ${rows[0].pending}`);
    } else {
      await setPassword(c, pending.username, pending.password);
    }
    await c.query('COMMIT');
  });
  ctx.log(
    `setSecret: Successfully set password for ${pending.username} in PostgreSQL DB for secret arn ${ctx.arn}.`,
  );
}
