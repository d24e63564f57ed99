import type {
  ConnectionDetails,
  DatabaseStatus,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import type {
  RdsEnvironmentConfig,
  RdsSecretsManagerConfig,
} from '../config/types';

/** Where Secrets Manager is (region and endpoint only; never its credentials). */
export type SecretsManagerLocation = Pick<
  RdsSecretsManagerConfig,
  'region' | 'endpoint'
>;

/**
 * How an app connects to the database of a run: the environment's instance,
 * the run's names and secret, and where Secrets Manager is. Undefined when
 * no Secrets Manager region is known.
 */
export function connectionDetails(
  secretsManager: SecretsManagerLocation | undefined,
  environment: RdsEnvironmentConfig,
  run: Pick<ProvisionResult, 'database' | 'role' | 'secretName' | 'secretArn'>,
): ConnectionDetails | undefined {
  const region = secretsManager?.region;
  if (!region) return undefined;
  const { instance } = environment;
  const endpoint = secretsManager?.endpoint;
  return {
    host: instance.host,
    port: instance.port,
    database: run.database,
    user: run.role,
    secretName: run.secretName,
    ...(run.secretArn && { secretArn: run.secretArn }),
    region,
    ...(endpoint && { secretsManagerEndpoint: endpoint }),
  };
}

/**
 * The Connect section's facts for a database that exists: the connection
 * details with the instance's TLS mode for the snippets.
 */
export function statusConnection(
  secretsManager: SecretsManagerLocation | undefined,
  environment: RdsEnvironmentConfig,
  status: DatabaseStatus,
): Pick<DatabaseStatus, 'connection'> {
  const details = status.exists
    ? connectionDetails(secretsManager, environment, status)
    : undefined;
  if (!details) return {};
  const sslMode = environment.instance.ssl?.mode;
  return { connection: { ...details, ...(sslMode && { sslMode }) } };
}
