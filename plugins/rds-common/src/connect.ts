import type { ConnectionDetails } from './types';

/**
 * Commands that reach a provisioned database, for the Secrets Manager the rds backend uses.
 *
 * @public
 */
export interface ConnectCommands {
  /** Prints the secret's JSON (host, port, dbname, username, password). */
  readSecretCommand: string;
  /** Opens a psql session as the login role, the password read from the secret. */
  psqlCommand: string;
  /** Whether the commands carry placeholder AWS keys (a local endpoint checks no signatures). */
  placeholderKeys: boolean;
  /** The secret in the AWS console; only when Secrets Manager is AWS's own endpoint. */
  consoleUrl?: string;
}

/**
 * The one owner of the connect commands the Database tab and the task page show: `--region`
 * always (the AWS CLI has no default), `--endpoint-url` when the backend uses an endpoint of
 * its own, and placeholder keys for an endpoint on this machine (the local one of
 * `yarn start`), since the AWS CLI refuses to run without any.
 *
 * @public
 */
export function connectCommands(
  connection: ConnectionDetails,
): ConnectCommands {
  const endpoint = connection.secretsManagerEndpoint;
  const placeholderKeys = !!endpoint && isLoopback(endpoint);
  const readSecretCommand = [
    `${
      placeholderKeys
        ? 'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local '
        : ''
    }aws secretsmanager get-secret-value`,
    `--secret-id ${shellWord(connection.secretName)}`,
    `--region ${shellWord(connection.region)}`,
    ...(endpoint ? [`--endpoint-url ${shellWord(endpoint)}`] : []),
    '--query SecretString --output text',
  ].join(' ');
  const conninfo = [
    `host=${connection.host}`,
    `port=${connection.port}`,
    `dbname=${connection.database}`,
    `user=${connection.user}`,
    ...(connection.sslMode ? [`sslmode=${connection.sslMode}`] : []),
    ...(connection.sslMode === 'verify-full'
      ? ['sslrootcert=global-bundle.pem']
      : []),
  ].join(' ');
  return {
    readSecretCommand,
    psqlCommand: `PGPASSWORD="$(${readSecretCommand} | jq -r .password)" psql ${shellWord(
      conninfo,
    )}`,
    placeholderKeys,
    ...(!endpoint && {
      consoleUrl: `https://${
        connection.region
      }.console.aws.amazon.com/secretsmanager/secret?name=${encodeURIComponent(
        connection.secretName,
      )}&region=${encodeURIComponent(connection.region)}`,
    }),
  };
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return (
      host === 'localhost' ||
      host === '[::1]' ||
      /^127\.\d+\.\d+\.\d+$/.test(host)
    );
  } catch {
    return false;
  }
}

/** The value as one shell word: as it is when that is safe, else in single quotes. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`;
}
