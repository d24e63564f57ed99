import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  accessLevelDescriptions,
  explainBlock,
  type Plan,
  type PlanStep,
} from '@rds-self-service/plugin-rds-common';
import { accessLevelChange } from './planRequest';

// By name, so an action added to PlanStep reads as itself until it has a label.
const ACTION_LABEL: Record<string, string | undefined> = {
  create: 'Create',
  update: 'Change',
  delete: 'Delete',
  none: 'Keep',
  block: 'Blocked',
};

/** Whether an object exists before the run, in words. */
function existence(exists: boolean | undefined): string {
  if (exists === undefined) return '';
  return exists ? 'exists, kept' : 'new, created by this run';
}

/** The access level row: the level, and any change from the current one. */
function accessLevelRow(plan: Plan): [string, string] {
  const change = accessLevelChange(plan);
  const level = plan.request.accessLevel;
  if (!change) {
    return [
      plan.current?.accessLevel ? `${level} (unchanged)` : level,
      accessLevelDescriptions[level],
    ];
  }
  return change.downgrade
    ? [`${change.from} → ${change.to}: lower, takes privileges away`, '']
    : [`${change.from} → ${change.to}: higher`, accessLevelDescriptions[level]];
}

/** The password row: kept, rotated, or generated for a new secret. */
function passwordRow(plan: Plan): [string, string] {
  if (plan.current && !plan.current.secret) {
    return ['Generated', 'the new secret gets a generated password'];
  }
  return plan.request.rotatePassword
    ? [
        'Yes',
        'stored in the secret; apps that read it at start-up need a restart',
      ]
    : ['No', 'the secret keeps its password'];
}

/**
 * What a run will do, from its plan: the names and whether each exists, the
 * access level and any change of it, the steps that change something, and
 * what would block it.
 */
export function PlanSummary(props: {
  plan: Plan;
  /** Who approves runs in the plan's environment, when known. */
  approvers?: string[];
}) {
  const { plan, approvers } = props;
  const rows: Array<[string, string, string]> = [
    ['Database', plan.database, existence(plan.current?.database)],
    ['Login role', plan.role, existence(plan.current?.role)],
    ['Secret', plan.secretName, existence(plan.current?.secret)],
    ['Access level', ...accessLevelRow(plan)],
    ['New password', ...passwordRow(plan)],
  ];
  // The approval gate is no block: the run becomes a pending approval request.
  const approval = plan.steps.find(
    s => s.action === 'block' && s.kind === 'approval',
  );
  const blocks = plan.steps.filter(s => s.action === 'block' && s !== approval);
  const changes = plan.steps.filter(
    s => s.action === 'create' || s.action === 'update',
  );
  return (
    <Box>
      <Table size="small" aria-label="What the run is for">
        <TableBody>
          {rows.map(([label, value, note]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>
                <code>{value}</code>
              </TableCell>
              <TableCell>{note}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {approval && (
        <Box mt={2}>
          <ApprovalWait step={approval} approvers={approvers} />
        </Box>
      )}
      {blocks.map(step => {
        const { cause, fix } = explainBlock(step.reason);
        return (
          <Box mt={2} key={step.id}>
            <Alert severity="error">
              <AlertTitle>The run would be blocked: {cause}</AlertTitle>
              <strong>What to do:</strong> {fix}
            </Alert>
          </Box>
        );
      })}
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          {changes.length
            ? `What the run will do (${changes.length} of ${plan.steps.length} steps change something)`
            : 'Nothing to change: the run will report No change'}
        </Typography>
        {changes.length > 0 && (
          <ol aria-label="Steps that change something">
            {changes.map(step => (
              <li key={step.id}>
                <strong>{ACTION_LABEL[step.action] ?? step.action}</strong>{' '}
                {step.kind} <code>{step.target}</code>: {step.reason}
              </li>
            ))}
          </ol>
        )}
      </Box>
    </Box>
  );
}

/** What an approval gate means for the run: it waits for an approver, nothing changes before. */
function ApprovalWait(props: { step: PlanStep; approvers?: string[] }) {
  const { step, approvers } = props;
  const { cause } = explainBlock(step.reason);
  const who = approvers?.length
    ? `one of ${approvers.join(', ')}`
    : `an approver of ${step.target}`;
  return (
    <Alert severity="info">
      <AlertTitle>The run will wait for approval</AlertTitle>
      {cause} The run becomes an approval request: nothing changes until {who}{' '}
      approves it, then this plan is applied.
    </Alert>
  );
}
