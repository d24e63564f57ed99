import { isConnectionLost, isTransientDatabaseError } from './errors';
import { ConnectTimeoutError, QueryTimeoutError } from './timeouts';

describe('transient errors', () => {
  it.each([
    [{ code: 'XX000', message: 'tuple concurrently updated' }],
    [{ code: '40001', message: 'could not serialize access' }],
    [{ code: '40P01', message: 'deadlock detected' }],
    [
      {
        code: '55006',
        message: 'source database "template1" is being accessed by other users',
      },
    ],
    [
      {
        code: '57P01',
        message: 'terminating connection due to administrator command',
      },
    ],
    [{ message: 'Connection terminated unexpectedly' }],
    [
      {
        message:
          'Client has encountered a connection error and is not queryable',
      },
    ],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }],
  ])('retries %j', error => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    [{ code: '42501', message: 'permission denied to create role' }],
    [{ code: '42710', message: 'role "x" already exists' }],
    [{ code: '55P03', message: 'canceling statement due to lock timeout' }],
    [
      new Error(
        'Secrets Manager CreateSecret for rds/dev/x failed: InternalServiceError',
      ),
    ],
    [undefined],
  ])('does not retry %j', error => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });

  it('retries a connect timeout, not a statement that got no answer', () => {
    const where = 'instance main (db:5432), database postgres';
    expect(
      isTransientDatabaseError(new ConnectTimeoutError(where, 15_000, 10)),
    ).toBe(true);
    const stalled = new QueryTimeoutError(
      where,
      1500,
      'instance.timeouts.queryMs',
    );
    expect(stalled.message).toBe(
      'no answer from instance main (db:5432), database postgres within 1.5 s (instance.timeouts.queryMs): the server or the network stopped answering; the session was closed',
    );
    expect(isTransientDatabaseError(stalled)).toBe(false);
    expect(isConnectionLost(stalled)).toBe(false);
  });

  it('tells a lost connection from other errors', () => {
    expect(
      isConnectionLost({ code: '57P01', message: 'terminating connection' }),
    ).toBe(true);
    expect(
      isConnectionLost({ message: 'Connection terminated unexpectedly' }),
    ).toBe(true);
    expect(
      isConnectionLost({ code: '42501', message: 'permission denied' }),
    ).toBe(false);
  });
});
