import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import Box from '@material-ui/core/Box';
import { EntityApprovalRequests } from '../ApprovalRequests';
import { DatabaseStatusList } from '../DatabaseStatusList';
import { AuditHistoryCard } from '../EntityRdsAuditCard/EntityRdsAuditCard';

/**
 * The "Database" tab: live status per environment, then the audit history
 * (left out while there is none, so a new entity sees one empty state). Its
 * links route explicitly through React Router v6 on the new frontend system
 * (the adapter passes through on the old one).
 *
 * @public
 */
export function EntityRdsContent() {
  return (
    <ReactRouterV6PageRouter>
      <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
        <EntityApprovalRequests />
        <DatabaseStatusList />
        <AuditHistoryCard hideWhenEmpty />
      </Box>
    </ReactRouterV6PageRouter>
  );
}
