import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { isInMemorySqlite, warnIfEphemeralAuditStore } from './warnIfEphemeral';

const config = (database: object) =>
  new ConfigReader({ backend: { database } });

describe('the audit store on in-memory SQLite', () => {
  it('is recognised as create-app writes it, and with no connection at all', () => {
    expect(
      isInMemorySqlite(
        config({ client: 'better-sqlite3', connection: ':memory:' }),
      ),
    ).toBe(true);
    expect(isInMemorySqlite(config({ client: 'better-sqlite3' }))).toBe(true);
    expect(
      isInMemorySqlite(
        config({ client: 'sqlite3', connection: { filename: ':memory:' } }),
      ),
    ).toBe(true);
    // The rds plugin's own override decides.
    expect(
      isInMemorySqlite(
        config({
          client: 'pg',
          connection: 'postgres://x',
          plugin: { rds: { client: 'better-sqlite3', connection: ':memory:' } },
        }),
      ),
    ).toBe(true);
  });

  it('is not a file, a directory of per-plugin files, or Postgres', () => {
    expect(
      isInMemorySqlite(
        config({
          client: 'better-sqlite3',
          connection: { directory: '/var/lib/backstage' },
        }),
      ),
    ).toBe(false);
    expect(
      isInMemorySqlite(
        config({
          client: 'better-sqlite3',
          connection: { filename: '/var/lib/backstage/db.sqlite' },
        }),
      ),
    ).toBe(false);
    expect(
      isInMemorySqlite(config({ client: 'pg', connection: 'postgres://x' })),
    ).toBe(false);
    expect(
      isInMemorySqlite(
        config({
          client: 'better-sqlite3',
          connection: ':memory:',
          plugin: { rds: { client: 'pg', connection: 'postgres://x' } },
        }),
      ),
    ).toBe(false);
    expect(isInMemorySqlite(new ConfigReader({}))).toBe(false);
  });

  it('warns at startup outside tests that the audit trail is lost on restart', () => {
    const logger = mockServices.logger.mock();
    const memory = config({ client: 'better-sqlite3', connection: ':memory:' });

    expect(
      warnIfEphemeralAuditStore(memory, logger, { NODE_ENV: 'development' }),
    ).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /audit trail .* in-memory SQLite .* lost when the backend restarts\. Set backend\.database to Postgres/,
    );

    expect(
      warnIfEphemeralAuditStore(memory, logger, { NODE_ENV: 'test' }),
    ).toBe(false);
    expect(
      warnIfEphemeralAuditStore(
        config({ client: 'pg', connection: 'postgres://x' }),
        logger,
        { NODE_ENV: 'production' },
      ),
    ).toBe(false);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
