// Shapes shared by several answers.
import type { Secret } from '../store.ts';
import type { Json } from './input.ts';

// The JSON protocol carries timestamps as epoch seconds.
export const seconds = (ms?: number) =>
  ms === undefined ? undefined : ms / 1000;

export function describe(secret: Secret): Json {
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    ...describeRotation(secret),
    CreatedDate: seconds(secret.created),
    LastChangedDate: seconds(secret.changed),
    DeletedDate: seconds(secret.deleted),
    Tags: secret.tags.length ? secret.tags : undefined,
  };
}

export function versionsToStages(secret: Secret) {
  const labelled = secret.versions.filter(v => v.stages.length);
  return Object.fromEntries(labelled.map(v => [v.id, v.stages]));
}

const DAY_MS = 24 * 60 * 60 * 1000;

// The rotation fields of DescribeSecret; the next date only for a schedule in days.
function describeRotation(secret: Secret): Json {
  const r = secret.rotation;
  if (!r) return { RotationEnabled: false };
  const since = r.lastRotated ?? r.configured;
  return {
    RotationEnabled: r.enabled,
    RotationLambdaARN: r.lambdaArn,
    RotationRules: {
      AutomaticallyAfterDays: r.afterDays,
      ScheduleExpression: r.schedule,
    },
    LastRotatedDate: seconds(r.lastRotated),
    NextRotationDate:
      r.enabled && r.afterDays
        ? seconds(since + r.afterDays * DAY_MS)
        : undefined,
  };
}
