import { getConnection, using } from './connect';
import { getSecretDict, isNotFound, type RotationSecret } from './secretDict';
import { currentAndPending, setPassword, type StepContext } from './steps';

/**
 * setSecret of SecretsManagerRDSPostgreSQLRotationSingleUser: unless AWSPENDING already logs
 * in, log in as the user itself (AWSCURRENT, else AWSPREVIOUS) and set its password to
 * AWSPENDING's. Refuses to change another user or host than the current one.
 */
export async function setSecretSingleUser(ctx: StepContext): Promise<void> {
  let previous: RotationSecret | undefined;
  try {
    previous = await getSecretDict(ctx.client, ctx.arn, 'AWSPREVIOUS');
  } catch (error) {
    if (!isNotFound(error) && !/key is missing/.test(String(error)))
      throw error;
  }
  const { current, pending, done } = await currentAndPending(ctx);
  if (done) return;
  if (current.username !== pending.username) {
    throw new Error(
      `Attempting to modify user ${pending.username} other than current user ${current.username}`,
    );
  }
  if (current.host !== pending.host) {
    throw new Error(
      `Attempting to modify user for host ${pending.host} other than current host ${current.host}`,
    );
  }
  let conn = await getConnection(current, ctx.connect);
  if (!conn && previous) {
    const { ssl: _ignored, ...rest } = previous;
    const withSsl: RotationSecret =
      current.ssl !== undefined ? { ...rest, ssl: current.ssl } : rest;
    conn = await getConnection(withSsl, ctx.connect);
    if (previous.username !== pending.username) {
      await conn?.end().catch(() => {});
      throw new Error(
        `Attempting to modify user ${pending.username} other than previous valid user ${previous.username}`,
      );
    }
    if (previous.host !== pending.host) {
      await conn?.end().catch(() => {});
      throw new Error(
        `Attempting to modify user for host ${pending.host} other than previous valid host ${previous.host}`,
      );
    }
  }
  if (!conn) {
    throw new Error(
      `Unable to log into database with previous, current, or pending secret of secret arn ${ctx.arn}`,
    );
  }
  await using(conn, c => setPassword(c, pending.username, pending.password));
  ctx.log(
    `setSecret: Successfully set password for user ${pending.username} in PostgreSQL DB for secret arn ${ctx.arn}.`,
  );
}
