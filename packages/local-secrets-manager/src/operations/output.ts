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
    RotationEnabled: false,
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
