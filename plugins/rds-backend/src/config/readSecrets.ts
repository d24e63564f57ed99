import { Config } from '@backstage/config';
import { readRotation } from './readRotation';
import { RdsEnvironmentConfig } from './types';

// What Secrets Manager accepts in a secret name, once the placeholders are filled.
const SECRET_NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;

/** Reads `rds.environments.<name>.secrets`: where an environment's credentials are stored. */
export function readSecrets(
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
    rotation: readRotation(key, env, problems),
  };
}
