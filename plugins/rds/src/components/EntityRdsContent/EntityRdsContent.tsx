import Grid from '@material-ui/core/Grid';
import { DatabaseStatusList } from '../DatabaseStatusList';
import { EntityRdsAuditCard } from '../EntityRdsAuditCard';

/**
 * The "Database" tab: live status per environment, then the audit history.
 *
 * @public
 */
export function EntityRdsContent() {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <DatabaseStatusList />
      </Grid>
      <Grid item xs={12}>
        <EntityRdsAuditCard />
      </Grid>
    </Grid>
  );
}
