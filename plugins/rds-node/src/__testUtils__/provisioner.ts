import {
  RdsProvisioner,
  type RdsProvisionerOptions,
} from '../provisioner/RdsProvisioner';
import type { RdsEnvironment } from '../config/types';
import {
  testEnvironment,
  testSecretsClient,
  uniqueEnv,
  type TestTarget,
} from './targets';

/**
 * A provisioner for a fresh environment on `target`, with its Secrets Manager client.
 * Call it in a describe block: it registers the afterAll that closes the provisioner.
 */
export function suiteProvisioner(
  target: TestTarget,
  envPrefix?: string,
  options: Omit<
    Partial<RdsProvisionerOptions>,
    'environment' | 'secretsManager'
  > = {},
  environment: Omit<Partial<RdsEnvironment>, 'name'> = {},
) {
  const env = uniqueEnv(envPrefix);
  const secretsManager = testSecretsClient();
  const provisioner = new RdsProvisioner({
    environment: testEnvironment(target, { ...environment, name: env }),
    secretsManager,
    ...options,
  });
  afterAll(() => provisioner.close());
  return { env, secretsManager, provisioner };
}
