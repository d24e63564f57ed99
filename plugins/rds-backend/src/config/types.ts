import type { RdsEnvironment } from '@rds-self-service/plugin-rds-node';
import type { RdsApprovalConfig } from './readApproval';

/** An environment as the backend uses it: the engine's view plus the dev flag. */
export interface RdsEnvironmentConfig extends RdsEnvironment {
  /** Development environment: may hold a plain admin password, may skip TLS verification. */
  dev: boolean;
  /** Who approves requests and how (`approval`); used where `requiresApproval`. */
  approval: RdsApprovalConfig;
}

/** How the backend reaches Secrets Manager. */
export interface RdsSecretsManagerConfig {
  region?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The validated `rds` configuration block. */
export interface RdsConfig {
  environments: RdsEnvironmentConfig[];
  secretsManager: RdsSecretsManagerConfig;
}
