import {
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  DatabaseStatus,
  EnvironmentSummary,
} from '@rds-self-service/plugin-rds-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';
import { getRdsAppName } from '../../entity';
import { provisionTemplateUrl } from '../../links';
import { DatabaseStatusCard } from '../DatabaseStatusCard';
import { approvalStopsYou } from '../shared/approval';
import { errorMessage } from '../shared/format';
import { useRdsEnvironments } from '../shared/useRdsEnvironments';

/**
 * Whether an environment's database is worth a card: it exists, the team ran
 * the template there, or something with its names is in the way. An
 * environment the team never used is only offered, whatever its instance
 * reports: no drift, no unreachable instance, for what was never provisioned.
 */
export function hasCard(status: DatabaseStatus): boolean {
  return (
    status.exists ||
    status.lastRunId !== undefined ||
    (!status.error && !!status.blockedReason)
  );
}

/**
 * The current entity's databases: a card per environment it uses, provisioned
 * ones first, then one line offering the environments it does not use yet.
 */
export function DatabaseStatusList() {
  const { entity } = useEntity();
  const rdsApi = useApi(rdsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const appName = getRdsAppName(entity);
  // Only for the "needs approval" notes; the list does not wait for it.
  const { value: environments } = useRdsEnvironments();

  const { value, loading, error } = useAsync(
    () => rdsApi.getDatabases(entityRef),
    [rdsApi, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      // The cause in the title: a 503 of a plugin that failed to start says why.
      <ResponseErrorPanel
        error={error}
        title={`Could not load the database status: ${errorMessage(error)}`}
      />
    );
  }

  const statuses = value ?? [];
  const cards = [
    ...statuses.filter(s => hasCard(s) && s.exists),
    ...statuses.filter(s => hasCard(s) && !s.exists),
  ];
  const unused = statuses.filter(s => !hasCard(s));

  if (cards.length === 0) {
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
      {cards.map(status => (
        // A component can have databases under more than one app name.
        <Grid item xs={12} key={`${status.environment}/${status.appName}`}>
          <DatabaseStatusCard
            status={status}
            entityRef={entityRef}
            appName={appName}
          />
        </Grid>
      ))}
      {unused.length > 0 && (
        <Grid item xs={12}>
          <AlsoAvailable
            statuses={unused}
            environments={environments}
            entityRef={entityRef}
          />
        </Grid>
      )}
    </Grid>
  );
}

/** One line: the environments the entity does not use, each a link to the prefilled template. */
function AlsoAvailable(props: {
  statuses: DatabaseStatus[];
  environments?: EnvironmentSummary[];
  entityRef: string;
}) {
  const { statuses, environments, entityRef } = props;
  return (
    <Box px={2}>
      <Typography variant="body1">
        Also available:{' '}
        {statuses.map((status, index) => {
          const environment = environments?.find(
            e => e.name === status.environment,
          );
          const needsApproval = environment && approvalStopsYou(environment);
          const notes = [
            needsApproval && 'needs approval',
            status.error && 'status unknown',
          ].filter(Boolean);
          return (
            <Fragment key={`${status.environment}/${status.appName}`}>
              {index > 0 && ', '}
              <Link
                to={provisionTemplateUrl({
                  entityRef,
                  appName: status.appName,
                  environment: status.environment,
                })}
                aria-label={`Provision in ${status.environment}`}
              >
                {status.environment}
              </Link>
              {notes.length > 0 && ` (${notes.join(', ')})`}
            </Fragment>
          );
        })}{' '}
        —{' '}
        {statuses.length === 1
          ? 'select it to provision a database there.'
          : 'select one to provision a database there.'}
      </Typography>
    </Box>
  );
}
