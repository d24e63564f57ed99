export { EntityApprovalRequests } from './EntityApprovalRequests';
export { RdsRequestsPage } from './RdsRequestsPage';
export { ApprovalRequestCard } from './ApprovalRequestCard';
