import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@rds-self-service/plugin-rds-common';
import { useState } from 'react';
import { rdsApprovalsApiRef } from '../../api';
import { errorMessage } from '../shared/format';

/**
 * Approve or reject a pending request, with a comment (required to reject).
 * The approval names the plan hash shown, so a plan that changed meanwhile is
 * refused by the backend and shown here with its differences.
 */
export function ApprovalDecision(props: {
  request: ApprovalRequest;
  onDecided: () => void;
}) {
  const { request, onDecided } = props;
  const api = useApi(rdsApprovalsApiRef);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const decide = async (verb: 'approve' | 'reject') => {
    setBusy(true);
    setError(undefined);
    try {
      if (verb === 'approve') {
        await api.approve(request.id, {
          planHash: request.planHash,
          ...(comment.trim() && { comment: comment.trim() }),
        });
      } else {
        await api.reject(request.id, { comment: comment.trim() });
      }
      onDecided();
    } catch (e) {
      setError(errorMessage(e as Error));
      // A refused apply puts the request back with its new plan: show it.
      onDecided();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={2}>
      {error && (
        <Box mb={2}>
          <Alert
            severity="error"
            role="alert"
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {error}
          </Alert>
        </Box>
      )}
      <TextField
        id={`approval-comment-${request.id}`}
        label="Comment"
        helperText="Kept with the decision and sent to the requester; required to reject."
        value={comment}
        onChange={e => setComment(e.target.value)}
        fullWidth
        multiline
        variant="outlined"
        size="small"
        inputProps={{ maxLength: 2000 }}
      />
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => decide('approve')}
        >
          Approve and{' '}
          {request.kind === 'decommission' ? 'decommission' : 'provision'}
        </Button>
        <Button
          variant="outlined"
          disabled={busy || !comment.trim()}
          onClick={() => decide('reject')}
        >
          Reject
        </Button>
      </Box>
    </Box>
  );
}
