import fs from 'node:fs';
import { Config } from '@backstage/config';
import { validateEnvironmentName } from '@internal/plugin-rds-common';
import {
  isLoopbackHost,
  isSslMode,
  SSL_MODES,
  type SslMode,
} from '@internal/plugin-rds-node';
import {
  RdsConfig,
  RdsEnvironmentConfig,
  RdsSecretsManagerConfig,
} from './types';

// What Secrets Manager accepts in a secret name, once the placeholders are filled.
const SECRET_NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;

// The longest delay both setTimeout and Postgres' timeout settings take; the engine's limit.
const MAX_TIMEOUT_MS = 2_147_483_647;
const TIMEOUT_KEYS = ['connectMs', 'queryMs'] as const;

/** Options for {@link readRdsConfig}. */
export interface ReadRdsConfigOptions {
  /** Reads `ssl.caFile`; replaceable in tests. */
  readFile?: (path: string) => string;
  /** Process environment, for the AWS_REGION fallback; replaceable in tests. */
  env?: Record<string, string | undefined>;
}

/**
 * Reads and validates the `rds` configuration block.
 *
 * Fails with one error that lists every problem, each naming the key to change,
 * so a misconfigured backend refuses to start instead of provisioning insecurely.
 */
export function readRdsConfig(
  config: Config,
  options: ReadRdsConfigOptions = {},
): RdsConfig {
  const readFile =
    options.readFile ?? ((path: string) => fs.readFileSync(path, 'utf8'));
  const problems: string[] = [];

  const secretsManager = readSecretsManager(config, problems);
  const envsConfig = config.getOptionalConfig('rds.environments');
  const environments = (envsConfig?.keys() ?? []).map(name =>
    readEnvironment(name, envsConfig!.getConfig(name), problems, readFile),
  );
  secretsManager.region ??= (options.env ?? process.env).AWS_REGION;
  if (environments.length > 0 && !secretsManager.region) {
    problems.push(
      'rds.secretsManager.region is required (or set AWS_REGION): the region of the Secrets Manager that holds the secrets',
    );
  }

  if (problems.length > 0) {
    throw new Error(`Invalid rds configuration: ${problems.join('; ')}`);
  }
  return { environments, secretsManager };
}

function readSecretsManager(
  config: Config,
  problems: string[],
): RdsSecretsManagerConfig {
  const sm = config.getOptionalConfig('rds.secretsManager');
  if (!sm) {
    return {};
  }
  const region = sm.getOptionalString('region');
  const endpoint = sm.getOptionalString('endpoint');
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    problems.push(
      `rds.secretsManager.endpoint must be an http(s) URL, got '${endpoint}'`,
    );
  }
  const creds = sm.getOptionalConfig('credentials');
  let credentials: RdsSecretsManagerConfig['credentials'];
  if (creds) {
    credentials = {
      accessKeyId: creds.getString('accessKeyId'),
      secretAccessKey: creds.getString('secretAccessKey'),
    };
    if (endpoint === undefined) {
      problems.push(
        'rds.secretsManager.credentials is only allowed together with rds.secretsManager.endpoint ' +
          '(a local endpoint); on AWS remove it and let the SDK use the default credential chain (IAM role)',
      );
    }
  }
  return { region, endpoint, credentials };
}

function readEnvironment(
  name: string,
  env: Config,
  problems: string[],
  readFile: (path: string) => string,
): RdsEnvironmentConfig {
  const key = `rds.environments.${name}`;
  // Environment names end up inside identifiers (`<app>_<env>_db`).
  for (const problem of validateEnvironmentName(name)) {
    problems.push(`${key}: ${problem}`);
  }
  const dev = env.getOptionalBoolean('dev') ?? name === 'dev';
  const requiresApproval = env.getOptionalBoolean('requiresApproval') ?? !dev;

  const instance = env.getConfig('instance');
  const host = instance.getString('host');
  const port = instance.getOptionalNumber('port') ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${key}.instance.port must be a TCP port (1-65535)`);
  }

  return {
    name,
    dev,
    requiresApproval,
    instance: {
      name: instance.getOptionalString('name') ?? host,
      host,
      port,
      adminDatabase: instance.getOptionalString('adminDatabase') ?? 'postgres',
      provenanceRole: readProvenanceRole(key, instance, problems),
      admin: readAdmin(key, instance, dev, problems),
      ssl: readSsl(key, instance, host, dev, problems, readFile),
      timeouts: readTimeouts(key, instance, problems),
    },
    secrets: readSecrets(key, env, problems),
  };
}

/** A plain lowercase role name: it is quoted in SQL, but must also be recognisable. */
function readProvenanceRole(
  key: string,
  instance: Config,
  problems: string[],
): string | undefined {
  const role = instance.getOptionalString('provenanceRole');
  if (role !== undefined && !/^[a-z][a-z0-9_]{0,62}$/.test(role)) {
    problems.push(
      `${key}.instance.provenanceRole must be a role name: a lowercase letter, then lowercase letters, digits or _, at most 63 characters`,
    );
  }
  return role;
}

function readAdmin(
  key: string,
  instance: Config,
  dev: boolean,
  problems: string[],
): RdsEnvironmentConfig['instance']['admin'] {
  const admin = instance.getOptionalConfig('admin');
  const secretId = instance.getOptionalString('adminSecretId');
  if (admin && secretId) {
    problems.push(
      `${key}.instance: set either admin or adminSecretId, not both`,
    );
  }
  if (admin) {
    const user = admin.getString('user');
    const password = admin.getString('password');
    if (!dev) {
      problems.push(
        `${key}.instance.admin.password: a plain admin password is only allowed in a dev environment; ` +
          `store the admin credentials in Secrets Manager and set ${key}.instance.adminSecretId`,
      );
    }
    return { user, password };
  }
  if (!secretId) {
    problems.push(
      `${key}.instance.adminSecretId is required: the Secrets Manager secret with the admin credentials ` +
        `(a dev environment may set ${key}.instance.admin.user and .password instead)`,
    );
    return { secretId: '' };
  }
  return { secretId };
}

function readSsl(
  key: string,
  instance: Config,
  host: string,
  dev: boolean,
  problems: string[],
  readFile: (path: string) => string,
): RdsEnvironmentConfig['instance']['ssl'] {
  const ssl = instance.getOptionalConfig('ssl');
  const rawMode = ssl?.getOptionalString('mode') ?? 'verify-full';
  if (!isSslMode(rawMode)) {
    problems.push(
      `${key}.instance.ssl.mode must be one of ${SSL_MODES.join(
        ', ',
      )}, got '${rawMode}'`,
    );
  } else if (!dev && rawMode !== 'verify-full') {
    problems.push(
      `${key}.instance.ssl.mode must be verify-full outside dev environments (got '${rawMode}'): ` +
        'the admin connection must verify the server certificate',
    );
  } else if (!isLoopbackHost(host) && rawMode !== 'verify-full') {
    // Passwords travel over this connection; only on this machine may TLS be
    // skipped (the engine's rule, checked here to name the config key).
    problems.push(
      `${key}.instance.ssl.mode must be verify-full for a host that is not this machine (${host}, got '${rawMode}')`,
    );
  }
  // An unknown mode is already a problem; the value below is never used then.
  const mode = rawMode as SslMode;

  const inlineCa = ssl?.getOptionalString('ca');
  const caFile = ssl?.getOptionalString('caFile');
  if (inlineCa && caFile) {
    problems.push(`${key}.instance.ssl: set either ca or caFile, not both`);
  }
  let ca = inlineCa;
  if (caFile) {
    try {
      ca = readFile(caFile);
    } catch (error) {
      problems.push(
        `${key}.instance.ssl.caFile could not be read (${caFile}): ${
          (error as Error).message
        }`,
      );
    }
  }
  if (mode === 'verify-full' && !ca && !caFile) {
    problems.push(
      `${key}.instance.ssl.ca or ${key}.instance.ssl.caFile is required with ssl.mode verify-full: ` +
        'the PEM bundle of the CA that signed the server certificate (for RDS, the global bundle)',
    );
  }
  return ca ? { mode, ca } : { mode };
}

function readTimeouts(
  key: string,
  instance: Config,
  problems: string[],
): RdsEnvironmentConfig['instance']['timeouts'] {
  const config = instance.getOptionalConfig('timeouts');
  if (!config) return undefined;
  const timeouts: NonNullable<RdsEnvironmentConfig['instance']['timeouts']> =
    {};
  for (const name of config.keys()) {
    if (!(TIMEOUT_KEYS as readonly string[]).includes(name)) {
      problems.push(
        `${key}.instance.timeouts.${name} is not a setting; use ${TIMEOUT_KEYS.join(
          ' or ',
        )}`,
      );
    }
  }
  for (const name of TIMEOUT_KEYS) {
    const value = config.getOptionalNumber(name);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
      problems.push(
        `${key}.instance.timeouts.${name} must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got ${value}`,
      );
    } else {
      timeouts[name] = value;
    }
  }
  return timeouts;
}

function readSecrets(
  key: string,
  env: Config,
  problems: string[],
): RdsEnvironmentConfig['secrets'] {
  const secrets = env.getOptionalConfig('secrets');
  const namePattern =
    secrets?.getOptionalString('namePattern') ?? 'rds/{env}/{app}';
  if (!namePattern.includes('{app}')) {
    problems.push(
      `${key}.secrets.namePattern must contain {app} so each app gets its own secret, got '${namePattern}'`,
    );
  }
  const filled = namePattern.replace(/\{(env|app|database|role)\}/g, 'x');
  if (!SECRET_NAME_CHARS.test(filled)) {
    problems.push(
      `${key}.secrets.namePattern may only hold letters, digits, /_+=.@- and the {env}, {app}, {database} and {role} placeholders, got '${namePattern}'`,
    );
  }
  const tagsConfig = secrets?.getOptionalConfig('tags');
  const tags = tagsConfig
    ? Object.fromEntries(
        tagsConfig.keys().map(tag => [tag, tagsConfig.getString(tag)]),
      )
    : undefined;
  return {
    namePattern,
    kmsKeyId: secrets?.getOptionalString('kmsKeyId'),
    tags,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
