import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

const SQLITE_CLIENTS = ['better-sqlite3', 'sqlite3'];

/**
 * Whether the rds plugin's database (its audit trail and approval requests) is an in-memory
 * SQLite one, as in a pristine create-app: `backend.database` (or its `plugin.rds` override)
 * with a SQLite client and the connection `:memory:`, or none (which means the same) and no
 * `directory` for per-plugin files.
 */
export function isInMemorySqlite(config: Config): boolean {
  const base = config.getOptionalConfig('backend.database');
  if (!base) return false;
  const own = base.getOptionalConfig('plugin.rds');
  const client =
    own?.getOptionalString('client') ?? base.getOptionalString('client');
  if (!client || !SQLITE_CLIENTS.includes(client)) return false;
  const connection = (own?.getOptional('connection') ??
    base.getOptional('connection')) as
    | string
    | { filename?: string; directory?: string }
    | undefined;
  if (typeof connection === 'string') return connection === ':memory:';
  if (connection?.directory) return false;
  return !connection?.filename || connection.filename === ':memory:';
}

/**
 * Warns at startup, outside tests, that the audit trail would vanish at the next restart: a
 * pristine app's default database is in-memory SQLite. Returns whether it warned.
 */
export function warnIfEphemeralAuditStore(
  config: Config,
  logger: LoggerService,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.NODE_ENV === 'test' || !isInMemorySqlite(config)) return false;
  logger.warn(
    'The rds audit trail (who provisioned what, approvals, refusals) is in an in-memory SQLite ' +
      'database and is lost when the backend restarts. Set backend.database to Postgres ' +
      '(client: pg), or backend.database.plugin.rds to a persistent database; see docs/install.md.',
  );
  return true;
}
