import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type { ProvisionResult } from '@internal/plugin-rds-common';

/** An engine block message split for the task page: one sentence of cause, then what to do. */
export interface BlockExplanation {
  /** The first sentence: what is in the way. */
  cause: string;
  /** What to do about it: the message's "Fix:" part, or asking the platform team. */
  fix: string;
}

/** What to do when the engine's message does not say. */
const ASK_THE_PLATFORM_TEAM =
  'Ask the platform team to resolve it; until then a re-run of the template is blocked too.';

/**
 * Splits the engine's block message ("<cause>. <why>. Fix: <what to do>", see
 * rds-node's plan/guardrails.ts) into one sentence of cause and the fix; the
 * sentences between them (why the platform stopped) are left for the log. A
 * message without that shape is its own cause. The same reading as the
 * Database tab's (plugins/rds, DatabaseStatusCard/blockMessage.ts).
 */
export function explainBlock(message: string): BlockExplanation {
  const text = message.trim().replace(/\s+/g, ' ');
  const fixAt = text.search(/(^|\s)Fix:\s/);
  const before = fixAt >= 0 ? text.slice(0, fixAt).trim() : text;
  const fix =
    fixAt >= 0 ? text.slice(fixAt).replace(/^\s*Fix:\s*/, '') : undefined;
  const [cause] = sentences(before);
  return {
    cause: sentence(capitalize(cause ?? before)),
    fix: fix ? sentence(capitalize(fix)) : ASK_THE_PLATFORM_TEAM,
  };
}

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

// A sentence ends at . ! or ? followed by a space and a capital letter (or a
// quote or parenthesis); a dot inside a name or a time stamp does not end one.
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"'(])/)
    .map(s => s.trim())
    .filter(Boolean);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
