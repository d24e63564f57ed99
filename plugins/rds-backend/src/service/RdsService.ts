import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  type AuditRecord,
  type DatabaseStatus,
  type EnvironmentSummary,
  type Plan,
  type ProvisionRequest,
  type ProvisionResult,
  unreadableStatus,
} from '@internal/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import { RdsEnvironmentConfig } from '../config/types';
import { AuditPage, RdsAuditStore } from '../store/RdsAuditStore';
import { auditRecordsToCsv } from './auditCsv';
import { EnvironmentEngine } from './engine';

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
      engines: Map<string, EnvironmentEngine>;
      store: RdsAuditStore;
      catalog: CatalogService;
      logger: LoggerService;
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
    request: ProvisionRequest,
    caller: Caller,
    options: { approved: boolean },
  ): Promise<Plan> {
    const normalized = await this.prepare(request, caller);
    return this.engine(request.environment).plan(
      normalized,
      {
        runId: randomUUID(),
        buildId: normalized.buildId,
        actor: caller.actor,
        entityRef: normalized.entityRef,
      },
      options,
    );
  }

  async provision(
    request: ProvisionRequest,
    caller: Caller,
    options: { runId?: string; dryRun: boolean; approved: boolean },
  ): Promise<ProvisionResult> {
    const normalized = await this.prepare(request, caller);
    return this.engine(request.environment).apply(
      normalized,
      {
        runId: options.runId ?? randomUUID(),
        buildId: normalized.buildId,
        actor: caller.actor,
        entityRef: normalized.entityRef,
      },
      { approved: options.approved, dryRun: options.dryRun },
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
    const ref = normalizeEntityRef(entityRef);
    const appName = appNameForEntity(await this.entity(ref, credentials));
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

  async audit(
    entityRef: string,
    query: { environment?: string; limit: number; offset: number },
  ): Promise<AuditPage> {
    return this.options.store.list({
      entityRef: normalizeEntityRef(entityRef),
      ...query,
    });
  }

  async auditCsv(
    entityRef: string,
    query: { environment?: string },
  ): Promise<string> {
    const page = await this.audit(entityRef, {
      ...query,
      limit: CSV_EXPORT_LIMIT,
      offset: 0,
    });
    return auditRecordsToCsv(page.items);
  }

  async close(): Promise<void> {
    await Promise.all([...this.options.engines.values()].map(e => e.close()));
  }

  private async databaseStatus(
    environment: string,
    appName: string,
  ): Promise<DatabaseStatus> {
    const last = await this.options.store.lastRun({ environment, appName });
    const audit = last ? fromLastRun(last) : {};
    try {
      const status = await this.engine(environment).status(appName, {
        accessLevel: last?.accessLevel,
      });
      return { ...status, ...audit };
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

  /** Checks the environment, normalizes the entity ref and checks the entity exists. */
  private async prepare(
    request: ProvisionRequest,
    caller: Caller,
  ): Promise<ProvisionRequest> {
    this.environment(request.environment);
    if (request.entityRef === undefined) {
      return request;
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
    return { ...request, entityRef };
  }

  private async entity(entityRef: string, credentials: BackstageCredentials) {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }

  private engine(environment: string): EnvironmentEngine {
    this.environment(environment);
    const engine = this.options.engines.get(environment);
    if (!engine) {
      throw new Error(`No engine for environment '${environment}'`);
    }
    return engine;
  }
}

function fromLastRun(last: AuditRecord): Partial<DatabaseStatus> {
  return {
    lastProvisionedAt: last.timestamp,
    lastProvisionedBy: last.actor,
    lastOutcome: last.outcome,
    lastRunId: last.runId,
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
