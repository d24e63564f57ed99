import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  useQueryParamState,
} from '@backstage/core-components';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import { useState } from 'react';
import { ApprovalRequestList } from './ApprovalRequestList';
import { useApprovalRequests } from './useApprovalRequests';

/**
 * Every approval request the user may see, across entities: pending ones by
 * default, all with the switch; `?id=` puts that request first.
 */
export function RdsRequestsPage() {
  const [focus] = useQueryParamState<string>('id');
  const [all, setAll] = useState(false);
  const { value, loading, error, retry } = useApprovalRequests({
    status: all || focus ? 'all' : 'pending',
  });
  const items = [...(value ?? [])].sort(
    (a, b) => Number(b.id === focus) - Number(a.id === focus),
  );
  const shown =
    all || !focus
      ? items
      : items.filter(r => r.id === focus || r.status === 'pending');
  return (
    <Page themeId="tool">
      <Header
        title="Database requests"
        subtitle="Runs in environments that require approval, waiting for a second person"
      />
      <Content>
        <FormControlLabel
          control={<Switch checked={all} onChange={(_, v) => setAll(v)} />}
          label="Show approved, rejected and expired requests too"
        />
        {loading && !value && <Progress />}
        {error && (
          <ResponseErrorPanel error={error} title="Approval requests" />
        )}
        {value && shown.length === 0 && (
          <EmptyState
            missing="data"
            title="No pending requests"
            description="Runs in environments that require approval appear here until someone approves or rejects them."
          />
        )}
        <ApprovalRequestList requests={shown} onDecided={retry} />
      </Content>
    </Page>
  );
}
