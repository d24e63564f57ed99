import type { RunOutcome, StepOutcome } from './types';

/**
 * Step outcomes, most significant first: a run's outcome is the first of these
 * any of its steps has, and summaries list counts in this order.
 *
 * @public
 */
export const OUTCOME_PRECEDENCE: readonly StepOutcome[] = [
  'failed',
  'blocked',
  'denied',
  'rejected',
  'expired',
  'pending_approval',
  'deleted',
  'created',
  'updated',
  'planned',
  'no_change',
];

const OUTCOME_LABELS: Record<RunOutcome, string> = {
  created: 'Created',
  updated: 'Updated',
  deleted: 'Deleted',
  no_change: 'No change',
  blocked: 'Blocked',
  failed: 'Failed',
  planned: 'Planned',
  denied: 'Not approved',
  pending_approval: 'Pending approval',
  rejected: 'Rejected',
  expired: 'Expired',
};

/**
 * How people read a run or step outcome, the same on the Database tab and the
 * scaffolder's task page: `Created`, `No change`, never `no_change`.
 *
 * @public
 */
export function outcomeLabel(outcome: RunOutcome): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}
