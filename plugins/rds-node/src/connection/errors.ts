import { ConnectTimeoutError, QueryTimeoutError } from './timeouts';

/** SQLSTATEs worth retrying the whole (idempotent) run for. */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55006', // object_in_use: "source database template1 is being accessed by other users"
  '57P01', // admin_shutdown: pg_terminate_backend, failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

const TRANSIENT_MESSAGES = [
  /tuple concurrently (updated|deleted)/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT/,
  /timeout exceeded when trying to connect/i,
  /terminating connection/i,
];

/** True for errors that a later attempt of the same run can get past. */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // A stalled statement is not retried: the bound would multiply, and the stalled session
  // may still hold the app's lock. A connect that timed out ran nothing: retry it.
  if (error instanceof QueryTimeoutError) return false;
  if (error instanceof ConnectTimeoutError) return true;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return (
    typeof message === 'string' &&
    TRANSIENT_MESSAGES.some(re => re.test(message))
  );
}

const CONNECTION_LOST = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /terminating connection/i,
  /ECONNRESET|EPIPE/,
];

/** True when the error means the session to the instance is gone. */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code === '57P01' || e?.code === '57P02') return true;
  return (
    typeof e?.message === 'string' &&
    CONNECTION_LOST.some(re => re.test(e.message as string))
  );
}
