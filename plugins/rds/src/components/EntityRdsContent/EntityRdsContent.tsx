import Box from '@material-ui/core/Box';
import { EntityApprovalRequests } from '../ApprovalRequests';
import { DatabaseStatusList } from '../DatabaseStatusList';
import { AuditHistoryCard } from '../EntityRdsAuditCard/EntityRdsAuditCard';

/**
 * The "Database" tab: live status per environment, then the audit history
 * (left out while there is none, so a new entity sees one empty state).
 *
 * @public
 */
export function EntityRdsContent() {
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 24 }}>
      <EntityApprovalRequests />
      <DatabaseStatusList />
      <AuditHistoryCard hideWhenEmpty />
    </Box>
  );
}
