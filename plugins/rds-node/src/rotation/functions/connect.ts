import { Client } from 'pg';
import type { RotationSecret } from './secretDict';

/**
 * How the rotation function reaches the database.
 *
 * @public
 */
export interface RotationConnectOptions {
  /** PEM bundle TLS is verified against (the Lambda uses the system bundle). */
  ca?: string;
  /** Connect timeout; the published functions use 5 s. */
  connectTimeoutMs?: number;
}

/**
 * The published functions' `get_ssl_config`: no `ssl` key means TLS first and plain TCP if
 * that fails; a boolean or "true"/"false" decides without fallback.
 */
function sslConfig(secret: RotationSecret): {
  useSsl: boolean;
  fallBack: boolean;
} {
  const ssl = secret.ssl;
  if (ssl === undefined) return { useSsl: true, fallBack: true };
  if (typeof ssl === 'boolean') return { useSsl: ssl, fallBack: false };
  if (typeof ssl === 'string') {
    if (ssl.toLowerCase() === 'true') return { useSsl: true, fallBack: false };
    if (ssl.toLowerCase() === 'false')
      return { useSsl: false, fallBack: false };
  }
  return { useSsl: true, fallBack: true };
}

async function connectAndAuthenticate(
  secret: RotationSecret,
  useSsl: boolean,
  options: RotationConnectOptions,
): Promise<Client | undefined> {
  const client = new Client({
    host: secret.host,
    port: secret.port !== undefined ? Number(secret.port) : 5432,
    user: secret.username,
    password: secret.password,
    database: secret.dbname ?? 'postgres',
    // verify-full: the chain against the bundle, the host name by Node's default check.
    ssl: useSsl ? { rejectUnauthorized: true, ca: options.ca } : false,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => {});
    return undefined;
  }
}

/** `get_connection`: a logged-in client, or undefined when the credentials do not log in. */
export async function getConnection(
  secret: RotationSecret,
  options: RotationConnectOptions,
): Promise<Client | undefined> {
  const { useSsl, fallBack } = sslConfig(secret);
  const client = await connectAndAuthenticate(secret, useSsl, options);
  if (client || !fallBack) return client;
  return connectAndAuthenticate(secret, false, options);
}

/** Runs fn on a connection and always closes it. */
export async function using<T>(
  client: Client,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
