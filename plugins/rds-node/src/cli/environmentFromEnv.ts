import { readFileSync } from 'node:fs';
import { environmentFlags } from '../config/flags';
import type { RdsEnvironment, SslMode } from '../config/types';
import {
  environmentSslProblems,
  isLoopbackHost,
  isSslMode,
} from '../connection/ssl';
import { isTimeoutMs, MAX_TIMEOUT_MS } from '../connection/timeouts';
import type { SecretsManagerClientOptions } from '../secrets/client';

/** Thrown when the CLI's environment variables are incomplete. */
export class CliConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliConfigError';
  }
}

/** The variables that name the admin's credentials in other ways than IAM. */
const ADMIN_VARS = [
  'RDS_ADMIN_URL',
  'RDS_ADMIN_SECRET_ID',
  'RDS_ADMIN_USER',
  'RDS_ADMIN_PASSWORD',
];

/** Static credentials the CLI signs with for a Secrets Manager endpoint on this machine. */
export const LOCAL_ENDPOINT_CREDENTIALS = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
};

/**
 * The CLI's environment, from variables (the CI way). See the README's table:
 * RDS_ADMIN_URL (dev) or RDS_HOST/RDS_PORT with RDS_ADMIN_SECRET_ID, RDS_ADMIN_IAM_USER (and
 * RDS_ADMIN_IAM_REGION, default AWS_REGION) or RDS_ADMIN_USER and RDS_ADMIN_PASSWORD, RDS_DEV, RDS_SSL_MODE, RDS_SSL_CA_FILE, RDS_SECRET_NAME_PATTERN,
 * RDS_CONNECT_TIMEOUT_MS, RDS_QUERY_TIMEOUT_MS, ...
 *
 * The flags' defaults and the TLS rule are the backend's (environmentFlags,
 * environmentSslProblems): a setup the backend refuses is refused here too.
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
  const region = vars.AWS_REGION ?? vars.AWS_DEFAULT_REGION;
  if (vars.RDS_ADMIN_IAM_USER) {
    const others = ADMIN_VARS.filter(name => vars[name]);
    if (others.length) {
      throw new CliConfigError(
        `RDS_ADMIN_IAM_USER is set, and so ${
          others.length > 1 ? 'are' : 'is'
        } ${others.join(
          ', ',
        )}: the admin logs in one way, so set only one of them`,
      );
    }
    // RDS IAM authentication: a token per connection, signed in the instance's region.
    admin = {
      iam: {
        user: vars.RDS_ADMIN_IAM_USER,
        region: vars.RDS_ADMIN_IAM_REGION ?? region ?? '',
      },
    };
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
      'set RDS_ADMIN_SECRET_ID (the admin secret in Secrets Manager) or RDS_ADMIN_IAM_USER (IAM authentication), or RDS_ADMIN_USER and RDS_ADMIN_PASSWORD for dev',
    );
  }
  const { dev, requiresApproval } = environmentFlags(envName, {
    dev: booleanVar(vars, 'RDS_DEV'),
    requiresApproval: booleanVar(vars, 'RDS_REQUIRES_APPROVAL'),
  });
  const setMode = vars.RDS_SSL_MODE || undefined;
  if (setMode !== undefined && !isSslMode(setMode)) {
    throw new CliConfigError(
      `RDS_SSL_MODE must be disable, require or verify-full, not ${setMode}`,
    );
  }
  const iamAdmin = 'iam' in admin;
  // Unset: no TLS for a dev environment on this machine (the embedded Postgres), else verify-full.
  const mode: SslMode =
    setMode ??
    (dev && isLoopbackHost(host) && !vars.RDS_SSL_CA_FILE && !iamAdmin
      ? 'disable'
      : 'verify-full');
  const sslProblems = environmentSslProblems(
    { mode, hasCa: Boolean(vars.RDS_SSL_CA_FILE), host, dev, iamAdmin },
    { mode: 'RDS_SSL_MODE', ca: 'RDS_SSL_CA_FILE' },
  );
  if (sslProblems.length) {
    throw new CliConfigError(
      `${sslProblems.join('; ')}${
        setMode
          ? ''
          : ` (RDS_SSL_MODE is unset: verify-full, the default ${
              iamAdmin
                ? 'for an IAM admin'
                : 'outside a dev environment on this machine'
            })`
      }`,
    );
  }
  let ca: string | undefined;
  if (vars.RDS_SSL_CA_FILE) {
    try {
      ca = readFileSync(vars.RDS_SSL_CA_FILE, 'utf8');
    } catch (error) {
      throw new CliConfigError(
        `RDS_SSL_CA_FILE could not be read (${vars.RDS_SSL_CA_FILE}): ${
          (error as Error).message
        }`,
      );
    }
  }
  const timeouts = {
    connectMs: timeoutVar(vars, 'RDS_CONNECT_TIMEOUT_MS'),
    queryMs: timeoutVar(vars, 'RDS_QUERY_TIMEOUT_MS'),
  };
  if (!region) throw new CliConfigError('set AWS_REGION for Secrets Manager');
  const endpoint =
    vars.RDS_SECRETS_ENDPOINT ?? vars.AWS_ENDPOINT_URL_SECRETS_MANAGER;
  return {
    environment: {
      name: envName,
      requiresApproval,
      instance: {
        name: vars.RDS_INSTANCE_NAME ?? host,
        host,
        port,
        adminDatabase,
        admin,
        ssl: { mode, ca },
        timeouts,
      },
      secrets: {
        namePattern: vars.RDS_SECRET_NAME_PATTERN ?? 'rds/{env}/{app}',
        kmsKeyId: vars.RDS_SECRET_KMS_KEY_ID,
      },
    },
    secrets: {
      region,
      endpoint,
      credentials: localEndpointCredentials(endpoint, vars),
    },
  };
}

/**
 * A local endpoint (the embedded Secrets Manager, on this machine) takes any signature: sign
 * with static test credentials unless AWS credentials are set. Elsewhere the SDK's chain.
 */
function localEndpointCredentials(
  endpoint: string | undefined,
  vars: NodeJS.ProcessEnv,
) {
  if (!endpoint || vars.AWS_ACCESS_KEY_ID || vars.AWS_PROFILE) return undefined;
  let hostname;
  try {
    hostname = new URL(endpoint).hostname;
  } catch {
    throw new CliConfigError(
      `RDS_SECRETS_ENDPOINT must be an http(s) URL, not ${JSON.stringify(
        endpoint,
      )}`,
    );
  }
  return isLoopbackHost(hostname) ? LOCAL_ENDPOINT_CREDENTIALS : undefined;
}

/** An optional true/false variable. */
function booleanVar(
  vars: NodeJS.ProcessEnv,
  name: string,
): boolean | undefined {
  const raw = vars[name];
  if (!raw) return undefined;
  if (raw !== 'true' && raw !== 'false') {
    throw new CliConfigError(
      `${name} must be true or false, not ${JSON.stringify(raw)}`,
    );
  }
  return raw === 'true';
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
