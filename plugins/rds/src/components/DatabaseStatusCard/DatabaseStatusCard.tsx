import {
  InfoCard,
  Link,
  LinkButton,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  accessLevelDescriptions,
  deriveNames,
  isCliRun,
  type AccessLevel,
  type DatabaseStatus,
} from '@rds-self-service/plugin-rds-common';
import { provisionTemplateUrl, scaffolderTaskUrl } from '../../links';
import { OutcomeStatus } from '../shared/OutcomeStatus';
import { RotationInfo } from '../RotationInfo';
import { DecommissionButton, DecommissionNotice } from '../DecommissionNotice';
import { ConnectSection } from './ConnectSection';
import { formatTimestamp } from '../shared/format';
import {
  statusHeadline,
  statusProblems,
  type StatusHeadline,
} from './statusSummary';
import { FactsTable } from '../shared/FactsTable';

/** Props for {@link DatabaseStatusCard}. */
export interface DatabaseStatusCardProps {
  status: DatabaseStatus;
  entityRef: string;
  appName: string;
}

/** One environment's database: status at a glance, problems, and a re-run button. */
export function DatabaseStatusCard(props: DatabaseStatusCardProps) {
  const { status, entityRef, appName } = props;
  const problems = statusProblems(status);
  const taskUrl = scaffolderTaskUrl(status.lastRunId);
  // A re-run keeps the database's level: without it the form falls back to
  // its default and the run would change the login role's grants.
  const templateUrl = provisionTemplateUrl({
    entityRef,
    appName: status.appName || appName,
    environment: status.environment,
    accessLevel: status.accessLevel ?? status.lastChangedAccessLevel,
  });

  // Only a run that changed something provisioned the database: a blocked,
  // failed or no_change run is the "Last run", not the last provisioning.
  const lastProvisioned = status.lastChangedAt
    ? whenAndWho(
        status.lastChangedAt,
        status.lastChangedBy,
        status.lastChangedRunId,
      )
    : 'Never';
  // Only a database that exists with its secret can be connected to.
  const connection =
    !status.error && status.exists && status.secretPresent
      ? status.connection
      : undefined;
  // A missing database or secret is an alarm only where the platform made it
  // and it should be there: not before the first change (a request waiting for
  // approval, a run that failed), not after a decommission, not under a block
  // (facts of objects the platform does not manage; the block says what to do).
  const plain =
    !status.lastChangedAt || !!status.decommissioned || !!status.blockedReason;
  // When the live state could not be read, only the audit fields are facts.
  const metadata: Record<string, unknown> = status.error
    ? { 'Last provisioned': lastProvisioned }
    : {
        Database: status.database,
        Exists: <YesNo value={status.exists} plain={plain} />,
        Owner: status.owner ? <OwnerText status={status} /> : '—',
        'Login role': status.role,
        'Access level': status.accessLevel ? (
          <AccessLevelText level={status.accessLevel} />
        ) : (
          '—'
        ),
        // The Connect section has the name with a copy button.
        ...(!connection && { 'Secret name': status.secretName }),
        'Secret present': <YesNo value={status.secretPresent} plain={plain} />,
        ...(status.rotation && {
          Rotation: <RotationInfo rotation={status.rotation} />,
        }),
        Drift: driftSummary(status),
        'Last provisioned': lastProvisioned,
      };
  if (status.lastOutcome) {
    metadata['Last run'] = (
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <OutcomeStatus outcome={status.lastOutcome} />
        {status.lastProvisionedAt && (
          <span>
            {whenAndWho(
              status.lastProvisionedAt,
              status.lastProvisionedBy,
              status.lastRunId,
            )}
          </span>
        )}
        {taskUrl && (
          <Link
            to={taskUrl}
            aria-label={`View task of run ${status.lastRunId}`}
          >
            View task
          </Link>
        )}
      </Box>
    );
  }

  return (
    <InfoCard
      title={`Environment: ${status.environment}`}
      subheader={`${status.database || status.appName} on ${status.instance}`}
      action={
        <Box pt={2} pr={1}>
          <Headline headline={statusHeadline(status)} />
        </Box>
      }
      actions={
        <Box display="flex" style={{ gap: 8 }}>
          <LinkButton to={templateUrl} color="primary" variant="outlined">
            {status.exists
              ? `Re-run template for ${status.environment}`
              : `Provision in ${status.environment}`}
          </LinkButton>
          <DecommissionButton
            status={status}
            entityRef={entityRef}
            appName={appName}
          />
        </Box>
      }
    >
      <Grid container spacing={3}>
        <Grid item xs={12} lg={connection ? 6 : 12}>
          <DecommissionNotice status={status} />
          {problems.map(problem => (
            <Box mb={2} key={problem.title}>
              <Alert severity={problem.severity}>
                <AlertTitle>{problem.title}</AlertTitle>
                {problem.text}
                {problem.fix && (
                  <Box mt={1}>
                    <strong>What to do:</strong> {problem.fix}
                  </Box>
                )}
                {problem.details && (
                  <Box mt={1} component="details">
                    <summary>Details</summary>
                    {problem.details}
                  </Box>
                )}
                {problem.items && (
                  <ul>
                    {problem.items.map(item => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
              </Alert>
            </Box>
          ))}
          <FactsTable metadata={metadata} />
        </Grid>
        {connection && (
          <Grid item xs={12} lg={6}>
            <ConnectSection
              connection={connection}
              appName={status.appName}
              environment={status.environment}
            />
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}

function Headline(props: { headline: StatusHeadline }) {
  const { level, label } = props.headline;
  switch (level) {
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    case 'warning':
      return <StatusWarning>{label}</StatusWarning>;
    case 'pending':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusError>{label}</StatusError>;
  }
}

// The level's meaning as text, readable without a hover (rds-common's sentence).
function AccessLevelText(props: { level: AccessLevel }) {
  return (
    <>
      <Typography variant="body2" component="span">
        <strong>{props.level}</strong>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {accessLevelDescriptions[props.level]}
      </Typography>
    </>
  );
}

// The owner is a NOLOGIN role; say so, and say when it is not the platform's.
function OwnerText(props: { status: DatabaseStatus }) {
  const { owner, appName, environment } = props.status;
  const ownerRole = deriveNames(appName, environment).ownerRole;
  return (
    <>
      <Typography variant="body2" component="span">
        {owner}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {owner === ownerRole
          ? 'owner role (NOLOGIN, owns the objects)'
          : `not the platform's owner role ${ownerRole}`}
      </Typography>
    </>
  );
}

function whenAndWho(
  at: string,
  by: string | undefined,
  runId?: string,
): string {
  const ci = runId && isCliRun({ runId }) ? ' (by CI)' : '';
  return `${formatTimestamp(at)}${by ? ` by ${by}` : ''}${ci}`;
}

// What a plan would change is only drift for a database the platform runs:
// not before it exists, and not while a block keeps the plan from running.
function driftSummary(status: DatabaseStatus): string {
  if (!status.exists) return '—';
  if (status.blockedReason) return 'Not checked while blocked';
  const count = status.drift.length;
  return count === 0 ? 'None' : `${count} finding${count === 1 ? '' : 's'}`;
}

function YesNo(props: { value: boolean; plain?: boolean }) {
  if (props.plain) return <>{props.value ? 'Yes' : 'No'}</>;
  return props.value ? <StatusOK>Yes</StatusOK> : <StatusError>No</StatusError>;
}
