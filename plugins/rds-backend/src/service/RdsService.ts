import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  deriveNames,
  RDS_APP_NAME_ANNOTATION,
  rdsEnvironmentProvisionPermission,
  type AuditPage,
  type AuditRecord,
  type ConnectionDetails,
  type DatabaseStatus,
  type EnvironmentSummary,
  parseProvisionRequest,
  type Plan,
  type PlanRequestBody,
  type ProvisionRequest,
  type ProvisionResult,
  unreadableStatus,
} from '@rds-self-service/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import { RdsEnvironmentConfig, RdsSecretsManagerConfig } from '../config/types';
import {
  recordReportedRuns,
  type ReportedRun,
} from '../reported/recordReportedRuns';
import { RdsAuditStore } from '../store/RdsAuditStore';
import { newApiRunId } from './runIds';
import { decommissionSummary } from './DecommissionService';
import {
  auditRecordsToCsv,
  type RdsProvisioner,
} from '@rds-self-service/plugin-rds-node';

/** The most rows a CSV export holds; the JSON route pages through the rest. */
export const CSV_EXPORT_LIMIT = 10_000;

/** Who asks, for the audit record and the catalog lookups. */
export interface Caller {
  actor: string;
  credentials: BackstageCredentials;
}

/**
 * The service layer: resolves environments and entities, runs the engine and
 * reads the audit store. Permission checks happen in the router before it is
 * called; approval arrives here as a flag for the engine's own guard.
 */
export class RdsService {
  private readonly environments: Map<string, RdsEnvironmentConfig>;

  constructor(
    private readonly options: {
      environments: RdsEnvironmentConfig[];
      provisioners: Map<string, RdsProvisioner>;
      store: RdsAuditStore;
      catalog: CatalogService;
      logger: LoggerService;
      /**
       * Where Secrets Manager is, for the connection details of provision
       * results (region and endpoint only; its credentials are never used here).
       */
      secretsManager?: Pick<RdsSecretsManagerConfig, 'region' | 'endpoint'>;
    },
  ) {
    this.environments = new Map(options.environments.map(e => [e.name, e]));
  }

  listEnvironments(): EnvironmentSummary[] {
    return this.options.environments.map(e => ({
      name: e.name,
      instance: e.instance.name,
      requiresApproval: e.requiresApproval,
    }));
  }

  /** The configured environment, or an InputError listing the configured ones. */
  environment(name: string): RdsEnvironmentConfig {
    const environment = this.environments.get(name);
    if (!environment) {
      const known = [...this.environments.keys()].join(', ') || 'none';
      throw new InputError(
        `environment '${name}' is not configured; choose one of: ${known}`,
      );
    }
    return environment;
  }

  /** The plan; without approval it is blocked where the environment requires approval. */
  async plan(
    request: PlanRequestBody,
    caller: Caller,
    options: { approved: boolean },
  ): Promise<Plan> {
    const normalized = await this.prepare(request, caller);
    return this.provisioner(request.environment).plan(
      normalized,
      {
        runId: randomUUID(),
        actor: caller.actor,
      },
      options,
    );
  }

  async provision(
    request: PlanRequestBody,
    caller: Caller,
    options: { runId?: string; dryRun: boolean; approved: boolean },
  ): Promise<ProvisionResult> {
    const normalized = await this.prepare(request, caller);
    const result = await this.provisioner(request.environment).apply(
      normalized,
      {
        runId: options.runId ?? newApiRunId(),
        actor: caller.actor,
      },
      { approved: options.approved, dryRun: options.dryRun },
    );
    const connection = this.connectionDetails(result);
    return connection ? { ...result, connection } : result;
  }

  /**
   * Records a run the router refused for want of approval, so that the
   * request, its justification and who may approve it are in the entity's
   * audit history (outcome `denied`). Nothing is read from or sent to the
   * instance. Resolves to the record written.
   */
  async recordDenied(
    request: PlanRequestBody,
    caller: Caller,
    options: { runId?: string; reason: string },
  ): Promise<AuditRecord> {
    const normalized = await this.prepare(request, caller);
    const environment = this.environment(normalized.environment);
    const names = deriveNames(normalized.appName, environment.name);
    const key = `rds.environments.${environment.name}.requiresApproval`;
    const record: AuditRecord = {
      runId: options.runId ?? newApiRunId(),
      ...(normalized.buildId && { buildId: normalized.buildId }),
      timestamp: new Date().toISOString(),
      environment: environment.name,
      instance: environment.instance.name,
      database: names.database,
      role: names.loginRole,
      accessLevel: normalized.accessLevel,
      actor: caller.actor,
      ...(normalized.entityRef && { entityRef: normalized.entityRef }),
      appName: normalized.appName,
      ...(normalized.justification?.trim() && {
        justification: normalized.justification.trim(),
      }),
      outcome: 'denied',
      dryRun: false,
      steps: [
        {
          id: 'approval',
          kind: 'approval',
          target: environment.name,
          outcome: 'denied',
          message:
            `not approved: '${environment.name}' requires approval (${key} is true); a user whom the ` +
            `permission policy allows ${rdsEnvironmentProvisionPermission.name} in '${environment.name}' ` +
            'can run it, or grant it to the requester',
        },
      ],
      error: options.reason,
    };
    await this.options.store.write(record);
    return record;
  }

  /**
   * Stores the audit records a CLI or CI job reports (`POST /audit/records`),
   * each checked against this backend's config and attached to its Component.
   */
  async recordReported(
    records: AuditRecord[],
    credentials: BackstageCredentials,
  ): Promise<ReportedRun[]> {
    return recordReportedRuns(records, {
      environment: name => this.environment(name),
      store: this.options.store,
      catalog: this.options.catalog,
      credentials,
    });
  }

  /**
   * How an app connects to the database of a run: the environment's instance,
   * the run's names and secret, and where Secrets Manager is. Undefined when
   * no Secrets Manager region is known.
   */
  connectionDetails(
    run: Pick<
      ProvisionResult,
      'environment' | 'database' | 'role' | 'secretName' | 'secretArn'
    >,
  ): ConnectionDetails | undefined {
    const region = this.options.secretsManager?.region;
    if (!region) return undefined;
    const { instance } = this.environment(run.environment);
    const endpoint = this.options.secretsManager?.endpoint;
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
   * The entity's databases: its app name in every environment, plus other app
   * names provisioned for it. An unreachable instance yields an item with
   * `error` rather than failing the whole list.
   */
  async databasesForEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DatabaseStatus[]> {
    const { ref, entity } = await this.entityForCaller(entityRef, credentials);
    const appName = appNameForEntity(entity);
    const wanted = this.options.environments.map(e => ({
      environment: e.name,
      appName,
    }));
    for (const extra of await this.options.store.appNamesForEntity(ref)) {
      const known = this.environments.has(extra.environment);
      const seen = wanted.some(
        w => w.environment === extra.environment && w.appName === extra.appName,
      );
      if (known && !seen) wanted.push(extra);
    }
    return Promise.all(
      wanted.map(w => this.databaseStatus(w.environment, w.appName)),
    );
  }

  /** A page of the entity's audit history, if the caller may see the entity. */
  async audit(
    entityRef: string,
    credentials: BackstageCredentials,
    query: { environment?: string; limit: number; offset: number },
  ): Promise<AuditPage> {
    const { ref } = await this.entityForCaller(entityRef, credentials);
    return this.options.store.list({ entityRef: ref, ...query });
  }

  /** The entity's audit history as CSV, if the caller may see the entity. */
  async auditCsv(
    entityRef: string,
    credentials: BackstageCredentials,
    query: { environment?: string },
  ): Promise<string> {
    const page = await this.audit(entityRef, credentials, {
      ...query,
      limit: CSV_EXPORT_LIMIT,
      offset: 0,
    });
    return auditRecordsToCsv(page.items);
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.options.provisioners.values()].map(e => e.close()),
    );
  }

  private async databaseStatus(
    environment: string,
    appName: string,
  ): Promise<DatabaseStatus> {
    const [last, change, decommissioned] = await Promise.all([
      this.options.store.lastRun({ environment, appName }),
      this.options.store.lastChange({ environment, appName }),
      decommissionSummary(this.options.store, environment, appName),
    ]);
    const audit = {
      ...fromLastRun(last),
      ...fromLastChange(change),
      ...(decommissioned && { decommissioned }),
    };
    try {
      const status = await this.provisioner(environment).status(appName, {
        accessLevel: last?.accessLevel,
      });
      return { ...status, ...audit, ...this.statusConnection(status) };
    } catch (error) {
      // The message is the engine's (no credentials); the stack stays in the log.
      this.options.logger.warn(
        `Could not read the status of ${appName} in ${environment}`,
        error as Error,
      );
      const instance = this.environment(environment).instance.name;
      return {
        ...unreadableStatus(
          { environment, instance, appName },
          (error as Error).message,
        ),
        ...audit,
      };
    }
  }

  /**
   * The Connect section's facts for a database that exists: the connection
   * details with the instance's TLS mode for the snippets.
   */
  private statusConnection(
    status: DatabaseStatus,
  ): Pick<DatabaseStatus, 'connection'> {
    const details = status.exists ? this.connectionDetails(status) : undefined;
    if (!details) return {};
    const sslMode = this.environment(status.environment).instance.ssl?.mode;
    return { connection: { ...details, ...(sslMode && { sslMode }) } };
  }

  /**
   * The engine's request: checks the environment, normalizes the entity ref,
   * checks the entity exists (as the caller sees it) and, when no app name is
   * given, uses the entity's ({@link appNameForEntity}).
   */
  private async prepare(
    request: PlanRequestBody,
    caller: Caller,
  ): Promise<ProvisionRequest> {
    this.environment(request.environment);
    if (request.entityRef === undefined) {
      return complete(request);
    }
    const entityRef = normalizeEntityRef(request.entityRef);
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: caller.credentials,
    });
    if (!entity) {
      throw new InputError(
        `entityRef '${request.entityRef}' was not found in the catalog`,
      );
    }
    if (request.appName !== undefined) {
      return complete({ ...request, entityRef });
    }
    return complete(
      { ...request, entityRef, appName: appNameForEntity(entity) },
      `the app name of ${entityRef}, from its ${RDS_APP_NAME_ANNOTATION} annotation or else its name; ` +
        'give an appName or set that annotation',
    );
  }

  /**
   * The entity of a per-entity route, looked up with the caller's credentials
   * so the catalog's read rules apply: an entity hidden from the caller is a
   * NotFoundError, the same as a missing one, before anything is read about it.
   */
  private async entityForCaller(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ ref: string; entity: Entity }> {
    const ref = normalizeEntityRef(entityRef);
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return { ref, entity };
  }

  /** The engine of a configured environment. */
  provisioner(environment: string): RdsProvisioner {
    this.environment(environment);
    const provisioner = this.options.provisioners.get(environment);
    if (!provisioner) {
      throw new Error(`No provisioner for environment '${environment}'`);
    }
    return provisioner;
  }
}

/**
 * The request as the engine takes it, checked with the engine's own schema (an
 * app name derived from an entity has not been checked yet); `derived` says
 * where the app name came from, for the message.
 */
function complete(
  request: PlanRequestBody,
  derived?: string,
): ProvisionRequest {
  const parsed = parseProvisionRequest(request);
  if (!parsed.success) {
    const where = derived ? ` (${derived})` : '';
    throw new InputError(
      `Invalid request: ${parsed.problems.join('; ')}${where}`,
    );
  }
  return parsed.data;
}

/** The status fields of the newest run, whatever its outcome. */
function fromLastRun(last: AuditRecord | undefined): Partial<DatabaseStatus> {
  if (!last) return {};
  return {
    lastProvisionedAt: last.timestamp,
    lastProvisionedBy: last.actor,
    lastOutcome: last.outcome,
    lastRunId: last.runId,
  };
}

/** The status fields of the newest run that changed something ("Last provisioned"). */
function fromLastChange(
  change: AuditRecord | undefined,
): Partial<DatabaseStatus> {
  if (!change) return {};
  return {
    lastChangedAt: change.timestamp,
    lastChangedBy: change.actor,
    lastChangedRunId: change.runId,
    lastChangedOutcome: change.outcome,
    lastChangedAccessLevel: change.accessLevel,
  };
}

/** `Component:default/Payments` and `component:default/payments` are the same entity. */
export function normalizeEntityRef(entityRef: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(entityRef)).toLocaleLowerCase(
      'en-US',
    );
  } catch (error) {
    throw new InputError(
      `entityRef '${entityRef}' is not an entity reference like component:default/payments`,
    );
  }
}
