import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DatabasesResponse,
  DatabaseStatus,
  EnvironmentsResponse,
  EnvironmentSummary,
  Plan,
  PlanRequestBody,
} from '@rds-self-service/plugin-rds-common';
import type { AuditPage, GetAuditOptions, RdsApi } from './RdsApi';

/**
 * Client for the rds backend. Requests go through `fetchApi` so the user's
 * Backstage token is attached; non-2xx answers throw a `ResponseError` that
 * carries the backend's message.
 *
 * @public
 */
export class RdsClient implements RdsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc RdsApi.getEnvironments} */
  async getEnvironments(): Promise<EnvironmentSummary[]> {
    const body = await this.getJson<EnvironmentsResponse>('/environments');
    return body.items;
  }

  /** {@inheritDoc RdsApi.plan} */
  async plan(request: PlanRequestBody): Promise<Plan> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rds');
    const response = await this.fetchApi.fetch(`${baseUrl}/plan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as Plan;
  }

  /** {@inheritDoc RdsApi.getDatabases} */
  async getDatabases(entityRef: string): Promise<DatabaseStatus[]> {
    const body = await this.getJson<DatabasesResponse>(
      `${entityPath(entityRef)}/databases`,
    );
    return body.items;
  }

  /** {@inheritDoc RdsApi.getAudit} */
  async getAudit(
    entityRef: string,
    options: GetAuditOptions = {},
  ): Promise<AuditPage> {
    const query = new URLSearchParams();
    if (options.environment) {
      query.set('environment', options.environment);
    }
    if (options.limit !== undefined) {
      query.set('limit', String(options.limit));
    }
    if (options.offset !== undefined) {
      query.set('offset', String(options.offset));
    }
    const search = query.toString();
    return this.getJson<AuditPage>(
      `${entityPath(entityRef)}/audit${search ? `?${search}` : ''}`,
    );
  }

  /** {@inheritDoc RdsApi.getAuditCsvUrl} */
  async getAuditCsvUrl(
    entityRef: string,
    options: { environment?: string } = {},
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rds');
    const query = options.environment
      ? `?${new URLSearchParams({ environment: options.environment })}`
      : '';
    return `${baseUrl}${entityPath(entityRef)}/audit.csv${query}`;
  }

  /** {@inheritDoc RdsApi.downloadAuditCsv} */
  async downloadAuditCsv(
    entityRef: string,
    options: { environment?: string } = {},
  ): Promise<Blob> {
    const response = await this.fetchApi.fetch(
      await this.getAuditCsvUrl(entityRef, options),
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
  }

  private async getJson<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('rds');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

// Entity refs contain ':' and '/', so they travel as one encoded path segment.
function entityPath(entityRef: string): string {
  return `/entities/${encodeURIComponent(entityRef)}`;
}
