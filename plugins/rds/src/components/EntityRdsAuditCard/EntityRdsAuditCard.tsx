import {
  EmptyState,
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TablePagination from '@material-ui/core/TablePagination';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rdsApiRef } from '../../api';
import { getRdsAppName } from '../../entity';
import { provisionTemplateUrl } from '../../links';
import { errorMessage } from '../shared/format';
import { auditColumns } from './auditColumns';
import { CsvDownloadButton } from './CsvDownloadButton';

const PAGE_SIZES = [10, 25, 50];

/**
 * Props for {@link EntityRdsAuditCard}.
 *
 * @public
 */
export interface EntityRdsAuditCardProps {
  /** Only show runs for this environment. */
  environment?: string;
  /** Rows per page to start with; 10 unless given. */
  pageSize?: number;
}

/**
 * Provisioning history of the current entity's databases, newest first, with
 * a CSV export. Pages are fetched from the backend one at a time.
 *
 * @public
 */
export function EntityRdsAuditCard(props: EntityRdsAuditCardProps) {
  return <AuditHistoryCard {...props} />;
}

/**
 * The audit card; in the Database tab it shows nothing until there is a run,
 * so an entity without databases gets one empty state (the tab's), not two.
 */
export function AuditHistoryCard(
  props: EntityRdsAuditCardProps & { hideWhenEmpty?: boolean },
) {
  const { environment, hideWhenEmpty } = props;
  const { entity } = useEntity();
  const rdsApi = useApi(rdsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(props.pageSize ?? PAGE_SIZES[0]);
  const [downloadError, setDownloadError] = useState<Error>();

  const { value, loading, error } = useAsync(
    () =>
      rdsApi.getAudit(entityRef, {
        environment,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [rdsApi, entityRef, environment, page, pageSize],
  );

  const hasRuns = !!value && value.totalCount > 0;
  if (hideWhenEmpty && !error && value && !hasRuns) {
    return null;
  }

  let content;
  if (error) {
    content = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the provisioning history"
      />
    );
  } else if (!value) {
    content = <Progress />;
  } else if (value.totalCount === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No provisioning runs yet"
        description="Runs of the Postgres database template for this component show up here, with who ran them and how each step ended."
        action={
          <LinkButton
            to={provisionTemplateUrl({
              entityRef,
              appName: getRdsAppName(entity),
              environment,
            })}
            color="primary"
            variant="contained"
          >
            Open the template
          </LinkButton>
        }
      />
    );
  } else {
    content = (
      <>
        <Table
          columns={auditColumns}
          // material-table keeps row state by `id`; a run id may repeat (a retried run).
          data={value.items.map((record, index) => ({
            ...record,
            id: `${page * pageSize + index}:${record.runId}`,
          }))}
          isLoading={loading}
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
            sorting: false,
            draggable: false,
          }}
        />
        <TablePagination
          component="div"
          count={value.totalCount}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, newPage) => setPage(newPage)}
          onRowsPerPageChange={event => {
            setPageSize(Number(event.target.value));
            setPage(0);
          }}
        />
      </>
    );
  }

  return (
    <InfoCard
      title="Provisioning history"
      subheader={
        environment
          ? `Runs in ${environment}, newest first`
          : 'All environments, newest first'
      }
      action={
        // Nothing to export before the first run.
        hasRuns && (
          <Box pt={2} pr={1}>
            <CsvDownloadButton
              entityRef={entityRef}
              environment={environment}
              fileName={[entity.metadata.name, environment, 'rds-audit']
                .filter(Boolean)
                .join('-')}
              onError={setDownloadError}
            />
          </Box>
        )
      }
      noPadding
    >
      {downloadError && (
        <Box p={2}>
          <Alert severity="error" onClose={() => setDownloadError(undefined)}>
            Could not download the CSV: {errorMessage(downloadError)}
          </Alert>
        </Box>
      )}
      {content}
    </InfoCard>
  );
}
