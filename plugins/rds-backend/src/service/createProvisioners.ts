import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuditSink,
  createSecretsManagerClient,
  RdsProvisioner,
} from '@rds-self-service/plugin-rds-node';
import { RdsEnvironmentConfig, RdsSecretsManagerConfig } from '../config/types';

/** One provisioner per configured environment, sharing one Secrets Manager client. */
export function createProvisioners(options: {
  environments: RdsEnvironmentConfig[];
  secretsManager: RdsSecretsManagerConfig;
  auditSink: AuditSink;
  logger: LoggerService;
}): Map<string, RdsProvisioner> {
  const { environments, secretsManager, auditSink, logger } = options;
  if (environments.length === 0) {
    return new Map();
  }
  const client = createSecretsManagerClient({
    // readRdsConfig made sure there is a region when environments exist.
    region: secretsManager.region!,
    endpoint: secretsManager.endpoint,
    credentials: secretsManager.credentials,
  });
  return new Map(
    environments.map(environment => [
      environment.name,
      new RdsProvisioner({
        environment,
        secretsManager: client,
        auditSink,
        logger: logger.child({ environment: environment.name }),
      }),
    ]),
  );
}
