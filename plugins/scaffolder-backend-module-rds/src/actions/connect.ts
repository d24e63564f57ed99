import {
  connectCommands,
  type ConnectionDetails,
} from '@internal/plugin-rds-common';

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

/** The connection details the rds backend returned, with rds-common's commands for them. */
export function connectOutput(connection: ConnectionDetails): ConnectOutput {
  const { placeholderKeys: _, ...commands } = connectCommands(connection);
  return { ...connection, ...commands };
}
