import fs from 'node:fs';
import { Config } from '@backstage/config';
import { validateEnvironmentName } from '@rds-self-service/plugin-rds-common';
import { environmentFlags } from '@rds-self-service/plugin-rds-node';
import { readApproval } from './readApproval';
import { readDecommission } from './readDecommission';
import { readInstance } from './readInstance';
import { readSecrets } from './readSecrets';
import { readSecretsManager } from './readSecretsManager';
import { RdsConfig, RdsEnvironmentConfig } from './types';

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
  const { dev, requiresApproval } = environmentFlags(name, {
    dev: env.getOptionalBoolean('dev'),
    requiresApproval: env.getOptionalBoolean('requiresApproval'),
  });

  const instance = env.getConfig('instance');
  return {
    name,
    dev,
    requiresApproval,
    approval: readApproval(key, env, dev, problems),
    instance: readInstance(key, instance, dev, problems, readFile),
    secrets: readSecrets(key, env, problems),
    decommission: readDecommission(
      key,
      env,
      { dev, requiresApproval },
      problems,
    ),
  };
}
