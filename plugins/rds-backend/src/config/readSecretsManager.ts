import { Config } from '@backstage/config';
import { RdsSecretsManagerConfig } from './types';

/** Reads `rds.secretsManager`; the AWS_REGION fallback is applied by the caller. */
export function readSecretsManager(
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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
