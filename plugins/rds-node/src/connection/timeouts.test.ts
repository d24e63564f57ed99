import type { RdsInstanceConfig } from '../config/types';
import { resolveTimeouts } from './timeouts';

const instance = (timeouts?: RdsInstanceConfig['timeouts']) => ({
  name: 'main',
  host: '127.0.0.1',
  port: 5432,
  admin: { user: 'a', password: 'b' },
  timeouts,
});

describe('resolveTimeouts', () => {
  it('fills unset (or undefined) timeouts with the defaults', () => {
    expect(resolveTimeouts(instance())).toEqual({
      connectMs: 15_000,
      queryMs: 120_000,
    });
    expect(
      resolveTimeouts(instance({ connectMs: undefined, queryMs: 2000 })),
    ).toEqual({ connectMs: 15_000, queryMs: 2000 });
  });

  it.each([0, -1, 1.5, 2 ** 31, Number.NaN])(
    'refuses %p, naming the key',
    value => {
      expect(() => resolveTimeouts(instance({ queryMs: value }))).toThrow(
        `instance main: timeouts.queryMs must be a whole number of milliseconds between 1 and 2147483647, got ${value}`,
      );
    },
  );
});
