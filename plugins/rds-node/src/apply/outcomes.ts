import {
  OUTCOME_PRECEDENCE,
  type PlanStep,
  type RunOutcome,
  type StepOutcome,
  type StepResult,
} from '@rds-self-service/plugin-rds-common';

/** The outcome a step gets when it ran successfully (or would, in a dry run). */
export function successOutcome(
  action: PlanStep['action'],
  dryRun: boolean,
): StepOutcome {
  if (action === 'none') return 'no_change';
  if (action === 'block') return 'blocked';
  if (dryRun) return 'planned';
  return action === 'create' ? 'created' : 'updated';
}

/** The run's outcome: the most significant of its steps' outcomes. */
export function runOutcome(steps: StepResult[]): RunOutcome {
  for (const outcome of OUTCOME_PRECEDENCE) {
    if (steps.some(s => s.outcome === outcome)) return outcome;
  }
  return 'no_change';
}

/**
 * Merges a retried run's steps with what earlier attempts already did: a step an earlier
 * attempt created shows `no_change` in the retry, but the run did create it.
 */
export function mergeAttempts(
  earlier: Map<string, StepResult>,
  latest: StepResult[],
): StepResult[] {
  return latest.map(result => {
    const before = earlier.get(result.id);
    if (
      before &&
      result.outcome === 'no_change' &&
      (before.outcome === 'created' || before.outcome === 'updated')
    ) {
      return {
        ...before,
        message: `${before.message ?? ''} (before a retry)`.trim(),
      };
    }
    return result;
  });
}
