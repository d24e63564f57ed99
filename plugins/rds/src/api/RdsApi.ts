import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AuditPage,
  AuditPageQuery,
  DatabaseStatus,
  EnvironmentSummary,
  Plan,
  PlanRequestBody,
} from '@rds-self-service/plugin-rds-common';

/**
 * One page of an entity's audit history, newest first: rds-common's wire type,
 * re-exported for this package's users.
 *
 * @public
 */
export type { AuditPage };

/**
 * Options for {@link RdsApi.getAudit}: the audit route's query (rds-common's
 * `AuditPageQuery`).
 *
 * @public
 */
export type GetAuditOptions = AuditPageQuery;

/**
 * Read access to the rds backend (`/api/rds`) for the entity page.
 *
 * @public
 */
export interface RdsApi {
  /** Environments the platform provisions into. */
  getEnvironments(): Promise<EnvironmentSummary[]>;
  /**
   * What a run of this request would do, changing nothing (`POST /plan`):
   * the names, what exists, the steps and any block. Needs the user's
   * provision permission.
   */
  plan(request: PlanRequestBody): Promise<Plan>;
  /** Live status of the entity's database in each environment. */
  getDatabases(entityRef: string): Promise<DatabaseStatus[]>;
  /** One page of the entity's audit history, newest first. */
  getAudit(entityRef: string, options?: GetAuditOptions): Promise<AuditPage>;
  /** Absolute URL of the entity's audit history as CSV. */
  getAuditCsvUrl(
    entityRef: string,
    options?: { environment?: string },
  ): Promise<string>;
  /** The entity's audit history as CSV, fetched with the user's credentials. */
  downloadAuditCsv(
    entityRef: string,
    options?: { environment?: string },
  ): Promise<Blob>;
}

/**
 * API reference for {@link RdsApi}.
 *
 * @public
 */
export const rdsApiRef = createApiRef<RdsApi>({
  id: 'plugin.rds.service',
});
