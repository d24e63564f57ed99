import type { DerivedNames } from '@rds-self-service/plugin-rds-common';
import type {
  RdsEnvironment,
  RotationStrategy,
  SecretRotationConfig,
} from '../config/types';
import { alternateUsername } from './functions/multiUser';

/**
 * Default of `SecretRotationConfig.scheduleDays`: Secrets Manager rotates every 30 days.
 *
 * @public
 */
export const DEFAULT_ROTATION_DAYS = 30;

/** An environment's rotation, resolved; undefined when rotation is off. */
export interface ResolvedRotation {
  strategy: RotationStrategy;
  lambdaArn: string;
  afterDays: number;
  masterSecretArn?: string;
}

/** The rotation the environment asks for, with its defaults; undefined when off. */
export function rotationOf(env: RdsEnvironment): ResolvedRotation | undefined {
  const r = env.secrets.rotation;
  if (!r?.enabled) return undefined;
  return {
    strategy: r.strategy,
    lambdaArn: r.lambdaArn,
    afterDays: r.scheduleDays ?? DEFAULT_ROTATION_DAYS,
    masterSecretArn: r.masterSecretArn,
  };
}

/** The `_clone` login of alternating-users rotation; undefined for other strategies. */
export function cloneName(
  env: RdsEnvironment,
  names: DerivedNames,
): string | undefined {
  if (rotationOf(env)?.strategy !== 'alternating-users') return undefined;
  return `${names.loginRole}_clone`;
}

/** The usernames an app secret may hold: the login, and its clone with alternating users. */
export function secretUsers(
  env: RdsEnvironment,
  names: DerivedNames,
): string[] {
  const clone = cloneName(env, names);
  return clone ? [names.loginRole, clone] : [names.loginRole];
}

const ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

/**
 * Problems with an environment's rotation settings, each naming its key from `secrets.`
 * on (prefix it with the environment's key). Alternating users need a master secret:
 * `masterSecretArn`, or the admin's secret when the admin logs in from one. The one owner of
 * these rules: the engine's constructor and the backend's config reader both ask it.
 *
 * @public
 */
export function rotationConfigProblems(
  rotation: SecretRotationConfig | undefined,
  adminHasSecret: boolean,
): string[] {
  if (!rotation?.enabled) return [];
  const problems: string[] = [];
  if (!ARN.test(rotation.lambdaArn)) {
    problems.push(
      `secrets.rotation.lambdaArn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), got '${rotation.lambdaArn}'`,
    );
  }
  const days = rotation.scheduleDays;
  if (
    days !== undefined &&
    !(Number.isInteger(days) && days >= 1 && days <= 1000)
  ) {
    problems.push(
      `secrets.rotation.scheduleDays must be a whole number of days from 1 to 1000, got ${days}`,
    );
  }
  if (!['single-user', 'alternating-users'].includes(rotation.strategy)) {
    problems.push(
      `secrets.rotation.strategy must be single-user or alternating-users, got '${rotation.strategy}'`,
    );
  }
  if (
    rotation.strategy === 'alternating-users' &&
    !rotation.masterSecretArn &&
    !adminHasSecret
  ) {
    problems.push(
      'secrets.rotation.masterSecretArn is required with strategy alternating-users when the admin has no secret (admin.secretId): ' +
        'the rotation function logs in with it to create the _clone login and set passwords',
    );
  }
  return problems;
}

/** The clone's name fits Postgres' 63 bytes (the rotation function refuses longer). */
export function cloneNameProblem(login: string): string | undefined {
  try {
    alternateUsername(login);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
