import { environmentFlags } from './flags';

describe('environmentFlags (the defaults of the backend config and the CLI)', () => {
  it('makes the environment named dev a dev environment, and requires approval elsewhere', () => {
    expect(environmentFlags('dev', {})).toEqual({
      dev: true,
      requiresApproval: false,
    });
    expect(environmentFlags('prod', {})).toEqual({
      dev: false,
      requiresApproval: true,
    });
  });

  it('keeps what is set', () => {
    expect(environmentFlags('sandbox', { dev: true })).toEqual({
      dev: true,
      requiresApproval: false,
    });
    expect(
      environmentFlags('dev', { dev: true, requiresApproval: true }),
    ).toEqual({ dev: true, requiresApproval: true });
    expect(environmentFlags('qa', { requiresApproval: false })).toEqual({
      dev: false,
      requiresApproval: false,
    });
  });
});
