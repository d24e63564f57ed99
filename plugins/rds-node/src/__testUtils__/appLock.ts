import { deriveNames } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import { appLockKey, LOCK_NAMESPACE } from '../locking/advisoryLock';
import { asSuper, type TestTarget } from './targets';

/** The key the engine takes an app's advisory lock under, for a test's environment. */
export function lockKeyOf(environment: RdsEnvironment, app: string): string {
  return appLockKey({
    instanceName: environment.instance.name,
    base: deriveNames(app, environment.name).base,
  });
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
    [LOCK_NAMESPACE, lockKeyOf(environment, app)],
  );
  expect(rows).toHaveLength(1);
  return rows[0].pid;
}
