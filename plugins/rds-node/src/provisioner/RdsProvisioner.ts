import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type {
  DatabaseStatus,
  Plan,
  ProvisionRequest,
  ProvisionResult,
  AccessLevel,
} from '@internal/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger, RunContext } from '../context';
import type { AuditSink } from '../audit/AuditSink';

/** Options for {@link RdsProvisioner}. */
export interface RdsProvisionerOptions {
  environment: RdsEnvironment;
  secretsManager: SecretsManagerClient;
  logger?: EngineLogger;
  /** When set, apply() writes one audit record per run (dry runs included). */
  auditSink?: AuditSink;
}

/** Options of one apply. */
export interface ApplyOptions {
  /** Required for changes in environments with `requiresApproval`. */
  approved?: boolean;
  /** Plan and report `planned` outcomes without changing anything. */
  dryRun?: boolean;
}

/** The engine for one environment: introspect → plan → apply. */
export class RdsProvisioner {
  constructor(readonly options: RdsProvisionerOptions) {}

  async plan(_req: ProvisionRequest, _ctx: RunContext): Promise<Plan> {
    throw new Error('not implemented yet');
  }

  async apply(
    _req: ProvisionRequest,
    _ctx: RunContext,
    _options: ApplyOptions = {},
  ): Promise<ProvisionResult> {
    throw new Error('not implemented yet');
  }

  async status(
    _appName: string,
    _options: { accessLevel?: AccessLevel } = {},
  ): Promise<DatabaseStatus> {
    throw new Error('not implemented yet');
  }

  async close(): Promise<void> {}
}
