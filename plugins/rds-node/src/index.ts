/**
 * The rds provisioning engine: introspect, plan and apply roles, databases, grants and
 * secrets on Postgres (RDS) as a delegated admin. No Backstage runtime dependency.
 *
 * @packageDocumentation
 */

export type {
  AdminCredentials,
  SslConfig,
  SslMode,
  RdsInstanceConfig,
  RdsInstanceTimeouts,
  SecretsConfig,
  SecretRotationConfig,
  RotationStrategy,
  RdsEnvironment,
} from './config/types';
export type { RunContext, EngineLogger } from './context';
export type { AuditSink } from './audit/AuditSink';
export { CsvAuditSink } from './audit/CsvAuditSink';
export { auditRecordsToCsv } from './audit/csv';
export type { SecretsManagerClientOptions } from './secrets/client';
export { createSecretsManagerClient } from './secrets/client';
export type {
  RdsProvisionerOptions,
  ApplyOptions,
  PlanOptions,
} from './provisioner/options';
export { RdsProvisioner } from './provisioner/RdsProvisioner';
export type { DecommissionOptions } from './decommission/facade';
export type {
  DecommissionConfig,
  DumpDestination,
} from './decommission/config';
export type { StepEvent } from './apply/executeSteps';
export { SSL_MODES } from './config/types';
export { environmentFlags, type EnvironmentFlagSettings } from './config/flags';
export {
  environmentSslProblems,
  isLoopbackHost,
  isSslMode,
  type EnvironmentSslSettings,
  type SslSettingNames,
} from './connection/ssl';
export {
  rotationConfigProblems,
  DEFAULT_ROTATION_DAYS,
} from './rotation/config';
export {
  createPostgresRotationHandler,
  type PostgresRotationHandlerOptions,
  type RotationEvent,
} from './rotation/functions/handler';
export type { RotationConnectOptions } from './rotation/functions/connect';
export { iamTokenProvider, type IamTokenOptions } from './connection/iamAuth';
export type { CliIo } from './cli/main';
export { main as runRdsProvisionCli } from './cli/main';
