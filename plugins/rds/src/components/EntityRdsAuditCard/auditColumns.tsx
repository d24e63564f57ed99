import { Link, TableColumn } from '@backstage/core-components';
import {
  isCliRun,
  type AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { scaffolderTaskUrl } from '../../links';
import { OutcomeStatus } from '../shared/OutcomeStatus';
import {
  formatTimestamp,
  outcomeLabel,
  summarizeSteps,
} from '../shared/format';

function StepsCell(props: { record: AuditRecord }) {
  const { record } = props;
  const details = (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {record.steps.map(step => (
        <li key={step.id}>
          {step.target}: {outcomeLabel(step.outcome)}
          {step.message ? ` (${step.message})` : ''}
        </li>
      ))}
    </ul>
  );
  return (
    <Box>
      {record.steps.length > 0 ? (
        <Tooltip title={details}>
          <span>{summarizeSteps(record.steps)}</span>
        </Tooltip>
      ) : (
        summarizeSteps(record.steps)
      )}
      {record.error && (
        <Typography variant="body2" color="error">
          {record.error}
        </Typography>
      )}
    </Box>
  );
}

function RunCell(props: { record: AuditRecord }) {
  const { runId, buildId } = props.record;
  const taskUrl = scaffolderTaskUrl(runId);
  return (
    <Box>
      {taskUrl ? (
        <Link to={taskUrl} aria-label={`View task of run ${runId}`}>
          View task
        </Link>
      ) : (
        runId
      )}
      {buildId && (
        <Typography variant="caption" display="block">
          Build {buildId}
        </Typography>
      )}
    </Box>
  );
}

/** Columns of the audit history table. */
export const auditColumns: TableColumn<AuditRecord>[] = [
  {
    title: 'Time',
    field: 'timestamp',
    render: record => (
      <span title={record.timestamp}>{formatTimestamp(record.timestamp)}</span>
    ),
  },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Outcome',
    field: 'outcome',
    render: record => (
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 8, whiteSpace: 'nowrap' }}
      >
        <OutcomeStatus outcome={record.outcome} />
        {record.dryRun && <Chip size="small" label="dry run" />}
      </Box>
    ),
  },
  {
    title: 'Actor',
    field: 'actor',
    render: record => (
      <Box>
        {record.actor}
        {/* Reported by rds-provision: no task page, its build says where it ran. */}
        {isCliRun(record) && (
          <Typography variant="caption" display="block">
            by CI{record.buildId ? `, build ${record.buildId}` : ''}
          </Typography>
        )}
        {/* The approval workflow's records: who asked, who decided. */}
        {record.requestedBy && record.requestedBy !== record.actor && (
          <Typography variant="caption" display="block">
            requested by {record.requestedBy}
          </Typography>
        )}
        {record.decidedBy && record.decidedBy !== record.actor && (
          <Typography variant="caption" display="block">
            decided by {record.decidedBy}
          </Typography>
        )}
      </Box>
    ),
  },
  { title: 'Access level', field: 'accessLevel' },
  {
    title: 'Steps',
    field: 'steps',
    render: record => <StepsCell record={record} />,
  },
  {
    title: 'Run',
    field: 'runId',
    render: record => <RunCell record={record} />,
  },
];
