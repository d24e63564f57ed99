import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  type ApiRef,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/core-plugin-api';

/** What a client of the rds backend needs: the backend's URL and fetch with the user's token. */
export interface BackendClientDeps {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * The factory that makes `api` a `Client` of the rds backend. Both frontend
 * systems take it: core-plugin-api re-exports the new system's refs and
 * `createApiFactory`.
 */
export function backendClientFactory<T>(
  api: ApiRef<T>,
  Client: new (deps: BackendClientDeps) => T,
) {
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: ({ discoveryApi, fetchApi }) =>
      new Client({ discoveryApi, fetchApi }),
  });
}
