import { environmentSslProblems } from './ssl';

const names = { mode: 'MODE', ca: 'CA' };

describe('environmentSslProblems (the TLS rule of the backend config and the CLI)', () => {
  it.each([
    // mode, hasCa, host, dev, the start of the problem ('' for none)
    ['verify-full', true, 'db.example.com', false, ''],
    ['verify-full', true, '127.0.0.1', false, ''],
    ['disable', false, '127.0.0.1', true, ''],
    ['require', false, 'localhost', true, ''],
    [
      'disable',
      false,
      '127.0.0.1',
      false,
      "MODE must be verify-full outside dev environments (got 'disable')",
    ],
    [
      'require',
      true,
      'db.example.com',
      false,
      "MODE must be verify-full outside dev environments (got 'require')",
    ],
    [
      'disable',
      false,
      'db.example.com',
      true,
      "MODE must be verify-full for a host that is not this machine (db.example.com, got 'disable')",
    ],
    [
      'verify-full',
      false,
      '127.0.0.1',
      true,
      'CA is required with ssl.mode verify-full',
    ],
  ] as const)('%s, CA %s, %s, dev %s', (mode, hasCa, host, dev, problem) => {
    const problems = environmentSslProblems({ mode, hasCa, host, dev }, names);
    const expected = problem ? [problem] : [];
    expect(problems.map((p, i) => p.startsWith(expected[i]))).toEqual(
      expected.map(() => true),
    );
  });
});
