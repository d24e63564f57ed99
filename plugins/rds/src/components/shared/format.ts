import {
  OUTCOME_PRECEDENCE,
  outcomeLabel,
  type RunOutcome,
  type StepResult,
} from '@rds-self-service/plugin-rds-common';

// The labels have one owner, rds-common, so the scaffolder's task page reads the same.
export { outcomeLabel };

/** Local date and time for an ISO timestamp; the input if it does not parse. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * Counts of step outcomes, most significant first, e.g. "2 created, 5 no
 * change", so a run can be read at a glance; the full list is in the tooltip.
 */
export function summarizeSteps(steps: StepResult[]): string {
  if (steps.length === 0) {
    return 'No steps';
  }
  const counts = new Map<string, number>();
  for (const step of steps) {
    counts.set(step.outcome, (counts.get(step.outcome) ?? 0) + 1);
  }
  const known = OUTCOME_PRECEDENCE.filter(outcome => counts.has(outcome)).map(
    outcome =>
      `${counts.get(outcome)} ${outcomeLabel(outcome).toLocaleLowerCase(
        'en-US',
      )}`,
  );
  const unknown = [...counts.keys()]
    .filter(outcome => !OUTCOME_PRECEDENCE.includes(outcome as RunOutcome))
    .map(outcome => `${counts.get(outcome)} ${outcome}`);
  return [...known, ...unknown].join(', ');
}

/**
 * The most useful message of an error: for a failed backend request, the
 * backend's own message (a ResponseError's cause) rather than the status line.
 */
export function errorMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (
    error.name === 'ResponseError' &&
    cause &&
    typeof (cause as Error).message === 'string'
  ) {
    return (cause as Error).message;
  }
  return error.message;
}
