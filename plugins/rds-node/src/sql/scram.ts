import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** Iterations Postgres uses by default (`scram_iterations`). */
const DEFAULT_ITERATIONS = 4096;

/**
 * Computes a SCRAM-SHA-256 verifier the way Postgres stores it in `pg_authid.rolpassword`:
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Sending the verifier instead of
 * the password means the plaintext never reaches the server, its logs or pg_stat_statements.
 *
 * The generated passwords are ASCII, so SASLprep leaves them unchanged and is not applied.
 */
export function scramSha256Verifier(
  password: string,
  options: { salt?: Buffer; iterations?: number } = {},
): string {
  const salt = options.salt ?? randomBytes(16);
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString(
    'base64',
  )}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
