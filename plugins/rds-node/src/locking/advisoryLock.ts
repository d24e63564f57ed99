import type { PoolClient } from 'pg';
import { BoundedClient } from '../connection/timeouts';
import { rollbackOnFailure } from '../connection/transaction';
import { quoteLiteral } from '../sql/quote';

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

/** The settings that make Postgres end an idle session (the first from Postgres 14). */
const IDLE_SETTINGS = `('idle_session_timeout', 'idle_in_transaction_session_timeout')`;

/** What one app's lock covers: its objects (`base`, see deriveNames) on one instance. */
export interface AppLockScope {
  instanceName: string;
  base: string;
}

/**
 * The key of an app's lock. Provisioning and decommission take the same one, so no two runs
 * of either kind change one app's objects on one instance at once.
 */
export function appLockKey(app: AppLockScope): string {
  return `${app.instanceName}/${app.base}`;
}

/**
 * Takes a session-level advisory lock for one app on one instance, on the given admin
 * session. It serializes runs across processes and replicas, and Postgres releases it by
 * itself when the session ends (a crashed run cannot leave it held).
 *
 * A run whose client gave up (a stalled network, see BoundedClient) may leave its session
 * open on the server, idle and holding the lock. So while the lock is held the session
 * gets idle timeouts: the server ends it once it has been silent for longer than
 * max(queryMs, lockTimeoutMs). Its client gave up queryMs after its last statement was
 * sent, so such a session is gone before a run started after that failure stops waiting.
 */
export async function acquireAppLock(
  session: PoolClient,
  app: AppLockScope,
  timeoutMs: number,
): Promise<() => Promise<void>> {
  const key = appLockKey(app);
  const bounded = session instanceof BoundedClient ? session : undefined;
  const idleMs = Math.max(bounded?.bounds.queryMs ?? 0, timeoutMs);
  // One round trip. lock_timeout (set when the pool connects) bounds the wait;
  // statement_timeout (queryMs) is lifted for it so a longer lock wait is not cut short,
  // and the client's bound is the lock wait plus queryMs. Missing settings (Postgres 13 has
  // no idle_session_timeout) have no pg_settings row and are skipped.
  const lock = [
    'BEGIN',
    'SET LOCAL statement_timeout = 0',
    `SELECT pg_advisory_lock(${LOCK_NAMESPACE}, hashtext(${quoteLiteral(key)})),
       (SELECT count(set_config(name, '${idleMs}', false)) FROM pg_settings WHERE name IN ${IDLE_SETTINGS})`,
    'COMMIT',
  ].join(';\n');
  try {
    await rollbackOnFailure(session, () =>
      bounded
        ? bounded.queryAllowingWait(timeoutMs, 'lockTimeoutMs', lock)
        : session.query(lock),
    );
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new LockTimeoutError(key, timeoutMs);
    }
    throw error;
  }
  return async () => {
    await session.query(
      `SELECT pg_advisory_unlock($1, hashtext($2)),
         (SELECT count(set_config(name, reset_val, false)) FROM pg_settings WHERE name IN ${IDLE_SETTINGS})`,
      [LOCK_NAMESPACE, key],
    );
  };
}
