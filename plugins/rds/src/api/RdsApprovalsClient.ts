import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ApprovalRequestsResponse,
} from '@rds-self-service/plugin-rds-common';
import type { ApprovalRequestsQuery, RdsApprovalsApi } from './RdsApprovalsApi';

/**
 * Client of the rds backend's approval routes, through `fetchApi` (the user's
 * token); non-2xx answers throw a `ResponseError` with the backend's message.
 *
 * @public
 */
export class RdsApprovalsClient implements RdsApprovalsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  /** {@inheritDoc RdsApprovalsApi.list} */
  async list(query: ApprovalRequestsQuery = {}): Promise<ApprovalRequest[]> {
    const base = query.entityRef
      ? `/entities/${encodeURIComponent(query.entityRef)}/requests`
      : '/requests';
    const search = query.status
      ? `?${new URLSearchParams({ status: query.status })}`
      : '';
    const body = await this.call<ApprovalRequestsResponse>(
      'GET',
      `${base}${search}`,
    );
    return body.items;
  }

  /** {@inheritDoc RdsApprovalsApi.get} */
  get(id: string): Promise<ApprovalRequest> {
    return this.call('GET', `/requests/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc RdsApprovalsApi.approve} */
  approve(
    id: string,
    decision: { planHash: string; comment?: string },
  ): Promise<ApprovalRequest> {
    return this.call(
      'POST',
      `/requests/${encodeURIComponent(id)}/approve`,
      decision,
    );
  }

  /** {@inheritDoc RdsApprovalsApi.reject} */
  reject(id: string, decision: { comment: string }): Promise<ApprovalRequest> {
    return this.call(
      'POST',
      `/requests/${encodeURIComponent(id)}/reject`,
      decision,
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('rds');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
