import {
  connectCommands,
  type ConnectCommands,
  type ConnectionDetails,
} from '@rds-self-service/plugin-rds-common';

/** The `connect` output of `rds:provision`: the connection details plus commands that work for them. */
export type ConnectOutput = ConnectionDetails &
  Omit<ConnectCommands, 'placeholderKeys'>;

/** The connection details the rds backend returned, with rds-common's commands for them. */
export function connectOutput(connection: ConnectionDetails): ConnectOutput {
  const { placeholderKeys: _, ...commands } = connectCommands(connection);
  return { ...connection, ...commands };
}
