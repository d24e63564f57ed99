import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ApprovalRequestList } from './ApprovalRequestList';
import { useApprovalRequests } from './useApprovalRequests';

/**
 * The entity's pending approval requests, on its Database tab; nothing while
 * there are none.
 */
export function EntityApprovalRequests() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, error, retry } = useApprovalRequests({ entityRef });
  if (error)
    return <ResponseErrorPanel error={error} title="Approval requests" />;
  if (!value || value.length === 0) return null;
  return (
    <ApprovalRequestList requests={value} onDecided={retry}>
      <Typography variant="h5" component="h2">
        Waiting for approval ({value.length})
      </Typography>
    </ApprovalRequestList>
  );
}
