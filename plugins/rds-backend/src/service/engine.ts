import type {
  AccessLevel,
  DatabaseStatus,
  Plan,
  ProvisionRequest,
  ProvisionResult,
} from '@internal/plugin-rds-common';
import type { RunContext } from '@internal/plugin-rds-node';

/**
 * What the service needs of the engine for one environment. The plugin builds
 * one per configured environment from @internal/plugin-rds-node.
 */
export interface EnvironmentEngine {
  plan(
    request: ProvisionRequest,
    ctx: RunContext,
    options: { approved: boolean },
  ): Promise<Plan>;
  apply(
    request: ProvisionRequest,
    ctx: RunContext,
    options: { approved: boolean; dryRun: boolean },
  ): Promise<ProvisionResult>;
  status(
    appName: string,
    options: { accessLevel?: AccessLevel },
  ): Promise<DatabaseStatus>;
  close(): Promise<void>;
}
