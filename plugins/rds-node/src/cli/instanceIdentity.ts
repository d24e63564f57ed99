import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CliConfigError } from './environmentFromEnv';

/** The instance's name in audit records and secrets, and where it came from. */
export interface InstanceIdentity {
  name: string;
  /** Said in the run's output, e.g. `--instance-name`. */
  source: string;
  /** Set when the name is only the host: the backend may call the instance otherwise. */
  warning?: string;
}

/** What the backend's `rds.environments.<env>.instance` says, as far as it is literal. */
interface BackendInstance {
  name: string;
  host?: string;
  port?: number;
}

/** A config value the CLI can compare: not a `${VAR}` substitution or `$file` include. */
const literal = (value: unknown) =>
  typeof value === 'string' && !value.includes('${') ? value : undefined;

/** `rds.environments.<env>.instance` of a Backstage app-config file. */
export function readBackendInstance(
  file: string,
  envName: string,
): BackendInstance {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliConfigError(
      `--config ${file} could not be read: ${(error as Error).message}`,
    );
  }
  const key = `rds.environments.${envName}.instance`;
  let instance: Record<string, unknown> | undefined;
  try {
    instance = parse(text)?.rds?.environments?.[envName]?.instance;
  } catch (error) {
    throw new CliConfigError(
      `--config ${file} is not YAML: ${(error as Error).message}`,
    );
  }
  const name = literal(instance?.name);
  if (!name) {
    throw new CliConfigError(
      `--config ${file} has no ${key}.name: the backend has no environment "${envName}" to agree with`,
    );
  }
  const port = Number(literal(String(instance?.port ?? '')) ?? NaN);
  return {
    name,
    host: literal(instance?.host),
    port: Number.isInteger(port) && port > 0 ? port : undefined,
  };
}

/**
 * The instance's identity, the same as the backend's where it can be known: `--instance-name`,
 * else RDS_INSTANCE_NAME, else the backend's `rds.environments.<env>.instance.name` from
 * `--config`; a name given besides `--config` must match it, and the config's host and port
 * must be the ones this run connects to. Without any of them, the host, with a warning:
 * the Database tab would report the secret's dbInstanceIdentifier as drift.
 */
export function resolveInstanceIdentity(options: {
  envName: string;
  host: string;
  port: number;
  flag?: string;
  variable?: string;
  configFile?: string;
}): InstanceIdentity {
  const { envName, host, port, flag, variable, configFile } = options;
  let given: InstanceIdentity | undefined;
  if (flag) given = { name: flag, source: '--instance-name' };
  else if (variable) given = { name: variable, source: 'RDS_INSTANCE_NAME' };
  if (configFile) {
    const key = `rds.environments.${envName}.instance`;
    const backend = readBackendInstance(configFile, envName);
    if (given && given.name !== backend.name) {
      throw new CliConfigError(
        `${given.source} is "${given.name}" but the backend (${configFile}) calls this instance "${backend.name}" (${key}.name); ` +
          'use one name, or the Database tab reports the difference as drift',
      );
    }
    const where = `${backend.host ?? host}:${backend.port ?? port}`;
    if (where !== `${host}:${port}`) {
      throw new CliConfigError(
        `the backend's ${key} is ${where} (${configFile}), this run connects to ${host}:${port}: ` +
          `they are not the same instance, so "${backend.name}" is not this one's name`,
      );
    }
    return {
      name: backend.name,
      source: `${key}.name in ${configFile}`,
    };
  }
  if (given) return given;
  return {
    name: host,
    source: 'the host',
    warning:
      `the instance is recorded as its host "${host}" (no --instance-name, RDS_INSTANCE_NAME or --config). ` +
      'If the backend names it otherwise (rds.environments.<env>.instance.name), its Database tab reports the ' +
      "secret's dbInstanceIdentifier as drift; pass --config app-config.yaml or --instance-name to agree with it.",
  };
}
