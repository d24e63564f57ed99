import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  appNameForEntity,
  type AuditRecord,
  type DecommissionPlan,
  type DecommissionRequest,
  type DecommissionRequestBody,
  type DecommissionResult,
  type DecommissionSummary,
  RDS_APP_NAME_ANNOTATION,
  rdsEnvironmentProvisionPermission,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import { normalizeEntityRef, type Caller, type RdsService } from './RdsService';
import { deniedRecord } from './deniedRecord';
import { newApiRunId } from './runIds';

/**
 * Decommissioning through the engine: resolves the entity as the caller sees it, plans and
 * runs. Permission and approval checks happen in the router before it is called.
 */
export class DecommissionService {
  constructor(
    private readonly options: {
      service: RdsService;
      store: RdsAuditStore;
      catalog: CatalogService;
    },
  ) {}

  /** The environment, with whether its decommissions need approval as `requiresApproval`. */
  approvalEnvironment(name: string): RdsEnvironmentConfig {
    const environment = this.options.service.environment(name);
    return {
      ...environment,
      requiresApproval:
        environment.decommission?.requiresApproval ??
        environment.requiresApproval,
    };
  }

  /**
   * The engine's request: the entity (read as the caller, so the catalog's rules apply)
   * and its app name when none is given.
   */
  async prepare(
    body: DecommissionRequestBody,
    caller: Caller,
  ): Promise<DecommissionRequest> {
    const { runId: _r, dryRun: _d, ...request } = body;
    this.options.service.environment(request.environment);
    if (request.entityRef === undefined) {
      if (!request.appName)
        throw new InputError('give an appName or an entityRef');
      return { ...request, appName: request.appName };
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
    const appName = request.appName ?? appNameForEntity(entity);
    if (!appName) {
      throw new InputError(
        `${entityRef} has no app name: give an appName or set its ${RDS_APP_NAME_ANNOTATION} annotation`,
      );
    }
    return { ...request, entityRef, appName };
  }

  async plan(
    request: DecommissionRequest,
    approved: boolean,
  ): Promise<DecommissionPlan> {
    return this.options.service
      .provisioner(request.environment)
      .planDecommission(request, { approved });
  }

  async decommission(
    request: DecommissionRequest,
    caller: Caller,
    options: { runId?: string; dryRun: boolean; approved: boolean },
  ): Promise<DecommissionResult> {
    return this.options.service
      .provisioner(request.environment)
      .decommission(
        request,
        { runId: options.runId ?? newApiRunId(), actor: caller.actor },
        { approved: options.approved, dryRun: options.dryRun },
      );
  }

  /** Keeps a run refused for want of approval in the entity's history; nothing is read from the instance. */
  async recordDenied(
    request: DecommissionRequest,
    caller: Caller,
    options: { runId?: string; reason: string },
  ): Promise<AuditRecord> {
    const environment = this.options.service.environment(request.environment);
    const record: AuditRecord = {
      ...deniedRecord({
        request,
        environment,
        accessLevel: 'owner',
        actor: caller.actor,
        runId: options.runId,
        reason: options.reason,
        stepMessage: `not approved: decommissioning in '${environment.name}' requires approval; a user whom the permission policy allows ${rdsEnvironmentProvisionPermission.name} in '${environment.name}' can run it`,
      }),
      decommission: {
        policy: request.policy ?? environment.decommission?.policy ?? 'retain',
      },
    };
    await this.options.store.write(record);
    return record;
  }
}

/**
 * A database's last decommission, unless a provisioning run changed it since
 * (provisioning again brings a retained database back).
 */
export async function decommissionSummary(
  store: RdsAuditStore,
  environment: string,
  appName: string,
): Promise<DecommissionSummary | undefined> {
  const [last, change] = await Promise.all([
    store.lastDecommission({ environment, appName }),
    store.lastChange({ environment, appName }),
  ]);
  if (!last?.decommission) return undefined;
  if (change && change.timestamp > last.timestamp) return undefined;
  return {
    ...last.decommission,
    at: last.timestamp,
    by: last.actor,
    runId: last.runId,
    outcome: last.outcome,
  };
}
