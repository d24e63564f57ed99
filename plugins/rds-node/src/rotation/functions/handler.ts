import {
  DescribeSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { RotationStrategy } from '../../config/types';
import type { RotationConnectOptions } from './connect';
import { alternateUsername, setSecretMultiUser } from './multiUser';
import { setSecretSingleUser } from './singleUser';
import {
  createSecret,
  DEFAULT_EXCLUDE_CHARACTERS,
  finishSecret,
  testSecret,
  type StepContext,
} from './steps';

/**
 * The event Secrets Manager invokes a rotation function with.
 *
 * @public
 */
export interface RotationEvent {
  /** The ARN or name of the secret being rotated. */
  SecretId: string;
  /** The version id of the AWSPENDING value this rotation creates. */
  ClientRequestToken: string;
  /** One of createSecret, setSecret, testSecret, finishSecret. */
  Step: string;
}

/**
 * Options for {@link createPostgresRotationHandler}.
 *
 * @public
 */
export interface PostgresRotationHandlerOptions extends RotationConnectOptions {
  /** Single user (the login's own password changes) or alternating users (login and clone). */
  strategy: RotationStrategy;
  /** The client the function reads and writes the secret with. */
  secretsManager: SecretsManagerClient;
  /** The function's log lines (never a password). */
  logger?: (line: string) => void;
  /** Characters new passwords never contain. Default `:/@"'\`, as the published functions. */
  excludeCharacters?: string;
  /** Length of new passwords. Default 32. */
  passwordLength?: number;
}

/**
 * A Lambda-shaped PostgreSQL rotation function, step for step the one AWS publishes
 * (aws-samples/aws-secrets-manager-rotation-lambdas: SecretsManagerRDSPostgreSQLRotationSingleUser
 * and ...MultiUser), for a local Secrets Manager endpoint to invoke by ARN. On AWS deploy
 * AWS's own function; this one proves locally that the engine and apps live with it.
 *
 * @public
 */
export function createPostgresRotationHandler(
  options: PostgresRotationHandlerOptions,
): (event: RotationEvent, context?: unknown) => Promise<void> {
  const log = options.logger ?? (() => {});
  const multi = options.strategy === 'alternating-users';
  return async event => {
    const { SecretId: arn, ClientRequestToken: token, Step: step } = event;
    const client = options.secretsManager;
    const meta = await client.send(
      new DescribeSecretCommand({ SecretId: arn }),
    );
    if (meta.RotationEnabled === false) {
      throw new Error(`Secret ${arn} is not enabled for rotation`);
    }
    const versions = meta.VersionIdsToStages ?? {};
    if (!(token in versions)) {
      throw new Error(
        `Secret version ${token} has no stage for rotation of secret ${arn}.`,
      );
    }
    if (versions[token].includes('AWSCURRENT')) {
      log(
        `Secret version ${token} already set as AWSCURRENT for secret ${arn}.`,
      );
      return;
    }
    if (!versions[token].includes('AWSPENDING')) {
      throw new Error(
        `Secret version ${token} not set as AWSPENDING for rotation of secret ${arn}.`,
      );
    }
    const ctx: StepContext = {
      client,
      arn,
      token,
      connect: { ca: options.ca, connectTimeoutMs: options.connectTimeoutMs },
      log,
      excludeCharacters:
        options.excludeCharacters ?? DEFAULT_EXCLUDE_CHARACTERS,
      passwordLength: options.passwordLength ?? 32,
    };
    const steps: Record<string, () => Promise<void>> = {
      createSecret: () => createSecret(ctx, multi ? alternateUsername : u => u),
      setSecret: () =>
        multi ? setSecretMultiUser(ctx) : setSecretSingleUser(ctx),
      testSecret: () => testSecret(ctx),
      finishSecret: () => finishSecret(ctx),
    };
    if (!Object.hasOwn(steps, step)) {
      throw new Error(`Invalid step parameter ${step} for secret ${arn}`);
    }
    await steps[step]();
  };
}
