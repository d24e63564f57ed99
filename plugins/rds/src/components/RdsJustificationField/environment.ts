import type { RdsJustificationUiOptions } from './schema';

/** The shortest justification the form takes: a sentence, not a placeholder. */
export const JUSTIFICATION_MIN_LENGTH = 10;

/** The environment the form has chosen, read from the field `environmentField` names. */
export function chosenEnvironment(
  formData: { [key: string]: unknown } | undefined,
  options: RdsJustificationUiOptions | undefined,
): string | undefined {
  const value = formData?.[options?.environmentField ?? 'environment'];
  return typeof value === 'string' ? value : undefined;
}

/** The message of a missing or too short justification. */
export function justificationProblem(environment: string): string {
  return `${environment} requires approval: say in a sentence why the database is needed (at least ${JUSTIFICATION_MIN_LENGTH} characters).`;
}
