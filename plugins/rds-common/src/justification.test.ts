import {
  missingJustificationMessage,
  requiresJustification,
} from './justification';
import type { EnvironmentSummary } from './types';

const env = (name: string, requiresApproval: boolean): EnvironmentSummary => ({
  name,
  instance: `${name}-postgres`,
  requiresApproval,
});

describe('requiresJustification', () => {
  it('asks for a justification exactly where the environment requires approval', () => {
    expect(requiresJustification(env('prod', true))).toBe(true);
    expect(requiresJustification(env('staging', false))).toBe(false);
    // The name decides nothing: a prod without approval, a dev with it.
    expect(requiresJustification(env('prod', false))).toBe(false);
    expect(requiresJustification(env('dev', true))).toBe(true);
  });

  it('says what to give', () => {
    expect(missingJustificationMessage('prod')).toBe(
      "Environment 'prod' requires approval: give a justification saying why the database is needed",
    );
  });
});
