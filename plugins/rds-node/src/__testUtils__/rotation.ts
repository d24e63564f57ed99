import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import {
  startLocalSecretsManager,
  type LocalSecretsManager,
} from '@internal/local-secrets-manager';
import type { RdsEnvironment, RotationStrategy } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { createPostgresRotationHandler } from '../rotation/functions/handler';
import {
  asSuper,
  testEnvironment,
  testSecretsClient,
  uniqueApp,
  uniqueEnv,
  type TestTarget,
} from './targets';

/** The Lambda ARNs the rotating endpoint maps to the two PostgreSQL rotation functions. */
export const ROTATION_ARNS: Record<RotationStrategy, string> = {
  'single-user':
    'arn:aws:lambda:us-east-1:000000000000:function:SecretsManagerRDSPostgreSQLRotationSingleUser',
  'alternating-users':
    'arn:aws:lambda:us-east-1:000000000000:function:SecretsManagerRDSPostgreSQLRotationMultiUser',
};

/**
 * A local Secrets Manager endpoint of the suite's own that invokes the TypeScript rotation
 * functions by ARN, with an SDK client for it. Registers the afterAll that stops both.
 */
export function rotatingSecretsManager(): {
  server: () => LocalSecretsManager;
  client: () => ReturnType<typeof testSecretsClient>;
} {
  let server: LocalSecretsManager | undefined;
  let client: ReturnType<typeof testSecretsClient> | undefined;
  const functions: Record<string, any> = {};
  beforeAll(async () => {
    server = await startLocalSecretsManager({ rotationFunctions: functions });
    client = testSecretsClient(server.endpoint);
    for (const [strategy, arn] of Object.entries(ROTATION_ARNS)) {
      functions[arn] = createPostgresRotationHandler({
        strategy: strategy as RotationStrategy,
        secretsManager: client,
      });
    }
  });
  afterAll(async () => {
    await server?.waitForRotations();
    client?.destroy();
    await server?.close();
  });
  return { server: () => server!, client: () => client! };
}

/**
 * A provisioner for a fresh environment on `target` that rotates its app secrets with the
 * given strategy; alternating users get a master secret of the test admin in the full RDS
 * shape (engine, host, port, username, password). Call in beforeAll.
 */
export async function rotatingProvisioner(
  target: TestTarget,
  sm: ReturnType<typeof rotatingSecretsManager>,
  strategy: RotationStrategy,
): Promise<{
  env: string;
  environment: RdsEnvironment;
  provisioner: RdsProvisioner;
}> {
  const env = uniqueEnv('rot');
  const url = new URL(target.adminUrl);
  let masterSecretArn: string | undefined;
  if (strategy === 'alternating-users') {
    const out = await sm.client().send(
      new CreateSecretCommand({
        Name: `rds/${env}/master`,
        SecretString: JSON.stringify({
          engine: 'postgres',
          host: url.hostname,
          port: Number(url.port),
          username: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
        }),
      }),
    );
    masterSecretArn = out.ARN;
  }
  const environment = testEnvironment(target, {
    name: env,
    secrets: {
      namePattern: 'rds/{env}/{app}',
      rotation: {
        enabled: true,
        lambdaArn: ROTATION_ARNS[strategy],
        strategy,
        masterSecretArn,
      },
    },
  });
  const provisioner = new RdsProvisioner({
    environment,
    secretsManager: sm.client(),
  });
  return { env, environment, provisioner };
}

/** Drops an app's database and roles, the rotation clone included (superuser, best effort). */
export async function dropRotatingApp(
  target: TestTarget,
  base: string,
): Promise<void> {
  await asSuper(
    target,
    `DROP DATABASE IF EXISTS "${base}_db" WITH (FORCE)`,
  ).catch(() => {});
  for (const s of ['user_clone', 'user', 'reader', 'editor', 'owner']) {
    await asSuper(target, `DROP ROLE IF EXISTS "${base}_${s}"`).catch(() => {});
  }
}

/** {@link rotatingProvisioner} and a fresh app on it: its name, its roles' prefix, its secret. */
export async function rotatingApp(
  target: TestTarget,
  sm: ReturnType<typeof rotatingSecretsManager>,
  strategy: RotationStrategy,
  prefix: string,
) {
  const rotating = await rotatingProvisioner(target, sm, strategy);
  const app = uniqueApp(prefix);
  return {
    ...rotating,
    app,
    base: `${app}_${rotating.env}`,
    secretName: `rds/${rotating.env}/${app}`,
  };
}
