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
