import type { DecommissionStep } from './types';

type Base = Pick<DecommissionStep, 'id' | 'kind' | 'target'>;

const nothingToRun =
  (action: 'none' | 'block') =>
  (base: Base, reason: string): DecommissionStep => ({
    ...base,
    action,
    sql: [],
    reason,
    run: { op: 'none' },
  });
/** A check that passed, or a step with nothing left to do. */
export const check = nothingToRun('none');
/** A step that stops the run. */
export const block = nothingToRun('block');
