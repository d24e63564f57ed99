import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuditSink,
  createSecretsManagerClient,
  EngineLogger,
  RdsProvisioner,
} from '@internal/plugin-rds-node';
import { JsonObject } from '@backstage/types';
import { RdsEnvironmentConfig, RdsSecretsManagerConfig } from '../config/types';
import { EnvironmentEngine } from './engine';

/** One engine per configured environment, sharing one Secrets Manager client. */
export function createEngines(options: {
  environments: RdsEnvironmentConfig[];
  secretsManager: RdsSecretsManagerConfig;
  auditSink: AuditSink;
  logger: LoggerService;
}): Map<string, EnvironmentEngine> {
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
        logger: engineLogger(logger.child({ environment: environment.name })),
      }),
    ]),
  );
}

// The engine logs plain objects; Backstage's logger takes JSON metadata.
function engineLogger(logger: LoggerService): EngineLogger {
  const meta = (m?: Record<string, unknown>) => m as JsonObject | undefined;
  return {
    debug: (message, m) => logger.debug(message, meta(m)),
    info: (message, m) => logger.info(message, meta(m)),
    warn: (message, m) => logger.warn(message, meta(m)),
    error: (message, m) => logger.error(message, meta(m)),
  };
}
