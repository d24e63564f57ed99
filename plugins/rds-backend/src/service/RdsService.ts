import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  rdsEnvironmentProvisionPermission,
  type AuditPage,
  type AuditRecord,
  type ConnectionDetails,
  type DatabaseStatus,
  type EnvironmentSummary,
  type Plan,
  type PlanRequestBody,
  type ProvisionRequest,
  type ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import { RdsEnvironmentConfig } from '../config/types';
import {
  recordReportedRuns,
  type ReportedRun,
} from '../reported/recordReportedRuns';
import { RdsAuditStore } from '../store/RdsAuditStore';
import {
  connectionDetails,
  type SecretsManagerLocation,
} from './connectionDetails';
import { readDatabaseStatus } from './databaseStatus';
import { deniedRecord } from './deniedRecord';
import { entityForCaller, normalizeEntityRef } from './catalogEntities';
import { prepareProvisionRequest } from './provisionRequest';
import { newApiRunId } from './runIds';
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
      secretsManager?: SecretsManagerLocation;
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
    const key = `rds.environments.${environment.name}.requiresApproval`;
    const record = deniedRecord({
      request: normalized,
      environment,
      accessLevel: normalized.accessLevel,
      actor: caller.actor,
      runId: options.runId,
      reason: options.reason,
      stepMessage:
        `not approved: '${environment.name}' requires approval (${key} is true); a user whom the ` +
        `permission policy allows ${rdsEnvironmentProvisionPermission.name} in '${environment.name}' ` +
        'can run it, or grant it to the requester',
    });
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
    if (!this.options.secretsManager?.region) return undefined;
    return connectionDetails(
      this.options.secretsManager,
      this.environment(run.environment),
      run,
    );
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
    const { ref, entity } = await entityForCaller(
      this.options.catalog,
      entityRef,
      credentials,
    );
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
    const { ref } = await entityForCaller(
      this.options.catalog,
      entityRef,
      credentials,
    );
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
    return readDatabaseStatus(
      {
        store: this.options.store,
        logger: this.options.logger,
        provisioner: () => this.provisioner(environment),
        secretsManager: this.options.secretsManager,
      },
      this.environment(environment),
      appName,
    );
  }

  /** The engine's request, for a configured environment ({@link prepareProvisionRequest}). */
  private async prepare(
    request: PlanRequestBody,
    caller: Caller,
  ): Promise<ProvisionRequest> {
    this.environment(request.environment);
    return prepareProvisionRequest(this.options.catalog, request, caller);
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

export { normalizeEntityRef };
