import type { AccessLevel } from '@rds-self-service/plugin-rds-common';

/** What a run or an approval request is about: where, which names, which access level. */
export interface RunTarget {
  environment: string;
  instance: string;
  database: string;
  role: string;
  accessLevel: AccessLevel;
}

/**
 * The columns of a row (rds_runs, rds_approval_requests) that say what it is
 * about, from a record's fields.
 */
export function targetColumns(target: RunTarget) {
  return {
    environment: target.environment,
    instance: target.instance,
    database: target.database,
    role: target.role,
    access_level: target.accessLevel,
  };
}
