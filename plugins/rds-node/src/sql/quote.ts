/**
 * Identifier and literal quoting for the statements Postgres cannot parameterise
 * (CREATE ROLE, GRANT, ...). Names are validated before they get here; quoting is the second
 * line of defence, not the first.
 */

/** Postgres' identifier limit (NAMEDATALEN - 1): longer names are silently truncated. */
const MAX_IDENTIFIER_BYTES = 63;

/** Quotes an identifier: `a"b` → `"a""b"`. Refuses empty, NUL-containing or over-long names. */
export function quoteIdent(name: string): string {
  if (!name || name.includes('\0')) {
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  }
  if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new Error(
      `SQL identifier ${JSON.stringify(
        name,
      )} is longer than ${MAX_IDENTIFIER_BYTES} bytes`,
    );
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Quotes a string literal with standard_conforming_strings semantics (`'` doubled, no
 * backslash escapes). Only used for values utility statements cannot take as parameters:
 * role comments and SCRAM verifiers.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0'))
    throw new Error('invalid SQL literal: contains NUL');
  // E'' with doubled backslashes is correct whatever standard_conforming_strings says.
  const body = value.replace(/'/g, "''");
  return body.includes('\\')
    ? `E'${body.replace(/\\/g, '\\\\')}'`
    : `'${body}'`;
}
