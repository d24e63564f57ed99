// The operations this endpoint implements, composed from one module per group.
import type { Secrets } from '../store.ts';
import { deletionOperations } from './deletion.ts';
import type { Operations } from './input.ts';
import { readOperations } from './read.ts';
import { tagOperations } from './tags.ts';
import { writeOperations } from './write.ts';

export type { Json, Operations } from './input.ts';

export function createOperations(secrets: Secrets): {
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
    },
    readOnly: Object.keys(reads),
  };
}
