import { readFileSync } from 'node:fs';
import type { RdsEnvironment } from '../config/types';
import { isSslMode } from '../connection/ssl';
import { isTimeoutMs, MAX_TIMEOUT_MS } from '../connection/timeouts';
import type { SecretsManagerClientOptions } from '../secrets/client';

/** Thrown when the CLI's environment variables are incomplete. */
export class CliConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliConfigError';
  }
}

/**
 * The CLI's environment, from variables (the CI way). See the README's table:
 * RDS_ADMIN_URL (dev) or RDS_HOST/RDS_PORT with RDS_ADMIN_SECRET_ID (or RDS_ADMIN_USER and
 * RDS_ADMIN_PASSWORD), RDS_SSL_MODE, RDS_SSL_CA_FILE, RDS_SECRET_NAME_PATTERN,
 * RDS_CONNECT_TIMEOUT_MS, RDS_QUERY_TIMEOUT_MS, ...
 */
export function environmentFromEnv(
  envName: string,
  vars: NodeJS.ProcessEnv,
): { environment: RdsEnvironment; secrets: SecretsManagerClientOptions } {
  let host = vars.RDS_HOST;
  let port = vars.RDS_PORT ? Number(vars.RDS_PORT) : 5432;
  let adminDatabase = vars.RDS_ADMIN_DATABASE;
  let admin: RdsEnvironment['instance']['admin'] | undefined;
  if (vars.RDS_ADMIN_URL) {
    const url = new URL(vars.RDS_ADMIN_URL);
    host ??= url.hostname;
    port = vars.RDS_PORT ? port : Number(url.port || 5432);
    adminDatabase ??= url.pathname.replace(/^\//, '') || undefined;
    admin = {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  }
  if (vars.RDS_ADMIN_SECRET_ID) admin = { secretId: vars.RDS_ADMIN_SECRET_ID };
  else if (vars.RDS_ADMIN_USER && vars.RDS_ADMIN_PASSWORD) {
    admin = { user: vars.RDS_ADMIN_USER, password: vars.RDS_ADMIN_PASSWORD };
  }
  if (!host)
    throw new CliConfigError(
      'set RDS_HOST (or RDS_ADMIN_URL for a local instance)',
    );
  if (!Number.isInteger(port) || port <= 0)
    throw new CliConfigError(
      `RDS_PORT ${JSON.stringify(vars.RDS_PORT)} is not a port`,
    );
  if (!admin) {
    throw new CliConfigError(
      'set RDS_ADMIN_SECRET_ID (the admin secret in Secrets Manager), or RDS_ADMIN_USER and RDS_ADMIN_PASSWORD for dev',
    );
  }
  const mode = vars.RDS_SSL_MODE || undefined;
  if (mode !== undefined && !isSslMode(mode)) {
    throw new CliConfigError(
      `RDS_SSL_MODE must be disable, require or verify-full, not ${mode}`,
    );
  }
  const ca = vars.RDS_SSL_CA_FILE
    ? readFileSync(vars.RDS_SSL_CA_FILE, 'utf8')
    : undefined;
  const timeouts = {
    connectMs: timeoutVar(vars, 'RDS_CONNECT_TIMEOUT_MS'),
    queryMs: timeoutVar(vars, 'RDS_QUERY_TIMEOUT_MS'),
  };
  const region = vars.AWS_REGION ?? vars.AWS_DEFAULT_REGION;
  if (!region) throw new CliConfigError('set AWS_REGION for Secrets Manager');
  return {
    environment: {
      name: envName,
      requiresApproval: vars.RDS_REQUIRES_APPROVAL
        ? vars.RDS_REQUIRES_APPROVAL === 'true'
        : envName !== 'dev',
      instance: {
        name: vars.RDS_INSTANCE_NAME ?? host,
        host,
        port,
        adminDatabase,
        admin,
        ssl: mode || ca ? { mode: mode ?? 'verify-full', ca } : undefined,
        timeouts,
      },
      secrets: {
        namePattern: vars.RDS_SECRET_NAME_PATTERN ?? 'rds/{env}/{app}',
        kmsKeyId: vars.RDS_SECRET_KMS_KEY_ID,
      },
    },
    secrets: {
      region,
      endpoint:
        vars.RDS_SECRETS_ENDPOINT ?? vars.AWS_ENDPOINT_URL_SECRETS_MANAGER,
    },
  };
}

/** An optional timeout variable in milliseconds; unset leaves the engine's default. */
function timeoutVar(vars: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = vars[name];
  if (!raw) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !isTimeoutMs(value)) {
    throw new CliConfigError(
      `${name} must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, not ${JSON.stringify(
        raw,
      )}`,
    );
  }
  return value;
}
