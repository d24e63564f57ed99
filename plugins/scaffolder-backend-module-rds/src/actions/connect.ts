import type { ConnectionDetails } from '@internal/plugin-rds-common';

/** The `connect` output of `rds:provision`: the connection details plus commands that work for them. */
export interface ConnectOutput {
  host: string;
  port: number;
  database: string;
  user: string;
  secretName: string;
  secretArn?: string;
  region: string;
  secretsManagerEndpoint?: string;
  /** Prints the secret's JSON (host, port, username, password, dbname). */
  readSecretCommand: string;
  /** Opens a psql session as the login role, the password read from the secret. */
  psqlCommand: string;
  /** The secret in the AWS console; only when Secrets Manager is AWS's own endpoint. */
  consoleUrl?: string;
}

/**
 * Commands for the connection details the rds backend returned, for the
 * Secrets Manager it uses: `--region` always (the AWS CLI has no default),
 * `--endpoint-url` when an endpoint is configured, and for an endpoint on
 * this machine (the local one of `yarn start`, which checks no signatures)
 * placeholder keys, since the AWS CLI refuses to run without any.
 */
export function connectOutput(connection: ConnectionDetails): ConnectOutput {
  const endpoint = connection.secretsManagerEndpoint;
  const keys =
    endpoint && isLoopback(endpoint)
      ? 'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local '
      : '';
  const readSecretCommand = [
    `${keys}aws secretsmanager get-secret-value`,
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
  ].join(' ');
  const psqlCommand = `PGPASSWORD="$(${readSecretCommand} | jq -r .password)" psql ${shellWord(
    conninfo,
  )}`;
  return {
    ...connection,
    readSecretCommand,
    psqlCommand,
    ...(!endpoint && {
      consoleUrl: `https://${
        connection.region
      }.console.aws.amazon.com/secretsmanager/secret?name=${encodeURIComponent(
        connection.secretName,
      )}&region=${connection.region}`,
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
