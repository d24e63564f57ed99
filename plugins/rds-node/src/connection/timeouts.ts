import { Client, type ClientConfig } from 'pg';
import type { RdsInstanceConfig, RdsInstanceTimeouts } from '../config/types';

/** Defaults of {@link RdsInstanceTimeouts}, in milliseconds. */
export const DEFAULT_TIMEOUTS: Readonly<Required<RdsInstanceTimeouts>> = {
  connectMs: 15_000,
  queryMs: 120_000,
};

/** The longest delay both setTimeout and Postgres' timeout settings take (about 24.8 days). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A whole, positive number of milliseconds that setTimeout and Postgres both take. */
export function isTimeoutMs(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value > 0 &&
    value <= MAX_TIMEOUT_MS
  );
}

/** The instance's timeouts with their defaults; throws naming the key of an invalid one. */
export function resolveTimeouts(
  instance: RdsInstanceConfig,
): Required<RdsInstanceTimeouts> {
  const timeouts = {
    connectMs: instance.timeouts?.connectMs ?? DEFAULT_TIMEOUTS.connectMs,
    queryMs: instance.timeouts?.queryMs ?? DEFAULT_TIMEOUTS.queryMs,
  };
  for (const [key, value] of Object.entries(timeouts)) {
    if (!isTimeoutMs(value)) {
      throw new Error(
        `instance ${instance.name}: timeouts.${key} must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got ${value}`,
      );
    }
  }
  return timeouts;
}

/** `1500` → `1.5 s`. */
export function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/**
 * A statement got no answer within its bound: the server or the network stalled. The
 * session is closed (never reused), and the run is not retried: the stalled server-side
 * session may still hold the app's lock, so an immediate retry would only wait for it.
 */
export class QueryTimeoutError extends Error {
  constructor(where: string, boundMs: number, setting: string) {
    super(
      `no answer from ${where} within ${seconds(
        boundMs,
      )} (${setting}): the server or the network stopped answering; the session was closed`,
    );
    this.name = 'QueryTimeoutError';
  }
}

/**
 * No session within `connectMs`. Nothing ran on it, so this one is retried like a dropped
 * connection (a failover makes connects time out for a while).
 */
export class ConnectTimeoutError extends Error {
  constructor(where: string, boundMs: number, poolSize: number) {
    super(
      `could not open a session to ${where} within ${seconds(
        boundMs,
      )} (instance.timeouts.connectMs): the instance did not accept the connection in time, or all ${poolSize} pooled sessions were busy`,
    );
    this.name = 'ConnectTimeoutError';
  }
}

/** pg's and pg-pool's messages for a connect that outlived connectionTimeoutMillis. */
export function isConnectTimeout(error: unknown): boolean {
  const message = (error as { message?: unknown })?.message;
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated due to connection timeout|timeout expired/.test(
      message,
    )
  );
}

/** What a {@link BoundedClient} bounds, and how its errors name the session. */
export interface SessionBounds {
  queryMs: number;
  /** E.g. `instance main (db.example:5432), database postgres`. */
  where: string;
}

type AnyQuery = (...args: unknown[]) => Promise<unknown>;

/**
 * A pg client whose promise-style queries fail with {@link QueryTimeoutError} when no answer
 * comes within `queryMs`. On timeout it ends itself, which destroys the socket (pg does that
 * when a query is active), so the pool drops it even when released without an error and the
 * server sees the connection close as soon as it reads again. pg's own `query_timeout` would
 * leave the session open with its query still active.
 */
export class BoundedClient extends Client {
  constructor(
    config: ClientConfig | undefined,
    readonly bounds: SessionBounds,
  ) {
    super(config);
  }

  /** A client class for pg-pool's `Client` option. */
  static with(bounds: SessionBounds): new (config?: ClientConfig) => Client {
    return class extends BoundedClient {
      constructor(config?: ClientConfig) {
        super(config, bounds);
      }
    };
  }

  override query(...args: any[]): any {
    const send = () =>
      (Client.prototype.query as unknown as AnyQuery).apply(this, args);
    // The engine only uses promises; callback and Submittable queries keep pg's behaviour.
    if (
      typeof args[args.length - 1] === 'function' ||
      typeof args[0]?.submit === 'function'
    ) {
      return send();
    }
    return this.within(this.bounds.queryMs, 'instance.timeouts.queryMs', send);
  }

  /**
   * A query that may legitimately wait `waitMs` on the server (for a lock) before it answers:
   * its bound is that wait plus `queryMs`.
   */
  queryAllowingWait(
    waitMs: number,
    waitSetting: string,
    text: string,
    values?: unknown[],
  ): Promise<unknown> {
    const send = () =>
      (Client.prototype.query as unknown as AnyQuery).call(this, text, values);
    return this.within(
      Math.min(waitMs + this.bounds.queryMs, MAX_TIMEOUT_MS),
      `${waitSetting} + instance.timeouts.queryMs`,
      send,
    );
  }

  private within<T>(
    ms: number,
    setting: string,
    send: () => Promise<T>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new QueryTimeoutError(this.bounds.where, ms, setting));
        // With a query active, end() destroys the socket at once: pg never reuses the
        // session and the pending query settles (its rejection lands on a settled promise).
        this.end().catch(() => {});
      }, ms);
      send().then(
        value => {
          clearTimeout(timer);
          resolve(value);
        },
        error => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
