/**
 * One SQL statement of a plan. `redacted` is what plans, logs and audit records show; `render`
 * produces the text actually sent when it differs (it holds a password verifier).
 */
export interface SqlStatement {
  redacted: string;
  render?: () => string;
}

/** A statement without anything to hide. */
export function sql(text: string): SqlStatement {
  return { redacted: text };
}

/** The text to send to the server. */
export function renderStatement(statement: SqlStatement): string {
  return statement.render ? statement.render() : statement.redacted;
}

/** Placeholder shown instead of a password or verifier. */
export const REDACTED = "'********'";
