import type { PoolClient } from 'pg';

/**
 * First key of the two-key advisory lock space, so the engine's locks cannot collide with
 * single-bigint advisory locks other tools take on the same instance ("RDS" + 1).
 */
export const LOCK_NAMESPACE = 0x52445301 | 0;

/** Raised when the lock is not granted within the timeout. */
export class LockTimeoutError extends Error {
  constructor(key: string, timeoutMs: number) {
    super(
      `another provisioning run for ${key} held the lock for more than ${
        timeoutMs / 1000
      } s; try again later`,
    );
    this.name = 'LockTimeoutError';
  }
}

/**
 * Takes a session-level advisory lock for one app on one instance, on the given admin
 * session. It serializes runs across processes and replicas, and Postgres releases it by
 * itself when the session ends (a crashed run cannot leave it held).
 */
export async function acquireAppLock(
  session: PoolClient,
  key: string,
  timeoutMs: number,
): Promise<() => Promise<void>> {
  try {
    // The session's lock_timeout (set when the pool connects) bounds the wait.
    await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      key,
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new LockTimeoutError(key, timeoutMs);
    }
    throw error;
  }
  return async () => {
    await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
      LOCK_NAMESPACE,
      key,
    ]);
  };
}
