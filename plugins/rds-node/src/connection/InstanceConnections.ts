import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Pool, type PoolClient } from 'pg';
import type { RdsInstanceConfig } from '../config/types';
import type { EngineLogger } from '../context';
import { type AdminLogin, resolveAdminLogin } from './adminCredentials';
import { sslOptions } from './ssl';
import {
  BoundedClient,
  ConnectTimeoutError,
  isConnectTimeout,
  isTimeoutMs,
  MAX_TIMEOUT_MS,
  resolveTimeouts,
} from './timeouts';

/** Options for {@link InstanceConnections}. */
export interface InstanceConnectionsOptions {
  instance: RdsInstanceConfig;
  secretsManager: SecretsManagerClient;
  logger: EngineLogger;
  /** Admin sessions to the admin database; one per concurrent run. Default 10. */
  maxAdminConnections?: number;
  /** App databases whose admin session is kept warm for re-runs. Default 16. */
  maxDatabasePools?: number;
  /** lock_timeout of admin sessions: bounds waits for advisory and catalog locks. Default 60 s. */
  lockTimeoutMs?: number;
}

/** Default of {@link InstanceConnectionsOptions.lockTimeoutMs}. */
export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;

/** TCP keepalive probes start after this much silence, so dead peers of idle sessions show up. */
const KEEPALIVE_DELAY_MS = 10_000;

export const APPLICATION_NAME = 'backstage-rds-engine';

/**
 * The admin's connections to one instance: a pool on the admin database for cluster-wide
 * work and advisory locks, and small per-database pools for grants inside app databases.
 */
export class InstanceConnections {
  private login?: Promise<AdminLogin>;
  private adminPool?: Pool;
  private readonly databasePools = new Map<string, Pool>();
  private version?: number;
  private closed = false;
  private readonly timeouts: ReturnType<typeof resolveTimeouts>;
  private readonly lockTimeoutMs: number;

  constructor(private readonly options: InstanceConnectionsOptions) {
    this.timeouts = resolveTimeouts(options.instance);
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    if (!isTimeoutMs(this.lockTimeoutMs)) {
      throw new Error(
        `lockTimeoutMs must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got ${this.lockTimeoutMs}`,
      );
    }
  }

  get instance(): RdsInstanceConfig {
    return this.options.instance;
  }

  /** The admin login, read once (from config or its secret) and reused. */
  adminLogin(): Promise<AdminLogin> {
    if (!this.login) {
      this.login = resolveAdminLogin(
        this.options.instance.admin,
        this.options.secretsManager,
        this.options.instance,
      );
      // A failed read (secret store down) must not stick.
      this.login.catch(() => {
        this.login = undefined;
      });
    }
    return this.login;
  }

  /** A session on the admin database. Release it with `release(error?)`. */
  async adminSession(): Promise<PoolClient> {
    return this.withFreshLogin(async () => {
      if (!this.adminPool) {
        this.adminPool = await this.createPool(
          this.options.instance.adminDatabase ?? 'postgres',
          this.options.maxAdminConnections ?? 10,
        );
      }
      return this.checkout(this.adminPool);
    });
  }

  /** A session on an app database (as the admin), from a small kept-warm pool. */
  async databaseSession(database: string): Promise<PoolClient> {
    return this.withFreshLogin(() => this.databaseSessionOnce(database));
  }

  /**
   * When the admin's secret was rotated, pools still hold the old password: on an
   * authentication failure read the secret again, rebuild the pools and try once more.
   */
  private async withFreshLogin(
    connect: () => Promise<PoolClient>,
  ): Promise<PoolClient> {
    try {
      return await connect();
    } catch (error) {
      const admin = this.options.instance.admin;
      const rotated =
        (error as { code?: string }).code === '28P01' &&
        ('secretId' in admin || 'iam' in admin);
      if (!rotated) throw error;
      this.options.logger.warn(
        'iam' in admin
          ? 'admin IAM token rejected: signing a new one'
          : 'admin password rejected: reading the admin secret again',
      );
      this.login = undefined;
      const pools = [this.adminPool, ...this.databasePools.values()];
      this.adminPool = undefined;
      this.databasePools.clear();
      await Promise.all(pools.map(p => p?.end().catch(() => {})));
      return connect();
    }
  }

  private async databaseSessionOnce(database: string): Promise<PoolClient> {
    let pool = this.databasePools.get(database);
    if (pool) {
      // Map order is the LRU order: move to the end.
      this.databasePools.delete(database);
    } else {
      pool = await this.createPool(database, 2);
    }
    this.databasePools.set(database, pool);
    const limit = this.options.maxDatabasePools ?? 16;
    for (const [name, old] of this.databasePools) {
      if (this.databasePools.size <= limit) break;
      this.databasePools.delete(name);
      void old.end().catch(() => {});
    }
    return this.checkout(pool);
  }

  /** pool.connect(), with a connect timeout that names its bound and key. */
  private async checkout(pool: Pool): Promise<PoolClient> {
    try {
      return await pool.connect();
    } catch (error) {
      if (!isConnectTimeout(error)) throw error;
      throw new ConnectTimeoutError(
        this.where(pool.options.database ?? ''),
        this.timeouts.connectMs,
        pool.options.max ?? 0,
      );
    }
  }

  private where(database: string): string {
    const { name, host, port } = this.options.instance;
    return `instance ${name} (${host}:${port}), database ${database}`;
  }

  /** Closes idle sessions to one database, e.g. before it is compared or dropped. */
  async forgetDatabase(database: string): Promise<void> {
    const pool = this.databasePools.get(database);
    this.databasePools.delete(database);
    await pool?.end().catch(() => {});
  }

  /** `server_version_num` of the instance (e.g. 170010), read once. */
  async serverVersion(session: PoolClient): Promise<number> {
    if (this.version === undefined) {
      const { rows } = await session.query(
        `SELECT current_setting('server_version_num')::int AS v`,
      );
      this.version = rows[0].v as number;
    }
    return this.version;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [this.adminPool, ...this.databasePools.values()];
    this.adminPool = undefined;
    this.databasePools.clear();
    await Promise.all(pools.map(p => p?.end().catch(() => {})));
  }

  private async createPool(database: string, max: number): Promise<Pool> {
    if (this.closed) throw new Error('the provisioner has been closed');
    const { instance, logger } = this.options;
    const login = await this.adminLogin();
    const { connectMs, queryMs } = this.timeouts;
    const pool = new Pool({
      Client: BoundedClient.with({ queryMs, where: this.where(database) }),
      host: instance.host,
      port: instance.port,
      user: login.user,
      // An IAM admin's token is signed anew for every connection the pool opens.
      password: login.token ?? login.password,
      database,
      ssl: sslOptions(instance),
      application_name: APPLICATION_NAME,
      max,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      allowExitOnIdle: true,
      // No statement may hang a run forever, nor wait for a lock forever. The client bounds
      // the same statements (BoundedClient) for when the server cannot answer at all;
      // tcp_user_timeout makes the server drop a connection whose peer stopped acknowledging.
      statement_timeout: queryMs,
      options: `-c lock_timeout=${this.lockTimeoutMs} -c tcp_user_timeout=${queryMs}`,
    });
    // Without listeners a terminated idle or checked-out session would crash the process.
    pool.on('error', error =>
      logger.warn(`idle admin session to ${database} failed: ${error.message}`),
    );
    pool.on('connect', client =>
      client.on('error', error =>
        logger.warn(`admin session to ${database} failed: ${error.message}`),
      ),
    );
    return pool;
  }
}
