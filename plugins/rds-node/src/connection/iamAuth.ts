import { Signer } from '@aws-sdk/rds-signer';
import type { RdsInstanceConfig } from '../config/types';

/** How long RDS accepts an IAM authentication token after it is signed. */
export const IAM_TOKEN_LIFETIME_MS = 15 * 60_000;

/**
 * Options for {@link iamTokenProvider}.
 *
 * @public
 */
export interface IamTokenOptions {
  /** The instance endpoint the token is for (it is part of what is signed). */
  host: string;
  /** The instance's port (also signed). */
  port: number;
  /** The database user, which holds `rds_iam` and is allowed `rds-db:connect` by IAM. */
  user: string;
  /** The instance's AWS region. */
  region: string;
  /** AWS credentials; the SDK's default provider chain when absent. */
  credentials?: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  };
}

/**
 * A function that signs a fresh RDS IAM authentication token on every call (SigV4
 * presigning, local; no network): node-postgres calls it for every new connection, so a
 * pool or a long run never presents an expired one.
 *
 * @public
 */
export function iamTokenProvider(
  options: IamTokenOptions,
): () => Promise<string> {
  const signer = new Signer({
    hostname: options.host,
    port: options.port,
    username: options.user,
    region: options.region,
    credentials: options.credentials,
  });
  return () => signer.getAuthToken();
}

/**
 * Problems with an IAM admin: RDS only accepts IAM tokens over TLS, and the token is a
 * bearer credential for 15 minutes, so the connection must verify the server (verify-full
 * with a CA bundle), even on this machine.
 */
export function iamAdminProblems(instance: RdsInstanceConfig): string[] {
  const admin = instance.admin;
  if (!('iam' in admin)) return [];
  const problems: string[] = [];
  if (!admin.iam.user || !admin.iam.region) {
    problems.push(
      `instance ${instance.name}: admin.iam needs user (the database user that holds rds_iam) and region`,
    );
  }
  if (instance.ssl?.mode !== 'verify-full' || !instance.ssl.ca) {
    problems.push(
      `instance ${instance.name}: the admin logs in with IAM tokens, which RDS only accepts over TLS and which ` +
        `must not reach an unverified server: set ssl.mode verify-full and ssl.ca (got ${
          instance.ssl?.mode ?? 'no ssl.mode'
        }${instance.ssl?.ca ? '' : ', no ssl.ca'})`,
    );
  }
  return problems;
}
