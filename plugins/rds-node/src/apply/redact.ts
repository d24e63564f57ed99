/** Anything that looks like a SCRAM verifier. */
const VERIFIER = /SCRAM-SHA-256\$[^\s'"]+/g;

/**
 * Last line of defence for strings leaving the engine (errors, messages): removes the known
 * passwords and any SCRAM verifier. The engine does not put them there; this makes sure a
 * driver or SDK message quoting its input cannot either.
 */
export function redact(
  text: string,
  secrets: Array<string | undefined>,
): string {
  let out = text.replace(VERIFIER, '********');
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('********');
  }
  return out;
}
