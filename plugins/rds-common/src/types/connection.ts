/**
 * Secrets Manager rotation of an app's credentials secret, as the status reads it.
 *
 * @public
 */
export interface SecretRotationStatus {
  /** Rotation is on for the secret (Secrets Manager's RotationEnabled). */
  enabled: boolean;
  /** The environment's strategy; absent when the environment does not rotate. */
  strategy?: 'single-user' | 'alternating-users';
  /** Days between rotations, as the secret is configured. */
  scheduleDays?: number;
  /** When the secret was last rotated (ISO 8601). */
  lastRotatedAt?: string;
  /** When Secrets Manager rotates it next (ISO 8601). */
  nextRotationAt?: string;
  /** The login the current credentials are for: the login role, or its `_clone`. */
  currentUser?: string;
  /** A rotation is under way (a version is AWSPENDING). */
  inProgress?: boolean;
}

/**
 * How an application reaches its database and reads its credentials: what the
 * secret holds besides the password, and where Secrets Manager is. No
 * credential of any kind.
 *
 * @public
 */
export interface ConnectionDetails {
  /** The instance's host name. */
  host: string;
  /** The instance's port. */
  port: number;
  /** The app's database. */
  database: string;
  /** The login role, the secret's `username`. */
  user: string;
  /** The secret holding the credentials. */
  secretName: string;
  /** Set once the secret exists. */
  secretArn?: string;
  /** The Secrets Manager region (`rds.secretsManager.region`). */
  region: string;
  /**
   * The Secrets Manager endpoint when one is configured
   * (`rds.secretsManager.endpoint`, e.g. the local one); absent when the AWS
   * SDK uses AWS's own.
   */
  secretsManagerEndpoint?: string;
  /**
   * The TLS mode the instance is configured with (`rds.environments.<env>.instance.ssl.mode`),
   * for the connection snippets; set on the statuses of the Database tab.
   */
  sslMode?: 'disable' | 'require' | 'verify-full';
}
