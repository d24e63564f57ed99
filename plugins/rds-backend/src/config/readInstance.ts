import { Config } from '@backstage/config';
import { readSsl } from './readSsl';
import { RdsEnvironmentConfig } from './types';

// The longest delay both setTimeout and Postgres' timeout settings take; the engine's limit.
const MAX_TIMEOUT_MS = 2_147_483_647;
const TIMEOUT_KEYS = ['connectMs', 'queryMs'] as const;

type RdsInstanceConfig = RdsEnvironmentConfig['instance'];

/** Reads `<key>.instance`: the Postgres instance an environment provisions on, and how to reach it. */
export function readInstance(
  key: string,
  instance: Config,
  dev: boolean,
  problems: string[],
  readFile: (path: string) => string,
): RdsInstanceConfig {
  const host = instance.getString('host');
  const port = instance.getOptionalNumber('port') ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${key}.instance.port must be a TCP port (1-65535)`);
  }
  const admin = readAdmin(key, instance, dev, problems);
  const ssl = readSsl(
    key,
    instance,
    host,
    dev,
    'iam' in admin,
    problems,
    readFile,
  );
  return {
    name: instance.getOptionalString('name') ?? host,
    host,
    port,
    adminDatabase: instance.getOptionalString('adminDatabase') ?? 'postgres',
    provenanceRole: readProvenanceRole(key, instance, problems),
    admin,
    ssl,
    timeouts: readTimeouts(key, instance, problems),
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
): RdsInstanceConfig['admin'] {
  const admin = instance.getOptionalConfig('admin');
  const secretId = instance.getOptionalString('adminSecretId');
  const iam = instance.getOptionalConfig('adminIam');
  if (admin && secretId) {
    problems.push(
      `${key}.instance: set either admin or adminSecretId, not both`,
    );
  }
  if (iam && (admin || secretId)) {
    problems.push(
      `${key}.instance: set one of admin, adminSecretId and adminIam, not several`,
    );
  }
  if (iam) {
    // RDS IAM authentication: a token per connection, no stored password.
    return {
      iam: { user: iam.getString('user'), region: iam.getString('region') },
    };
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

function readTimeouts(
  key: string,
  instance: Config,
  problems: string[],
): RdsInstanceConfig['timeouts'] {
  const config = instance.getOptionalConfig('timeouts');
  if (!config) return undefined;
  const timeouts: NonNullable<RdsInstanceConfig['timeouts']> = {};
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
