import type { StepOutcome } from './types';

/**
 * Step outcomes, most significant first: a run's outcome is the first of these
 * any of its steps has, and summaries list counts in this order.
 */
export const OUTCOME_PRECEDENCE: readonly StepOutcome[] = [
  'failed',
  'blocked',
  'created',
  'updated',
  'planned',
  'no_change',
];
