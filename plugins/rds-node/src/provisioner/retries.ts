import type {
  ProvisionResult,
  StepResult,
} from '@rds-self-service/plugin-rds-common';
import { isTransientDatabaseError } from '../connection/errors';
import type { EngineLogger } from '../context';
import { StepFailure } from '../apply/executeSteps';
import { mergeAttempts, runOutcome } from '../apply/outcomes';
import { redact } from '../apply/redact';
import { describeError } from './results';

/** What one attempt of a run returns. */
export type AttemptResult = Pick<ProvisionResult, 'steps' | 'secretArn'>;

/** Filled in by an attempt once it knows the password, for redacting error messages. */
export interface KnownSecrets {
  password?: () => string;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs attempts of one (idempotent) run until one succeeds, an error is not transient, or
 * `maxAttempts` is reached, with backoff. Step outcomes of earlier attempts are merged in, so
 * a role created before a retry still shows `created`. Failures become results, redacted.
 */
export async function runWithRetries(
  attempt: (known: KnownSecrets) => Promise<AttemptResult>,
  options: { maxAttempts: number; logger: EngineLogger; runId: string },
): Promise<Pick<ProvisionResult, 'steps' | 'secretArn' | 'outcome' | 'error'>> {
  const { maxAttempts, logger, runId } = options;
  const earlier = new Map<string, StepResult>();
  const known: KnownSecrets = {};
  for (let n = 1; ; n++) {
    try {
      const out = await attempt(known);
      const steps = mergeAttempts(earlier, out.steps);
      return { ...out, steps, outcome: runOutcome(steps) };
    } catch (error) {
      const failure = error instanceof StepFailure ? error : undefined;
      for (const r of failure?.results ?? []) {
        if (r.outcome === 'created' || r.outcome === 'updated')
          earlier.set(r.id, r);
      }
      const cause = failure ? failure.cause : error;
      const secrets = [known.password?.()];
      if (n < maxAttempts && isTransientDatabaseError(cause)) {
        logger.warn(
          `rds ${runId}: attempt ${n} met a transient error, retrying: ${describeError(
            cause,
            secrets,
          )}`,
        );
        await sleep(100 * 2 ** (n - 1) + Math.random() * 100);
        continue;
      }
      const message = describeError(cause, secrets);
      const steps = mergeAttempts(
        earlier,
        (failure?.results ?? []).map(r => ({
          ...r,
          message: r.message && redact(r.message, secrets),
        })),
      );
      logger.error(`rds ${runId}: failed: ${message}`);
      return {
        outcome: 'failed',
        steps,
        error: failure
          ? `step ${failure.failedStep.id} (${failure.failedStep.target}) failed: ${message}`
          : message,
      };
    }
  }
}
