import { Client } from 'pg';
import type { RdsInstanceConfig } from '../config/types';
import { APPLICATION_NAME } from '../connection/InstanceConnections';
import { sslOptions } from '../connection/ssl';
import { resolveTimeouts } from '../connection/timeouts';
import type { LoginCheck } from './types';

/**
 * Logs in as the app's login role with the secret's password, the way the app will: the only
 * proof that the password still matches, since the admin cannot read pg_authid. Only
 * `28P01` (wrong password, or expired) counts as rejected; anything after authentication
 * (no CONNECT yet, database missing) proves the password, and other failures prove nothing.
 */
export async function checkLogin(
  instance: RdsInstanceConfig,
  login: { user: string; password: string; database: string },
): Promise<LoginCheck> {
  const client = new Client({
    host: instance.host,
    port: instance.port,
    user: login.user,
    password: login.password,
    database: login.database,
    ssl: sslOptions(instance),
    application_name: `${APPLICATION_NAME}-login-check`,
    // A login that neither succeeds nor fails in time proves nothing either way.
    connectionTimeoutMillis: resolveTimeouts(instance).connectMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return { result: 'ok' };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    // Messages name the role, never the password.
    const text = message ?? String(error);
    if (code === '28P01') return { result: 'rejected', message: text };
    if (code === '3D000' || code === '42501') return { result: 'ok' };
    return { result: 'unknown', message: text };
  } finally {
    await client.end().catch(() => {});
  }
}
