import type { EnvironmentSummary } from '@rds-self-service/plugin-rds-common';

/**
 * Whether this user's run in the environment stops for approval: the rds
 * backend's `approvalRequiredForYou` (the permission decision a run gets), or
 * the environment's `requiresApproval` from a backend that does not say.
 */
export function approvalStopsYou(
  environment: Pick<
    EnvironmentSummary,
    'requiresApproval' | 'approvalRequiredForYou'
  >,
): boolean {
  return environment.approvalRequiredForYou ?? environment.requiresApproval;
}

/** The justification field's help: who reads it, by whether the run stops for approval. */
export function justificationHelp(
  environment: Pick<
    EnvironmentSummary,
    'name' | 'requiresApproval' | 'approvalRequiredForYou'
  >,
): string {
  return approvalStopsYou(environment)
    ? `${environment.name} requires approval: the approvers and the audit trail read this.`
    : `${environment.name} asks why: the audit trail keeps this. You may provision there without waiting for approval.`;
}
