import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  unreadableStatus,
  type AuditRecord,
  type DatabaseStatus,
} from '@rds-self-service/plugin-rds-common';
import type { RdsProvisioner } from '@rds-self-service/plugin-rds-node';
import type { RdsEnvironmentConfig } from '../config/types';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import {
  statusConnection,
  type SecretsManagerLocation,
} from './connectionDetails';
import { decommissionSummary } from './DecommissionService';

/** The status fields of the newest run, whatever its outcome. */
const LAST_RUN_FIELDS = {
  lastProvisionedAt: 'timestamp',
  lastProvisionedBy: 'actor',
  lastOutcome: 'outcome',
  lastRunId: 'runId',
} as const;

/** The status fields of the newest run that changed something ("Last provisioned"). */
const LAST_CHANGE_FIELDS = {
  lastChangedAt: 'timestamp',
  lastChangedBy: 'actor',
  lastChangedRunId: 'runId',
  lastChangedOutcome: 'outcome',
  lastChangedAccessLevel: 'accessLevel',
} as const;

/**
 * The status of one app's database in one environment: the engine's reading
 * with the audit store's last run, last change and decommission. An
 * unreachable instance yields an item with `error` (the engine's message, no
 * credentials; the stack stays in the log) rather than failing.
 */
export async function readDatabaseStatus(
  deps: {
    store: RdsAuditStore;
    logger: LoggerService;
    /** The environment's engine (throws when it has none: an unreadable item). */
    provisioner: () => RdsProvisioner;
    secretsManager?: SecretsManagerLocation;
  },
  environment: RdsEnvironmentConfig,
  appName: string,
): Promise<DatabaseStatus> {
  const { store } = deps;
  const where = { environment: environment.name, appName };
  const [last, change, decommissioned] = await Promise.all([
    store.lastRun(where),
    store.lastChange(where),
    decommissionSummary(store, environment.name, appName),
  ]);
  const audit = {
    ...statusFields(last, LAST_RUN_FIELDS),
    ...statusFields(change, LAST_CHANGE_FIELDS),
    ...(decommissioned && { decommissioned }),
  };
  try {
    const status = await deps.provisioner().status(appName, {
      accessLevel: last?.accessLevel,
    });
    return {
      ...status,
      ...audit,
      ...statusConnection(deps.secretsManager, environment, status),
    };
  } catch (error) {
    deps.logger.warn(
      `Could not read the status of ${appName} in ${environment.name}`,
      error as Error,
    );
    return {
      ...unreadableStatus(
        {
          environment: environment.name,
          instance: environment.instance.name,
          appName,
        },
        (error as Error).message,
      ),
      ...audit,
    };
  }
}

/** The status fields `fields` names, from a run's audit record (none without one). */
function statusFields(
  record: AuditRecord | undefined,
  fields: { [K in keyof DatabaseStatus]?: keyof AuditRecord },
): Partial<DatabaseStatus> {
  if (!record) return {};
  return Object.fromEntries(
    Object.entries(fields).map(([status, audit]) => [status, record[audit!]]),
  ) as Partial<DatabaseStatus>;
}
