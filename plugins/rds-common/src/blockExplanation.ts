/**
 * An engine block message split for reading: the cause first, then what to do.
 *
 * @public
 */
export interface BlockExplanation {
  /** The first sentence: what is in the way. */
  cause: string;
  /** What to do about it: the message's "Fix:" part, or asking the platform team. */
  fix: string;
  /** The rest of the message (why the platform stopped), for whoever wants it. */
  details?: string;
}

/** What to do when the engine's message does not say. */
const ASK_THE_PLATFORM_TEAM =
  'Ask the platform team to resolve it; until then a re-run of the template is blocked too.';

/**
 * Splits the engine's block message (cause, why, then "Fix:" and what to do; see
 * rds-node's plan/guardrails.ts) into one sentence of cause, the fix, and
 * the rest. A message without that shape is its own cause. The one reading of
 * block messages, for the Database tab and the task page alike.
 *
 * @public
 */
export function explainBlock(message: string): BlockExplanation {
  const text = message.trim().replace(/\s+/g, ' ');
  const fixAt = text.search(/(^|\s)Fix:\s/);
  const before = fixAt >= 0 ? text.slice(0, fixAt).trim() : text;
  const fix =
    fixAt >= 0 ? text.slice(fixAt).replace(/^\s*Fix:\s*/, '') : undefined;
  const [cause, ...rest] = sentences(before);
  return {
    cause: sentence(capitalize(cause ?? before)),
    fix: fix ? sentence(capitalize(fix)) : ASK_THE_PLATFORM_TEAM,
    ...(rest.length > 0 && { details: rest.join(' ') }),
  };
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

/**
 * The text with a final full stop.
 *
 * @public
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
