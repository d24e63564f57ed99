import { useApiHolder } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { type ApprovalRequestsQuery, rdsApprovalsApiRef } from '../../api';

/**
 * The approval requests of a query, with `retry` to load them again after a
 * decision. An app without the approvals API (an older install) has none.
 */
export function useApprovalRequests(query: ApprovalRequestsQuery) {
  const api = useApiHolder().get(rdsApprovalsApiRef);
  const { entityRef, status } = query;
  return useAsyncRetry(
    async () => (api ? api.list({ entityRef, status }) : []),
    [api, entityRef, status],
  );
}
