import type { Client } from 'pg';
import type {
  AccessLevel,
  ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import {
  RdsProvisioner,
  type RdsProvisionerOptions,
} from '../provisioner/RdsProvisioner';
import type { RdsEnvironment, RdsInstanceConfig } from '../config/types';
import {
  appSessionUser,
  asAppLogin,
  readAppSecret,
  testEnvironment,
  testSecretsClient,
  uniqueEnv,
  type TestTarget,
} from './targets';

/**
 * A provisioner for a fresh environment on `target`, with its Secrets Manager client, and
 * requests and app logins in that environment (secrets named `rds/<env>/<app>`).
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
  const secretName = (app: string) => `rds/${env}/${app}`;
  return {
    env,
    secretsManager,
    provisioner,
    /** A request for `appName` in this environment. */
    request: (
      appName: string,
      accessLevel: AccessLevel = 'editor',
      more: Partial<ProvisionRequest> = {},
    ): ProvisionRequest => ({
      appName,
      environment: env,
      accessLevel,
      ...more,
    }),
    /** Runs `fn` connected as the app's login (see asAppLogin). */
    asLogin: <T>(
      app: string,
      fn: (client: Client) => Promise<T>,
      other?: { password?: string; database?: string },
    ) => asAppLogin(target, secretsManager, secretName(app), fn, other),
    /** The app's credentials as stored in its secret. */
    readSecret: (app: string) => readAppSecret(secretsManager, secretName(app)),
    /** The session user the app's login gets, or undefined when it is refused. */
    sessionUser: (app: string, password?: string) =>
      appSessionUser(target, secretsManager, secretName(app), password),
  };
}

/**
 * A provisioner for `instance` in an environment (`dev`, no approval, unless told) whose
 * Secrets Manager nobody listens on: for tests that end before a secret is read or written.
 */
export function provisionerWithoutSecrets(
  instance: RdsInstanceConfig,
  environment: { name?: string; requiresApproval?: boolean } = {},
): RdsProvisioner {
  return new RdsProvisioner({
    environment: {
      name: environment.name ?? 'dev',
      requiresApproval: environment.requiresApproval ?? false,
      instance,
      secrets: { namePattern: 'rds/{env}/{app}' },
    },
    secretsManager: testSecretsClient('http://127.0.0.1:1', 1),
  });
}
