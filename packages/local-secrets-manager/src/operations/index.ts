// The operations this endpoint implements, composed from one module per group.
import type { Secrets } from '../store.ts';
import { deletionOperations } from './deletion.ts';
import type { Operations } from './input.ts';
import { readOperations } from './read.ts';
import { rotationOperations } from './rotation.ts';
import type { RotationRuntime } from './rotation.ts';
import { tagOperations } from './tags.ts';
import { writeOperations } from './write.ts';

export type { Json, Operations } from './input.ts';
export type {
  RotationHandler,
  RotationRuntime,
  RotationStep,
} from './rotation.ts';

export function createOperations(
  secrets: Secrets,
  rotation: RotationRuntime,
): {
  operations: Operations;
  /** The read operations: the data file is not saved after them. */
  readOnly: string[];
} {
  const reads = readOperations(secrets);
  return {
    operations: {
      ...writeOperations(secrets),
      ...reads,
      ...tagOperations(secrets),
      ...deletionOperations(secrets),
      ...rotationOperations(secrets, rotation),
    },
    readOnly: [...Object.keys(reads), 'GetRandomPassword'],
  };
}
