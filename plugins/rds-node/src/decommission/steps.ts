import type { DecommissionStep } from './types';

type Base = Pick<DecommissionStep, 'id' | 'kind' | 'target'>;

/** A check that passed, or a step with nothing left to do. */
export const check = (base: Base, reason: string): DecommissionStep => ({
  ...base,
  action: 'none',
  sql: [],
  reason,
  run: { op: 'none' },
});
/** A step that stops the run. */
export const block = (base: Base, reason: string): DecommissionStep => ({
  ...base,
  action: 'block',
  sql: [],
  reason,
  run: { op: 'none' },
});
