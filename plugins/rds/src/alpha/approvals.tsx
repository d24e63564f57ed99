import {
  ApiBlueprint,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { RDS_REQUESTS_PATH } from '@rds-self-service/plugin-rds-common';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { RdsApprovalsClient, rdsApprovalsApiRef } from '../api';
import { backendClientFactory } from '../api/backendClientFactory';

/** The approval workflow's API, for the requests page and the Database tab. */
export const rdsApprovalsApi = ApiBlueprint.make({
  name: 'approvals',
  params: defineParams =>
    defineParams(backendClientFactory(rdsApprovalsApiRef, RdsApprovalsClient)),
});

/** The requests page's route; with it (and an icon) the page gets a nav item. */
const requestsRouteRef = createRouteRef();

/** `/rds/requests`: every approval request the user may see, with Approve / Reject. */
export const rdsRequestsPage = PageBlueprint.make({
  name: 'requests',
  params: {
    path: RDS_REQUESTS_PATH,
    routeRef: requestsRouteRef,
    title: 'Database requests',
    icon: <AssignmentTurnedInIcon />,
    loader: () =>
      import('../components/ApprovalRequests').then(m => <m.RdsRequestsPage />),
  },
});
