import { Config } from '@backstage/config';
import {
  environmentSslProblems,
  isSslMode,
  SSL_MODES,
  type SslMode,
} from '@rds-self-service/plugin-rds-node';
import { RdsEnvironmentConfig } from './types';

/**
 * Reads `<key>.instance.ssl`: how the admin connection verifies the server. The rule (only a
 * dev environment on this machine may verify less than the full certificate) is the engine's
 * `environmentSslProblems`, which the CLI applies too; this names the config keys.
 */
export function readSsl(
  key: string,
  instance: Config,
  host: string,
  dev: boolean,
  iamAdmin: boolean,
  problems: string[],
  readFile: (path: string) => string,
): RdsEnvironmentConfig['instance']['ssl'] {
  const ssl = instance.getOptionalConfig('ssl');
  const rawMode = ssl?.getOptionalString('mode') ?? 'verify-full';
  const inlineCa = ssl?.getOptionalString('ca');
  const caFile = ssl?.getOptionalString('caFile');
  if (!isSslMode(rawMode)) {
    problems.push(
      `${key}.instance.ssl.mode must be one of ${SSL_MODES.join(
        ', ',
      )}, got '${rawMode}'`,
    );
  } else {
    problems.push(
      ...environmentSslProblems(
        {
          mode: rawMode,
          hasCa: Boolean(inlineCa || caFile),
          host,
          dev,
          iamAdmin,
        },
        {
          mode: `${key}.instance.ssl.mode`,
          ca: `${key}.instance.ssl.ca or ${key}.instance.ssl.caFile`,
        },
      ),
    );
  }
  // An unknown mode is already a problem; the value below is never used then.
  const mode = rawMode as SslMode;

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
  return ca ? { mode, ca } : { mode };
}
