import type { EnvironmentSummary } from './types';

/**
 * Whether a request in an environment must say why it is made: exactly where
 * provisioning needs approval (`rds.environments.<env>.requiresApproval`, as
 * the rds backend's `GET /environments` reports it), never by the environment's
 * name. The one rule for the justification: the `rds:provision` action enforces
 * it, and the template's form asks for a justification by it.
 *
 * @public
 */
export function requiresJustification(
  environment: Pick<EnvironmentSummary, 'requiresApproval'>,
): boolean {
  return environment.requiresApproval;
}

/**
 * What a request without the justification its environment requires is told.
 *
 * @public
 */
export function missingJustificationMessage(environment: string): string {
  return `Environment '${environment}' requires approval: give a justification saying why the database is needed`;
}
