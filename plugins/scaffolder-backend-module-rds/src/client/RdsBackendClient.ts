import { DiscoveryService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  parseErrorResponseBody,
} from '@backstage/errors';
import type {
  DecommissionRequestBody,
  DecommissionResult,
  EnvironmentsResponse,
  EnvironmentSummary,
  Plan,
  PlanRequestBody,
  ProvisionRequestBody,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';

/**
 * What the `rds:provision` action asks of the rds backend. Every call carries
 * `token`, issued on behalf of the user who started the task, so the backend
 * makes the permission decision and records that user as the actor. Refusals
 * are thrown as errors whose message is the backend's own.
 *
 * @public
 */
export interface RdsBackendApi {
  /** `GET /environments`. */
  listEnvironments(token: string): Promise<EnvironmentSummary[]>;
  /** `POST /plan`: no side effects. */
  plan(request: PlanRequestBody, token: string): Promise<Plan>;
  /** `POST /provision`. */
  provision(
    body: ProvisionRequestBody,
    token: string,
  ): Promise<ProvisionResult>;
}

/**
 * What the `rds:decommission` action asks of the rds backend, on behalf of the
 * task's user.
 *
 * @public
 */
export interface RdsDecommissionApi {
  /** `POST /decommission` (a dry run with `dryRun: true`). */
  decommission(
    body: DecommissionRequestBody,
    token: string,
  ): Promise<DecommissionResult>;
}

/**
 * The {@link RdsBackendApi} over HTTP: a small client of the rds backend's REST
 * API, found through the discovery service. Error answers become
 * `InputError` (400), `NotAllowedError` (401, 403), `ConflictError` (409) or
 * `Error`, each carrying the backend's message.
 *
 * @public
 */
export class RdsBackendClient implements RdsBackendApi, RdsDecommissionApi {
  private readonly discovery: DiscoveryService;

  constructor(options: { discovery: DiscoveryService }) {
    this.discovery = options.discovery;
  }

  /** {@inheritDoc RdsBackendApi.listEnvironments} */
  async listEnvironments(token: string): Promise<EnvironmentSummary[]> {
    const body = await this.call<EnvironmentsResponse>(
      'GET',
      '/environments',
      token,
    );
    return body.items;
  }

  /** {@inheritDoc RdsBackendApi.plan} */
  plan(request: PlanRequestBody, token: string): Promise<Plan> {
    return this.call<Plan>('POST', '/plan', token, request);
  }

  /** {@inheritDoc RdsBackendApi.provision} */
  provision(
    body: ProvisionRequestBody,
    token: string,
  ): Promise<ProvisionResult> {
    return this.call<ProvisionResult>('POST', '/provision', token, body);
  }

  /** {@inheritDoc RdsDecommissionApi.decommission} */
  decommission(
    body: DecommissionRequestBody,
    token: string,
  ): Promise<DecommissionResult> {
    return this.call<DecommissionResult>('POST', '/decommission', token, body);
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('rds');
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await toActionError(response, `${method} ${path}`);
    }
    return (await response.json()) as T;
  }
}

/**
 * Turns an error response into an error whose message is the backend's own
 * (the guardrail's reason, the missing approval, the invalid field), so the
 * action can say what to change; its class says which kind of refusal it is.
 */
async function toActionError(response: Response, what: string) {
  const { error } = await parseErrorResponseBody(response);
  const message = error.message || response.statusText;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 401:
    case 403:
      return new NotAllowedError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new Error(
        `The rds backend failed on ${what} (HTTP ${response.status}): ${message}`,
      );
  }
}
