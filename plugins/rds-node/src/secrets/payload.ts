/**
 * The secret's JSON, in the shape RDS's rotation functions read
 * (SecretsManagerRDSPostgreSQLRotationSingleUser / MultiUser): `engine`, `host`, `port`,
 * `username`, `password`, `dbname`, plus `masterarn` (the admin secret) for multi-user rotation.
 */
export interface SecretPayload {
  engine: 'postgres';
  host: string;
  port: number;
  username: string;
  password: string;
  dbname: string;
  dbInstanceIdentifier?: string;
  masterarn?: string;
}

/** Fields the platform owns in the payload (everything but the password). */
export const CONNECTION_FIELDS = [
  'engine',
  'host',
  'port',
  'username',
  'dbname',
  'dbInstanceIdentifier',
  'masterarn',
] as const;

/** Names of connection fields whose stored value differs from the desired one. */
export function payloadDrift(
  stored: Record<string, unknown>,
  desired: Omit<SecretPayload, 'password'>,
): string[] {
  return CONNECTION_FIELDS.filter(
    field => desired[field] !== undefined && stored[field] !== desired[field],
  );
}

/** The payload without its password: what the plan decides; apply adds the password. */
export type SecretConnection = Omit<SecretPayload, 'password'>;
