import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { StepEvent } from '../apply/reportStep';
import type { AuditSink } from '../audit/AuditSink';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger } from '../context';

/**
 * Options for {@link RdsProvisioner}.
 *
 * @public
 */
export interface RdsProvisionerOptions {
  /** The environment this provisioner works on: one provisioner per environment. */
  environment: RdsEnvironment;
  /** The client secrets are read and written with, e.g. from {@link createSecretsManagerClient}. */
  secretsManager: SecretsManagerClient;
  /** The S3 client of `snapshot-and-delete` dumps; made from the destination's settings when absent. */
  s3Client?: S3Client;
  /** Where progress goes; silent when absent. */
  logger?: EngineLogger;
  /** When set, apply() writes one audit record per run (dry runs included). */
  auditSink?: AuditSink;
  /** How long a run waits for another run of the same app. Default 60 s. */
  lockTimeoutMs?: number;
  /** Attempts of a run that meets a transient error (dropped connection, catalog conflict). Default 3. */
  maxAttempts?: number;
  /** Admin sessions kept for concurrent runs. Default 10. */
  maxAdminConnections?: number;
  /** App databases whose admin session is kept warm for re-runs and status. Default 16. */
  maxDatabasePools?: number;
}

/**
 * Options of one apply.
 *
 * @public
 */
export interface ApplyOptions {
  /** Required for changes in environments with `requiresApproval`. */
  approved?: boolean;
  /** Plan and report `planned` outcomes without changing anything. */
  dryRun?: boolean;
  /** Progress of each step that changes something. */
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/**
 * Options of a plan.
 *
 * @public
 */
export interface PlanOptions {
  /** Without approval, plans in environments that require it are blocked when they change anything. */
  approved?: boolean;
}

export const silentLogger: EngineLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
