import { errorMessage, formatTimestamp, summarizeSteps } from './format';
import { backendError } from '../../testing/fixtures';

describe('summarizeSteps', () => {
  it('counts outcomes, most serious first', () => {
    expect(
      summarizeSteps([
        { id: 'a', kind: 'role', target: 'r', outcome: 'no_change' },
        { id: 'b', kind: 'database', target: 'd', outcome: 'created' },
        { id: 'c', kind: 'grants', target: 'd', outcome: 'failed' },
        { id: 'd', kind: 'secret', target: 's', outcome: 'no_change' },
      ]),
    ).toBe('1 failed, 1 created, 2 no change');
    expect(summarizeSteps([])).toBe('No steps');
  });
});

describe('formatTimestamp', () => {
  it('keeps input that is not a date instead of showing "Invalid Date"', () => {
    expect(formatTimestamp('not a date')).toBe('not a date');
    expect(formatTimestamp(undefined)).toBe('');
    expect(formatTimestamp('2026-11-20T10:15:00.000Z')).toMatch(/2026/);
  });
});

describe('errorMessage', () => {
  it('prefers the backend’s message over the status line', async () => {
    const error = await backendError(
      409,
      'ConflictError',
      'Database is owned by legacy_dba',
    );
    expect(error.message).toBe('Request failed with 409 ConflictError');
    expect(errorMessage(error)).toBe('Database is owned by legacy_dba');
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});
