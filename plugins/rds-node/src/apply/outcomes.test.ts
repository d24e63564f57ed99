import type { StepResult } from '@rds-self-service/plugin-rds-common';
import { mergeAttempts, runOutcome, successOutcome } from './outcomes';

const r = (id: string, outcome: StepResult['outcome']): StepResult => ({
  id,
  kind: 'role',
  target: id,
  outcome,
});

describe('outcomes', () => {
  it('maps plan actions to step outcomes', () => {
    expect(successOutcome('create', false)).toBe('created');
    expect(successOutcome('update', false)).toBe('updated');
    expect(successOutcome('none', false)).toBe('no_change');
    expect(successOutcome('create', true)).toBe('planned');
    expect(successOutcome('block', false)).toBe('blocked');
  });

  it('takes the most significant step outcome as the run outcome', () => {
    expect(runOutcome([r('a', 'no_change'), r('b', 'updated')])).toBe(
      'updated',
    );
    expect(runOutcome([r('a', 'created'), r('b', 'updated')])).toBe('created');
    expect(runOutcome([r('a', 'created'), r('b', 'blocked')])).toBe('blocked');
    expect(runOutcome([r('a', 'blocked'), r('b', 'failed')])).toBe('failed');
    expect(runOutcome([r('a', 'no_change')])).toBe('no_change');
    expect(runOutcome([])).toBe('no_change');
  });

  it('keeps what an earlier attempt did when a retry finds it done', () => {
    const earlier = new Map([
      ['a', { ...r('a', 'created'), message: 'role a does not exist' }],
    ]);
    expect(
      mergeAttempts(earlier, [r('a', 'no_change'), r('b', 'created')]),
    ).toEqual([
      {
        ...r('a', 'created'),
        message: 'role a does not exist (before a retry)',
      },
      r('b', 'created'),
    ]);
  });
});
