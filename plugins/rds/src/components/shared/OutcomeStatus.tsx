import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { RunOutcome } from '@rds-self-service/plugin-rds-common';
import { outcomeLabel } from './format';

/** A run outcome as a coloured status label. */
export function OutcomeStatus(props: { outcome: RunOutcome }) {
  const label = outcomeLabel(props.outcome);
  switch (props.outcome) {
    case 'created':
    case 'updated':
    case 'deleted':
    case 'no_change':
      return <StatusOK>{label}</StatusOK>;
    case 'planned':
    case 'pending_approval':
      return <StatusPending>{label}</StatusPending>;
    // Stopped before anything ran: a guardrail or the approval gate, not a fault.
    case 'blocked':
    case 'denied':
    case 'rejected':
    case 'expired':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusError>{label}</StatusError>;
  }
}
