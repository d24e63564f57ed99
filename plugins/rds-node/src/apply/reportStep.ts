import type { PlanStep, StepResult } from '@rds-self-service/plugin-rds-common';
import type { EngineLogger } from '../context';

/**
 * Progress events, e.g. for scaffolder task logs. The step is typed as the
 * public `PlanStep` of rds-common: what apply runs it with stays inside the
 * engine.
 *
 * @public
 */
export type StepEvent =
  | { phase: 'start'; step: Readonly<PlanStep> }
  | { phase: 'end'; step: Readonly<PlanStep>; result: StepResult };

/** The message of anything thrown. */
export const errorMessage = (error: unknown): string =>
  (error as Error)?.message ?? String(error);

/** Base of the errors a run throws when a step fails: the results so far (the failed one last). */
export class RunStepFailure extends Error {
  constructor(readonly results: StepResult[], readonly cause: unknown) {
    super(errorMessage(cause));
    this.name = new.target.name;
  }
}

/** Where a run reports its steps. */
export interface StepReporting {
  logger: EngineLogger;
  runId: string;
  onStep?: (event: StepEvent) => void | Promise<void>;
}

type ReportedStep = Readonly<PlanStep>;

/** The result of a step that was not run (its action is `none`). */
export const skippedResult = (
  step: ReportedStep,
  outcome: StepResult['outcome'],
  message?: string,
): StepResult => ({
  id: step.id,
  kind: step.kind,
  target: step.target,
  outcome,
  ...(message === undefined ? {} : { message }),
});

/**
 * Runs one step between its `start` and `end` events and appends its result: `failed` with the
 * error's message when `run` throws (then rethrows), else `outcome` with the message `run`
 * resolves to (or the step's reason).
 */
export async function reportStep(
  step: ReportedStep,
  outcome: StepResult['outcome'],
  run: () => Promise<string | undefined>,
  results: StepResult[],
  ctx: StepReporting,
): Promise<void> {
  await ctx.onStep?.({ phase: 'start', step });
  let message: string | undefined;
  try {
    message = await run();
  } catch (error) {
    const result: StepResult = {
      id: step.id,
      kind: step.kind,
      target: step.target,
      outcome: 'failed',
      message: errorMessage(error),
    };
    results.push(result);
    await ctx.onStep?.({ phase: 'end', step, result });
    throw error;
  }
  const result: StepResult = {
    id: step.id,
    kind: step.kind,
    target: step.target,
    outcome,
    message: message ?? step.reason,
  };
  ctx.logger.info(`rds ${ctx.runId}: ${step.id} ${outcome} (${step.target})`);
  results.push(result);
  await ctx.onStep?.({ phase: 'end', step, result });
}
