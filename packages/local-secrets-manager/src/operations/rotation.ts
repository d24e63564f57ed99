// Rotation: RotateSecret (invoking a rotation function through its four steps),
// CancelRotateSecret, UpdateSecretVersionStage and GetRandomPassword, which rotation functions call.
import { randomInt, randomUUID } from 'node:crypto';
import { invalidParameter, invalidRequest } from '../errors.ts';
import { CURRENT, moveStage, PENDING } from '../store.ts';
import type { Secret, Secrets } from '../store.ts';
import { findLiveSecret, readString } from './input.ts';
import type { Json, Operations } from './input.ts';

/**
 * A rotation function as Lambda runs it: `handler(event, context)`, one call per step.
 *
 * @public
 */
export type RotationHandler = (
  event: { SecretId: string; ClientRequestToken: string; Step: RotationStep },
  context: Record<string, unknown>,
) => Promise<unknown>;

/**
 * The four steps of a rotation, in order.
 *
 * @public
 */
export type RotationStep =
  | 'createSecret'
  | 'setSecret'
  | 'testSecret'
  | 'finishSecret';

const STEPS: RotationStep[] = [
  'createSecret',
  'setSecret',
  'testSecret',
  'finishSecret',
];

/** What the rotation operations need from the server. */
export interface RotationRuntime {
  /** Rotation functions by Lambda ARN. */
  functions: Record<string, RotationHandler>;
  /** The data changed outside a request (a rotation finished): save it. */
  changed: () => void;
  log: (line: string) => void;
  /** Rotations still running. */
  running: Set<Promise<void>>;
}

function readRules(input: Json, secret: Secret) {
  const rules = input.RotationRules;
  if (rules === undefined) return secret.rotation;
  const days = rules?.AutomaticallyAfterDays;
  const schedule = rules?.ScheduleExpression;
  if (
    days !== undefined &&
    !(Number.isInteger(days) && days >= 1 && days <= 1000)
  ) {
    throw invalidParameter(
      'AutomaticallyAfterDays must be between 1 and 1000.',
    );
  }
  if (schedule !== undefined && typeof schedule !== 'string') {
    throw invalidParameter('ScheduleExpression must be a string.');
  }
  if (days === undefined && schedule === undefined) {
    throw invalidParameter(
      'RotationRules needs AutomaticallyAfterDays or ScheduleExpression.',
    );
  }
  return { afterDays: days, schedule };
}

// Secrets Manager runs the steps in order; a failed step leaves AWSPENDING where it is
// (AWS retries later; here the next RotateSecret refuses until it is cleared).
async function rotate(
  secret: Secret,
  token: string,
  handler: RotationHandler,
  runtime: RotationRuntime,
) {
  for (const step of STEPS) {
    try {
      await handler(
        { SecretId: secret.arn, ClientRequestToken: token, Step: step },
        {},
      );
    } catch (error) {
      secret.rotationError = `${step}: ${(error as Error)?.message ?? error}`;
      runtime.log(
        `rotation ${secret.name} ${step} failed: ${secret.rotationError}`,
      );
      runtime.changed();
      return;
    }
  }
  const version = secret.versions.find(v => v.id === token);
  if (version?.stages.includes(CURRENT)) {
    version.stages = version.stages.filter(s => s !== PENDING);
  }
  secret.rotationError = undefined;
  if (secret.rotation) secret.rotation.lastRotated = Date.now();
  runtime.log(`rotation ${secret.name} finished`);
  runtime.changed();
}

export function rotationOperations(
  secrets: Secrets,
  runtime: RotationRuntime,
): Operations {
  return {
    RotateSecret(input) {
      const secret = findLiveSecret(secrets, input);
      const lambdaArn =
        readString(input, 'RotationLambdaARN') ?? secret.rotation?.lambdaArn;
      if (!lambdaArn) {
        throw invalidRequest(
          'No Lambda rotation function ARN is associated with this secret.',
        );
      }
      const handler = runtime.functions[lambdaArn];
      if (!handler) {
        throw invalidRequest(
          `Secrets Manager cannot invoke the specified Lambda function ${lambdaArn}. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.`,
        );
      }
      const rules = readRules(input, secret);
      const pending = secret.versions.find(
        v => v.stages.includes(PENDING) && !v.stages.includes(CURRENT),
      );
      if (pending) {
        throw invalidRequest(
          "A previous rotation isn't complete. That rotation will be reattempted.",
        );
      }
      secret.rotation = {
        lambdaArn,
        afterDays: rules?.afterDays,
        schedule: rules?.schedule,
        enabled: true,
        configured: Date.now(),
        lastRotated: secret.rotation?.lastRotated,
      };
      secret.changed = Date.now();
      if (input.RotateImmediately === false) {
        return { ARN: secret.arn, Name: secret.name };
      }
      const token = readString(input, 'ClientRequestToken') ?? randomUUID();
      // As on AWS: the new version exists, labelled AWSPENDING and without a value, before
      // createSecret runs.
      secret.versions.push({
        id: token,
        secretString: undefined,
        stages: [],
        created: Date.now(),
      });
      moveStage(secret, PENDING, token);
      const run = rotate(secret, token, handler, runtime);
      runtime.running.add(run);
      void run.finally(() => runtime.running.delete(run));
      return { ARN: secret.arn, Name: secret.name, VersionId: token };
    },

    CancelRotateSecret(input) {
      const secret = findLiveSecret(secrets, input);
      if (secret.rotation) secret.rotation.enabled = false;
      for (const v of secret.versions) {
        if (!v.stages.includes(CURRENT)) {
          v.stages = v.stages.filter(s => s !== PENDING);
        }
      }
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name };
    },

    UpdateSecretVersionStage(input) {
      const secret = findLiveSecret(secrets, input);
      const stage = readString(input, 'VersionStage', true)!;
      const moveTo = readString(input, 'MoveToVersionId');
      const removeFrom = readString(input, 'RemoveFromVersionId');
      const holder = secret.versions.find(v => v.stages.includes(stage));
      if (
        moveTo &&
        holder &&
        holder.id !== moveTo &&
        removeFrom !== holder.id
      ) {
        throw invalidParameter(
          `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ${holder.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (moveTo && !secret.versions.some(v => v.id === moveTo)) {
        throw invalidParameter(`Version ${moveTo} does not exist.`);
      }
      if (moveTo) {
        moveStage(secret, stage, moveTo);
      } else if (removeFrom) {
        const version = secret.versions.find(v => v.id === removeFrom);
        if (stage === CURRENT) {
          throw invalidParameter(
            "You can't remove AWSCURRENT without moving it.",
          );
        }
        if (version) version.stages = version.stages.filter(s => s !== stage);
      }
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name };
    },

    GetRandomPassword(input) {
      return { RandomPassword: randomPassword(input) };
    },
  };
}

const CLASSES = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  numbers: '0123456789',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

// GetRandomPassword's rules: 32 characters by default, one of each included class unless
// RequireEachIncludedType is false.
function randomPassword(input: Json): string {
  const length = input.PasswordLength ?? 32;
  if (!(Number.isInteger(length) && length >= 1 && length <= 4096)) {
    throw invalidParameter('PasswordLength must be between 1 and 4096.');
  }
  const exclude = new Set(String(input.ExcludeCharacters ?? ''));
  const classes = [
    input.ExcludeLowercase ? '' : CLASSES.lower,
    input.ExcludeUppercase ? '' : CLASSES.upper,
    input.ExcludeNumbers ? '' : CLASSES.numbers,
    input.ExcludePunctuation ? '' : CLASSES.punctuation,
    input.IncludeSpace ? ' ' : '',
  ]
    .map(c => [...c].filter(ch => !exclude.has(ch)).join(''))
    .filter(Boolean);
  const all = classes.join('');
  if (!all) throw invalidParameter('No characters are left to choose from.');
  const pick = (from: string) => from[randomInt(from.length)];
  const chars = Array.from({ length }, () => pick(all));
  if (input.RequireEachIncludedType !== false && length >= classes.length) {
    // One of each class at distinct random positions.
    const positions = new Set<number>();
    while (positions.size < classes.length) positions.add(randomInt(length));
    [...positions].forEach((p, i) => (chars[p] = pick(classes[i])));
  }
  return chars.join('');
}
