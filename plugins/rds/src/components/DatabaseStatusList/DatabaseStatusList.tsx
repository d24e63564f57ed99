import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';
import { getRdsAppName } from '../../entity';
import { provisionTemplateUrl } from '../../links';
import { DatabaseStatusCard } from '../DatabaseStatusCard';

/** The current entity's database in each environment, one card per environment. */
export function DatabaseStatusList() {
  const { entity } = useEntity();
  const rdsApi = useApi(rdsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const appName = getRdsAppName(entity);

  const { value, loading, error } = useAsync(
    () => rdsApi.getDatabases(entityRef),
    [rdsApi, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load database status"
      />
    );
  }

  // Environments where nothing was ever provisioned are not worth a card each
  // until the team has run the template; unreadable or blocked ones always are.
  const statuses = value ?? [];
  const hasAny = statuses.some(
    s => s.exists || s.lastRunId || s.error || s.blockedReason,
  );
  if (!hasAny) {
    return (
      <EmptyState
        missing="data"
        title="No database yet"
        description={`${entity.metadata.name} has no platform Postgres database. Use the "Postgres database" template to create one: pick the environment and access level, and the database, its login role and the credentials secret are set up for you.`}
        action={
          <LinkButton
            to={provisionTemplateUrl({ entityRef, appName })}
            color="primary"
            variant="contained"
          >
            Create a database
          </LinkButton>
        }
      />
    );
  }

  return (
    <Grid container spacing={3} alignItems="stretch">
      {statuses.map(status => (
        // A component can have databases under more than one app name.
        <Grid
          item
          xs={12}
          md={6}
          key={`${status.environment}/${status.appName}`}
        >
          <DatabaseStatusCard
            status={status}
            entityRef={entityRef}
            appName={appName}
          />
        </Grid>
      ))}
    </Grid>
  );
}
