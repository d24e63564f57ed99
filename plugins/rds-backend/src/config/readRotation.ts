import { Config } from '@backstage/config';
import {
  rotationConfigProblems,
  type SecretRotationConfig,
} from '@rds-self-service/plugin-rds-node';

/**
 * Reads `<key>.secrets.rotation`: Secrets Manager rotation of the environment's app secrets.
 * The rules are the engine's (rotationConfigProblems); the problems name the full keys.
 */
export function readRotation(
  key: string,
  env: Config,
  problems: string[],
): SecretRotationConfig | undefined {
  const config = env.getOptionalConfig('secrets.rotation');
  if (!config) return undefined;
  const enabled = config.getOptionalBoolean('enabled') ?? true;
  const rotation: SecretRotationConfig = {
    enabled,
    lambdaArn: config.getOptionalString('lambdaArn') ?? '',
    scheduleDays: config.getOptionalNumber('scheduleDays'),
    strategy: (config.getOptionalString('strategy') ??
      'single-user') as SecretRotationConfig['strategy'],
    masterSecretArn: config.getOptionalString('masterSecretArn'),
  };
  const adminHasSecret = Boolean(
    env.getOptionalString('instance.adminSecretId'),
  );
  for (const problem of rotationConfigProblems(rotation, adminHasSecret)) {
    problems.push(`${key}.${problem}`);
  }
  return rotation;
}
