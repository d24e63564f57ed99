import {
  DECOMMISSION_POLICIES,
  type DecommissionPolicy,
} from '@rds-self-service/plugin-rds-common';
import type { DecommissionConfig } from '../decommission/config';
import { CliConfigError } from './environmentFromEnv';

/**
 * The environment's decommission settings from variables, the backend's keys under
 * `rds.environments.<env>.decommission`: RDS_CLEANUP_POLICY (the PRD's name: retain, delete or
 * snapshot-and-delete; default retain), RDS_DUMP_DIR or RDS_DUMP_S3_BUCKET (+ _PREFIX,
 * _REGION, _ENDPOINT, _KMS_KEY_ID), RDS_PG_DUMP, RDS_SECRET_RECOVERY_DAYS.
 */
export function decommissionFromEnv(
  vars: NodeJS.ProcessEnv,
  requiresApproval: boolean,
): DecommissionConfig {
  const policy = vars.RDS_CLEANUP_POLICY ?? 'retain';
  if (!(DECOMMISSION_POLICIES as readonly string[]).includes(policy)) {
    throw new CliConfigError(
      `RDS_CLEANUP_POLICY must be one of ${DECOMMISSION_POLICIES.join(
        ', ',
      )}, not ${JSON.stringify(policy)}`,
    );
  }
  const days = vars.RDS_SECRET_RECOVERY_DAYS
    ? Number(vars.RDS_SECRET_RECOVERY_DAYS)
    : undefined;
  if (
    days !== undefined &&
    !(Number.isInteger(days) && days >= 7 && days <= 30)
  ) {
    throw new CliConfigError(
      'RDS_SECRET_RECOVERY_DAYS must be a whole number of days from 7 to 30',
    );
  }
  const bucket = vars.RDS_DUMP_S3_BUCKET;
  let destination: DecommissionConfig['destination'];
  if (vars.RDS_DUMP_DIR)
    destination = { type: 'folder', path: vars.RDS_DUMP_DIR };
  else if (bucket) {
    destination = {
      type: 's3',
      bucket,
      prefix: vars.RDS_DUMP_S3_PREFIX,
      region: vars.RDS_DUMP_S3_REGION,
      endpoint: vars.RDS_DUMP_S3_ENDPOINT,
      kmsKeyId: vars.RDS_DUMP_S3_KMS_KEY_ID,
    };
  }
  return {
    policy: policy as DecommissionPolicy,
    requiresApproval,
    destination,
    pgDumpPath: vars.RDS_PG_DUMP,
    secretRecoveryDays: days,
  };
}

/** `--help` of the decommission mode. */
export const DECOMMISSION_USAGE = `Usage: rds-provision --env <name> --decommission <app> [--decommission <app> ...]
                     [--policy retain|snapshot-and-delete|delete] [--dry-run]

Decommissions each named app's database (an app that only disappears from application_databases is never
touched). Preflight first: the database and every role must be the platform's; open sessions, prepared
transactions, replication slots and subscriptions are reported (the last three block a delete).
  retain               logins disabled and their sessions ended; data and secret kept (provisioning again
                       brings it back)
  snapshot-and-delete  pg_dump (custom format) to RDS_DUMP_DIR or s3://RDS_DUMP_S3_BUCKET/RDS_DUMP_S3_PREFIX,
                       verified readable, then delete; RDS_PG_DUMP must be of the server's major version or newer
  delete               drop the database and roles, delete the secret with a recovery window
                       (RDS_SECRET_RECOVERY_DAYS, 7-30, default 30)
RDS_CLEANUP_POLICY is the most destructive policy allowed and the default (default retain); --policy narrows it.
Where approval is required (RDS_REQUIRES_APPROVAL, default true outside dev), ALLOW_DB_PROVISION=true is
needed to change anything. The instance and secrets variables are those of provisioning (--help).
Exit status: 0 done or nothing to do; 2 something blocked; 1 a failure or invalid input.`;
