import { Config } from '@backstage/config';
import {
  isLoopbackHost,
  isSslMode,
  SSL_MODES,
  type SslMode,
} from '@internal/plugin-rds-node';
import { RdsEnvironmentConfig } from './types';

/**
 * Reads `<key>.instance.ssl`: how the admin connection verifies the server. Only a dev
 * environment on this machine may verify less than the full certificate.
 */
export function readSsl(
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
