import type { ConnectionOptions } from 'node:tls';
import {
  SSL_MODES,
  type RdsInstanceConfig,
  type SslMode,
} from '../config/types';

/**
 * Type guard for TLS modes read from config or the environment.
 *
 * @public
 */
export function isSslMode(value: unknown): value is SslMode {
  return (SSL_MODES as readonly unknown[]).includes(value);
}

/** Hosts where a plain connection cannot leave the machine. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * True when the host is this machine, the only place TLS may be skipped.
 *
 * @public
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\./.test(host);
}

/**
 * What an environment's TLS rule ({@link environmentSslProblems}) is checked on: the settings
 * as configured, and where the instance is.
 *
 * @public
 */
export interface EnvironmentSslSettings {
  /** The TLS mode the admin connection would use. */
  mode: SslMode;
  /** Whether a CA bundle is configured (inline or as a file). */
  hasCa: boolean;
  /** The instance's host. */
  host: string;
  /** Whether the environment is a development environment (`dev`). */
  dev: boolean;
  /** Whether the admin logs in with RDS IAM tokens (then verify-full with a CA, even in dev). */
  iamAdmin?: boolean;
}

/**
 * The names of the two TLS settings in the caller's terms, for its messages: config keys
 * (the backend) or environment variables (the CLI).
 *
 * @public
 */
export interface SslSettingNames {
  /** The setting that holds the mode, e.g. `rds.environments.prod.instance.ssl.mode`. */
  mode: string;
  /** The setting(s) that hold the CA bundle, e.g. `RDS_SSL_CA_FILE`. */
  ca: string;
}

/**
 * The TLS rule of an environment's admin connection, one owner for the backend's
 * configuration and the `rds-provision` CLI: only a development environment on this machine
 * may verify less than the full certificate (the admin password and every app password
 * travel over this connection), and `verify-full` needs the CA bundle. An IAM admin needs
 * `verify-full` with the CA everywhere: RDS only takes tokens over TLS, and a token (a bearer
 * credential for 15 minutes) must not reach a server that is not verified. Returns the problems,
 * each naming the setting to change; none when the settings are acceptable.
 *
 * The engine's own check (`validateSslConfig`, in its constructor) knows no `dev` flag and only enforces
 * the host part; config readers apply this one before they build an environment.
 *
 * @public
 */
export function environmentSslProblems(
  settings: EnvironmentSslSettings,
  names: SslSettingNames,
): string[] {
  const { mode, hasCa, host, dev } = settings;
  if (settings.iamAdmin && (mode !== 'verify-full' || !hasCa)) {
    return [
      `${names.mode} must be verify-full, with ${names.ca} set (got '${mode}'${
        hasCa ? '' : ', no CA bundle'
      }): the admin logs in with IAM tokens, which RDS only accepts over TLS and which must not reach a server that is not verified`,
    ];
  }
  if (mode !== 'verify-full') {
    if (!dev) {
      return [
        `${names.mode} must be verify-full outside dev environments (got '${mode}'): ` +
          'the admin connection must verify the server certificate',
      ];
    }
    if (!isLoopbackHost(host)) {
      return [
        `${names.mode} must be verify-full for a host that is not this machine (${host}, got '${mode}')`,
      ];
    }
    return [];
  }
  return hasCa
    ? []
    : [
        `${names.ca} is required with ssl.mode verify-full: ` +
          'the PEM bundle of the CA that signed the server certificate (for RDS, the global bundle)',
      ];
}

/**
 * Problems with an instance's TLS settings. Away from loopback the connection must be
 * `verify-full` with a CA bundle: the admin password and every app password travel over it.
 */
export function validateSslConfig(instance: RdsInstanceConfig): string[] {
  const mode =
    instance.ssl?.mode ??
    (isLoopbackHost(instance.host) ? 'disable' : 'verify-full');
  if (isLoopbackHost(instance.host)) {
    return mode === 'verify-full' && !instance.ssl?.ca
      ? [
          `instance ${instance.name}: ssl.mode verify-full needs ssl.ca (a PEM CA bundle)`,
        ]
      : [];
  }
  const problems: string[] = [];
  if (mode !== 'verify-full') {
    problems.push(
      `instance ${instance.name} (${instance.host}) is not on this machine, so ssl.mode must be verify-full, not ${mode}`,
    );
  }
  if (!instance.ssl?.ca) {
    problems.push(
      `instance ${instance.name} (${instance.host}) needs ssl.ca: the PEM CA bundle that signed the server certificate (for RDS, the region's global bundle)`,
    );
  }
  return problems;
}

/** node-postgres `ssl` option for an instance; `false` for plain TCP (loopback only). */
export function sslOptions(
  instance: RdsInstanceConfig,
): false | ConnectionOptions {
  const mode =
    instance.ssl?.mode ??
    (isLoopbackHost(instance.host) ? 'disable' : 'verify-full');
  if (mode === 'disable') return false;
  if (mode === 'require') return { rejectUnauthorized: false };
  // verify-full: chain checked against the CA; the host name is checked by Node's default
  // checkServerIdentity against the host pg connects to.
  return { rejectUnauthorized: true, ca: instance.ssl?.ca };
}
