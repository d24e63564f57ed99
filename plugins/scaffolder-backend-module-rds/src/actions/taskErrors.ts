import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  explainBlock,
  type ProvisionResult,
} from '@rds-self-service/plugin-rds-common';

/**
 * The messages of the steps that block a run, from the rds backend's 409 (one
 * message per line) or from a blocked result. Steps the block kept from
 * running ("not run: the run is blocked (...)") only repeat them.
 */
export function blockMessages(source: string | ProvisionResult): string[] {
  if (typeof source === 'string') {
    return source
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean);
  }
  if (source.error) return [source.error];
  return source.steps
    .filter(s => s.outcome === 'blocked' && !s.message?.startsWith('not run:'))
    .map(s => s.message ?? `${s.kind} ${s.target} is blocked`);
}

/**
 * The error that ends a blocked step: "Blocked, nothing was changed:", the
 * cause, "Fix:" and the fix. The task page shows it as its headline; the
 * whole messages are in the log.
 */
export function blockedError(messages: string[]): ConflictError {
  const [first, ...others] = messages.map(explainBlock);
  const more = others.length
    ? ` (${others.length} more block${
        others.length === 1 ? '' : 's'
      } in the log.)`
    : '';
  const text = first
    ? `Blocked, nothing was changed: ${first.cause} Fix: ${first.fix}${more}`
    : 'Blocked, nothing was changed.';
  return withoutStack(new ConflictError(text));
}

/**
 * The backend's refusal as the step's error, with words that say who refused:
 * a 400 is the request's fault, a 403 a permission or approval, a 409 a
 * guardrail. Other errors are passed on as they are.
 */
export function refusalError(error: unknown): unknown {
  const e = error as Error;
  switch (e?.name) {
    case 'InputError':
      return withoutStack(
        new InputError(`The rds backend rejected the request: ${e.message}`),
      );
    case 'NotAllowedError':
      return withoutStack(new NotAllowedError(`Not allowed: ${e.message}`));
    case 'ConflictError':
      return blockedError(blockMessages(e.message));
    default:
      return error;
  }
}

/**
 * The scaffolder writes a failed step's `stack` to the task log. For an
 * outcome the rds backend reported (a block, a refusal, a failed step), a
 * trace of this action's code says nothing to the person reading it: the
 * stack is the message alone.
 */
export function withoutStack<E extends Error>(error: E): E {
  error.stack = error.message;
  return error;
}
