import type { DatabaseStatus } from './types';

/**
 * The status of an app's database when its instance could not be read: the live
 * fields are empty and `error` says why; callers add what the audit log knows.
 *
 * @public
 */
export function unreadableStatus(
  where: Pick<DatabaseStatus, 'environment' | 'instance' | 'appName'>,
  reason: string,
): DatabaseStatus {
  return {
    ...where,
    database: '',
    role: '',
    exists: false,
    secretName: '',
    secretPresent: false,
    drift: [],
    error: `Could not read the status from instance ${where.instance}: ${reason}`,
  };
}
