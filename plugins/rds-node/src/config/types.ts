import type { DecommissionConfig } from '../decommission/config';

/**
 * How the engine reaches the admin role of an instance.
 *
 * @public
 */
export type AdminCredentials =
  /** Plain credentials, for the embedded dev instance only. */
  | { user: string; password: string }
  /**
   * A Secrets Manager secret (name or ARN) holding `{ "username", "password" }`, like the
   * secret RDS keeps for its master user.
   */
  | { secretId: string }
  /**
   * RDS IAM database authentication: a token signed per connection for this database user
   * (which holds `rds_iam`), with the AWS credentials of the process. No stored password;
   * needs TLS verify-full.
   */
  | { iam: { user: string; region: string } };

/**
 * The TLS modes of an instance connection, weakest first.
 *
 * @public
 */
export const SSL_MODES = ['disable', 'require', 'verify-full'] as const;

/**
 * One of {@link SSL_MODES}.
 *
 * @public
 */
export type SslMode = (typeof SSL_MODES)[number];

/**
 * TLS to the instance. `verify-full` checks the certificate chain against `ca` and the host name.
 *
 * @public
 */
export interface SslConfig {
  /** How the server's certificate is checked; anything but `verify-full` on loopback hosts only. */
  mode: SslMode;
  /** PEM CA bundle (contents, not a path), e.g. the RDS global bundle. */
  ca?: string;
}

/**
 * The Postgres (RDS) instance an environment provisions on.
 *
 * @public
 */
export interface RdsInstanceConfig {
  /** A short name used in plans, audit records and lock keys. */
  name: string;
  /** Host name of the instance endpoint, e.g. `main.abc123.eu-west-1.rds.amazonaws.com`. */
  host: string;
  /** Port of the instance endpoint, usually 5432. */
  port: number;
  /** Database the admin connects to for cluster-wide work; defaults to `postgres`. */
  adminDatabase?: string;
  /**
   * The NOLOGIN role whose membership marks the roles the platform created (see
   * docs/security.md); one per platform admin. Default `backstage_rds_managed`.
   */
  provenanceRole?: string;
  /** How the engine logs in as the instance's admin (the RDS master user or a delegated admin). */
  admin: AdminCredentials;
  /** TLS to the instance. When absent: `verify-full` (which needs `ca`) away from loopback, none on loopback. */
  ssl?: SslConfig;
  /** Client-side bounds on the instance's sessions; see {@link RdsInstanceTimeouts}. */
  timeouts?: RdsInstanceTimeouts;
}

/**
 * How long the engine waits for the instance before a run fails, in milliseconds (whole,
 * positive). They bound a run whose server or network stops answering. Lock waits have their
 * own bound, the provisioner's `lockTimeoutMs`.
 *
 * @public
 */
export interface RdsInstanceTimeouts {
  /**
   * Opening a session (TCP, TLS, authentication) or waiting for a free pooled one. A run whose
   * connect times out is retried like other connection errors (up to `maxAttempts`). Default 15 s.
   */
  connectMs?: number;
  /**
   * One statement: its `statement_timeout` on the server, and the time the client waits for its
   * answer before it closes the session and fails the run (not retried). While a session holds
   * an app's lock, the server also ends it when idle for longer than this (or than
   * `lockTimeoutMs`), so a run whose client gave up cannot keep the lock. Default 120 s.
   */
  queryMs?: number;
}

/**
 * Where and how app credentials are stored.
 *
 * @public
 */
export interface SecretsConfig {
  /** Secret name with `{env}`, `{app}`, `{database}`, `{role}` placeholders, e.g. `rds/{env}/{app}`. */
  namePattern: string;
  /** KMS key (id, ARN or alias) the secrets are encrypted with; the account's default key when absent. */
  kmsKeyId?: string;
  /** Extra tags on every secret of the environment. */
  tags?: Record<string, string>;
  /** Secrets Manager rotation of the app secrets; none when absent. */
  rotation?: SecretRotationConfig;
}

/**
 * How app secrets are rotated: RDS's PostgreSQL rotation functions, single-user (the login's
 * password changes) or alternating users (the function alternates between the login and its
 * `<login>_clone`, so the previous credentials keep working until the next rotation).
 *
 * @public
 */
export type RotationStrategy = 'single-user' | 'alternating-users';

/**
 * Secrets Manager rotation of an environment's app secrets (see docs/configuration.md).
 *
 * @public
 */
export interface SecretRotationConfig {
  /** Provisioning turns rotation on for each app secret (`RotateSecret`). */
  enabled: boolean;
  /** ARN of the rotation Lambda (SecretsManagerRDSPostgreSQLRotationSingleUser or ...MultiUser). */
  lambdaArn: string;
  /** Days between rotations. Default 30. */
  scheduleDays?: number;
  /** Which rotation function `lambdaArn` is. */
  strategy: RotationStrategy;
  /**
   * Alternating users: the secret (ARN) the function logs in with to create the clone and set
   * passwords, written as the app secrets' `masterarn`. Default: the admin secret (`admin.secretId`).
   */
  masterSecretArn?: string;
}

/**
 * One environment (dev, staging, prod): its instance, its secret store rules, its approval rule.
 *
 * @public
 */
export interface RdsEnvironment {
  /** The environment's name, e.g. `prod`: part of every derived name and secret name. */
  name: string;
  /** Runs that change something need explicit approval (`apply(..., { approved: true })`). */
  requiresApproval: boolean;
  /** The instance the environment's databases live on. */
  instance: RdsInstanceConfig;
  /** Where the environment's app credentials are stored. */
  secrets: SecretsConfig;
  /** How its databases are decommissioned; `retain` only when absent. */
  decommission?: DecommissionConfig;
}
