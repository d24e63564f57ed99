import { Config } from '@backstage/config';
import {
  DECOMMISSION_POLICIES,
  type DecommissionPolicy,
} from '@rds-self-service/plugin-rds-common';
import type {
  DecommissionConfig,
  DumpDestination,
} from '@rds-self-service/plugin-rds-node';

/**
 * Reads `rds.environments.<name>.decommission`. Without it an environment only retains.
 * Decommissioning needs approval outside dev environments, whatever `requiresApproval` says
 * for provisioning, unless `decommission.requiresApproval` says otherwise.
 */
export function readDecommission(
  key: string,
  env: Config,
  flags: { dev: boolean; requiresApproval: boolean },
  problems: string[],
): DecommissionConfig {
  const config = env.getOptionalConfig('decommission');
  const k = `${key}.decommission`;
  const policy = config?.getOptionalString('policy') ?? 'retain';
  if (!(DECOMMISSION_POLICIES as readonly string[]).includes(policy)) {
    problems.push(
      `${k}.policy must be one of ${DECOMMISSION_POLICIES.join(
        ', ',
      )}, got '${policy}'`,
    );
  }
  const days = config?.getOptionalNumber('secretRecoveryDays');
  if (
    days !== undefined &&
    !(Number.isInteger(days) && days >= 7 && days <= 30)
  ) {
    problems.push(
      `${k}.secretRecoveryDays must be a whole number of days from 7 to 30 (Secrets Manager's recovery window), got ${days}`,
    );
  }
  const timeout = config?.getOptionalNumber('dumpTimeoutMs');
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
    problems.push(`${k}.dumpTimeoutMs must be a whole number of milliseconds`);
  }
  const destination = readDestination(k, config, problems);
  if (policy === 'snapshot-and-delete' && !destination) {
    problems.push(
      `${k}.destination is required for policy snapshot-and-delete: a folder (destination.folder) or an S3 bucket (destination.s3.bucket)`,
    );
  }
  return {
    policy: policy as DecommissionPolicy,
    requiresApproval:
      config?.getOptionalBoolean('requiresApproval') ??
      (flags.requiresApproval || !flags.dev),
    destination,
    pgDumpPath: config?.getOptionalString('pgDumpPath'),
    pgRestorePath: config?.getOptionalString('pgRestorePath'),
    dumpTimeoutMs: timeout,
    secretRecoveryDays: days,
  };
}

function readDestination(
  k: string,
  config: Config | undefined,
  problems: string[],
): DumpDestination | undefined {
  const dest = config?.getOptionalConfig('destination');
  if (!dest) return undefined;
  const folder = dest.getOptionalString('folder');
  const s3 = dest.getOptionalConfig('s3');
  if (folder && s3) {
    problems.push(`${k}.destination: set either folder or s3, not both`);
  }
  if (folder) return { type: 'folder', path: folder };
  if (s3) {
    return {
      type: 's3',
      bucket: s3.getString('bucket'),
      prefix: s3.getOptionalString('prefix'),
      region: s3.getOptionalString('region'),
      endpoint: s3.getOptionalString('endpoint'),
      kmsKeyId: s3.getOptionalString('kmsKeyId'),
    };
  }
  problems.push(`${k}.destination needs folder or s3.bucket`);
  return undefined;
}
