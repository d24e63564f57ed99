import type { PoolClient } from 'pg';

/**
 * Runs `work`, which opens an explicit transaction on `session` (a `BEGIN`, sent alone or at
 * the head of a multi-statement string). A failed statement leaves that transaction open and
 * aborted, so on failure it is rolled back (best effort) before the error goes on, unchanged.
 */
export async function rollbackOnFailure<T>(
  session: PoolClient,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await session.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
