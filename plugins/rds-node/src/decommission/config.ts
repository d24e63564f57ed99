import type { DecommissionPolicy } from '@rds-self-service/plugin-rds-common';

/**
 * Where `snapshot-and-delete` puts its dumps: a folder on the backend's disk (the embedded
 * setup) or an S3 bucket (through `@aws-sdk/client-s3`).
 *
 * @public
 */
export type DumpDestination =
  | {
      /** A folder; dumps go to `<path>/<env>/<database>-<time>.dump`. */
      type: 'folder';
      path: string;
    }
  | {
      /** An S3 bucket; dumps go to `s3://<bucket>/<prefix><env>/<database>-<time>.dump`. */
      type: 's3';
      bucket: string;
      /** Key prefix, e.g. `rds-dumps/`. */
      prefix?: string;
      /** The bucket's region; the Secrets Manager region when absent. */
      region?: string;
      /** A custom endpoint (an S3-compatible server in tests); path-style addressing then. */
      endpoint?: string;
      /** KMS key for server-side encryption (`aws:kms`); `AES256` when absent. */
      kmsKeyId?: string;
    };

/**
 * How an environment's databases are decommissioned.
 *
 * @public
 */
export interface DecommissionConfig {
  /** The most destructive policy a request may ask for, and the default. Default `retain`. */
  policy: DecommissionPolicy;
  /** Whether a real decommission needs approval. Default: the environment's `requiresApproval`. */
  requiresApproval?: boolean;
  /** Where dumps go; required for `snapshot-and-delete`. */
  destination?: DumpDestination;
  /** The `pg_dump` binary; its major version must be at least the server's. Default `pg_dump` (PATH). */
  pgDumpPath?: string;
  /** The `pg_restore` binary that verifies dumps. Default: next to `pgDumpPath`. */
  pgRestorePath?: string;
  /** Bound of one dump in ms. Default 30 min. */
  dumpTimeoutMs?: number;
  /** Recovery window of deleted secrets, 7 to 30 days. Default 30. */
  secretRecoveryDays?: number;
}

/** Defaults of {@link DecommissionConfig}. */
export const DEFAULT_SECRET_RECOVERY_DAYS = 30;
export const DEFAULT_DUMP_TIMEOUT_MS = 30 * 60_000;

/** The environment's decommission settings with their defaults. */
export function resolveDecommissionConfig(
  config: DecommissionConfig | undefined,
  requiresApproval: boolean,
): Required<
  Pick<
    DecommissionConfig,
    | 'policy'
    | 'requiresApproval'
    | 'pgDumpPath'
    | 'dumpTimeoutMs'
    | 'secretRecoveryDays'
  >
> &
  Pick<DecommissionConfig, 'destination' | 'pgRestorePath'> {
  return {
    policy: config?.policy ?? 'retain',
    requiresApproval: config?.requiresApproval ?? requiresApproval,
    pgDumpPath: config?.pgDumpPath ?? 'pg_dump',
    pgRestorePath: config?.pgRestorePath,
    dumpTimeoutMs: config?.dumpTimeoutMs ?? DEFAULT_DUMP_TIMEOUT_MS,
    secretRecoveryDays:
      config?.secretRecoveryDays ?? DEFAULT_SECRET_RECOVERY_DAYS,
    destination: config?.destination,
  };
}
