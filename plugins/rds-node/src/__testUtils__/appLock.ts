import type { RdsEnvironment } from '../config/types';
import { LOCK_NAMESPACE } from '../locking/advisoryLock';
import { asSuper, type TestTarget } from './targets';

/** The key the engine takes an app's advisory lock under (see acquireAppLock). */
export function appLockKey(environment: RdsEnvironment, app: string): string {
  return `${environment.instance.name}/${app}_${environment.name}`;
}

/** The pid of the admin session holding the app's advisory lock: the backend serving the run. */
export async function appLockHolder(
  target: TestTarget,
  environment: RdsEnvironment,
  app: string,
): Promise<number> {
  const rows = await asSuper<{ pid: number }>(
    target,
    `SELECT pid FROM pg_locks
     WHERE locktype = 'advisory' AND classid::int = $1 AND objid::int = hashtext($2) AND objsubid = 2 AND granted`,
    [LOCK_NAMESPACE, appLockKey(environment, app)],
  );
  expect(rows).toHaveLength(1);
  return rows[0].pid;
}
