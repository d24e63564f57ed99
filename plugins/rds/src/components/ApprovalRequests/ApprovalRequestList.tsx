import type { ApprovalRequest } from '@rds-self-service/plugin-rds-common';
import Box from '@material-ui/core/Box';
import type { ReactNode } from 'react';
import { ApprovalRequestCard } from './ApprovalRequestCard';

/**
 * Approval requests as a column of cards, under an optional heading
 * (`children`); `onDecided` runs after an approve or reject, to reload them.
 */
export function ApprovalRequestList(props: {
  requests: ApprovalRequest[];
  onDecided: () => void;
  children?: ReactNode;
}) {
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {props.children}
      {props.requests.map(request => (
        <ApprovalRequestCard
          key={request.id}
          request={request}
          onDecided={props.onDecided}
        />
      ))}
    </Box>
  );
}
