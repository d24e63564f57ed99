import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  outcomeLabel,
  type ApprovalRequest,
} from '@rds-self-service/plugin-rds-common';
import { PlanSummary } from '../RdsPlanReview/PlanSummary';
import { ApprovalDecision } from './ApprovalDecision';

const STATUS_LABEL: Record<ApprovalRequest['status'], string> = {
  pending: 'Pending approval',
  applying: 'Being applied',
  approved: 'Approved',
  failed: 'Approved, apply failed',
  rejected: 'Rejected',
  expired: 'Expired',
};

function StatusLabel(props: { request: ApprovalRequest }) {
  const { status, outcome } = props.request;
  const label = `${STATUS_LABEL[status]}${
    outcome ? ` (${outcomeLabel(outcome)})` : ''
  }`;
  if (status === 'approved') return <StatusOK>{label}</StatusOK>;
  if (status === 'pending' || status === 'applying')
    return <StatusPending>{label}</StatusPending>;
  if (status === 'failed') return <StatusError>{label}</StatusError>;
  return <StatusWarning>{label}</StatusWarning>;
}

/** What the request is for: `Provision, owner access` or `Decommission, policy delete`. */
export function requestKindLabel(request: ApprovalRequest): string {
  return request.kind === 'decommission'
    ? `Decommission, policy ${request.policy}`
    : `Provision, ${request.accessLevel} access`;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

/**
 * One approval request: what was asked, by whom and why, the exact plan (and
 * how it changed, if an approval found the instance changed), the decision,
 * and Approve / Reject for those who may decide it.
 */
export function ApprovalRequestCard(props: {
  request: ApprovalRequest;
  onDecided: () => void;
}) {
  const { request, onDecided } = props;
  const plan = request.plan;
  const sql = plan.steps
    .filter(s => s.action !== 'none' && s.action !== 'block')
    .flatMap(s => s.sql);
  return (
    <section
      aria-label={`Approval request: ${request.database} in ${request.environment}`}
    >
      <InfoCard
        title={`${request.database} in ${request.environment}`}
        subheader={`${requestKindLabel(request)}${
          request.entityRef ? ` for ${request.entityRef}` : ''
        }`}
      >
        <Box>
          <StatusLabel request={request} />
          <Typography variant="body1" component="p" style={{ marginTop: 8 }}>
            <strong>{request.requester}</strong> asked on{' '}
            {when(request.createdAt)}
            {request.justification ? (
              <>
                : <q>{request.justification}</q>
              </>
            ) : (
              ' (no justification given)'
            )}
          </Typography>
          {request.status === 'pending' && (
            <Typography variant="body2" color="textSecondary">
              Expires {when(request.expiresAt)}. Nothing is changed until a
              second person approves.
            </Typography>
          )}
          {request.decidedBy && request.status !== 'pending' && (
            <Typography variant="body2" component="p">
              {STATUS_LABEL[request.status]} by{' '}
              <strong>{request.decidedBy}</strong>
              {request.comment ? `: “${request.comment}”` : ''}
              {request.error ? ` (${request.error})` : ''}
            </Typography>
          )}
          {request.planChanges &&
            request.planChanges.length > 0 &&
            request.status === 'pending' && (
              <Box mt={2}>
                <Alert severity="warning">
                  The instance changed since the request, so the last approval
                  applied nothing. This is the new plan; what changed:
                  <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {request.planChanges.join('\n')}
                  </pre>
                </Alert>
              </Box>
            )}
          <Box mt={2}>
            {'preflight' in plan ? (
              <ul aria-label="What the decommission does">
                {plan.steps
                  .filter(s => s.action !== 'none')
                  .map(s => (
                    <li key={s.id}>{s.reason}</li>
                  ))}
              </ul>
            ) : (
              <PlanSummary plan={plan} />
            )}
          </Box>
          {sql.length > 0 && (
            <details>
              <summary>SQL the platform will run (passwords redacted)</summary>
              <pre style={{ whiteSpace: 'pre-wrap' }}>{sql.join(';\n')};</pre>
            </details>
          )}
          <Typography variant="caption" color="textSecondary" component="p">
            Plan SHA-256 {request.planHash}
          </Typography>
          {request.canDecide && (
            <ApprovalDecision request={request} onDecided={onDecided} />
          )}
          {request.status === 'pending' && !request.canDecide && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 8 }}
            >
              Waiting for an approver of {request.environment}. The requester
              cannot approve their own request.
            </Typography>
          )}
        </Box>
      </InfoCard>
    </section>
  );
}
