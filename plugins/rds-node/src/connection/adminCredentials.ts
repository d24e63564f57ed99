import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AdminCredentials, RdsInstanceConfig } from '../config/types';
import { iamTokenProvider } from './iamAuth';

/** Resolved admin login. */
export interface AdminLogin {
  user: string;
  password: string;
  /** ARN of the admin secret, recorded as `masterarn` in app secrets for rotation functions. */
  secretArn?: string;
  /**
   * IAM admin: signs a fresh token per call; `password` is empty. Pass it as node-postgres'
   * `password` (called per connection); one-off tools (pg_dump) take `await token()`.
   */
  token?: () => Promise<string>;
}

/**
 * The admin's user and password for one connection of a one-off tool (pg_dump): a freshly signed
 * token for an IAM admin (whose `password` is empty), else the password.
 */
export async function oneConnectionLogin(
  login: AdminLogin,
): Promise<{ user: string; password: string }> {
  const password = login.token ? await login.token() : login.password;
  return { user: login.user, password };
}

/**
 * Resolves the delegated admin's credentials: plain config (dev), or a Secrets Manager secret
 * in the RDS master-user shape `{ "username": ..., "password": ... }`.
 */
export async function resolveAdminLogin(
  admin: AdminCredentials,
  secretsManager: SecretsManagerClient,
  instance?: Pick<RdsInstanceConfig, 'host' | 'port'>,
): Promise<AdminLogin> {
  if ('iam' in admin) {
    if (!instance)
      throw new Error('an IAM admin needs the instance it signs for');
    const { user, region } = admin.iam;
    return {
      user,
      password: '',
      token: iamTokenProvider({
        host: instance.host,
        port: instance.port,
        user,
        region,
      }),
    };
  }
  if ('secretId' in admin) {
    const out = await secretsManager.send(
      new GetSecretValueCommand({ SecretId: admin.secretId }),
    );
    let parsed: { username?: unknown; password?: unknown } = {};
    try {
      parsed = JSON.parse(out.SecretString ?? '');
    } catch {
      // handled below without quoting the secret
    }
    if (
      typeof parsed.username !== 'string' ||
      typeof parsed.password !== 'string'
    ) {
      throw new Error(
        `admin secret ${admin.secretId} must be JSON with string "username" and "password" fields`,
      );
    }
    return {
      user: parsed.username,
      password: parsed.password,
      secretArn: out.ARN,
    };
  }
  return { user: admin.user, password: admin.password };
}
