import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ApprovalRequestLink } from '@rds-self-service/plugin-rds-common';

/**
 * The end of a run that became a pending approval request (rds:provision,
 * rds:decommission): not a failure, the request waits for a second person and
 * nothing was changed. Logs who can approve it until when, and outputs its link.
 */
export function outputPendingApproval(
  ctx: {
    logger: Pick<LoggerService, 'info'>;
    output(
      name: 'approvalRequestPath' | 'approvalRequestUrl',
      value: string,
    ): void;
  },
  link: ApprovalRequestLink,
  appBaseUrl: string,
): void {
  const { path, approvers, expiresAt } = link;
  ctx.logger.info(
    `Pending approval: nothing was changed. ${approvers.join(
      ', ',
    )} can approve the request until ${expiresAt}: ${appBaseUrl}${path}`,
  );
  ctx.output('approvalRequestPath', path);
  ctx.output('approvalRequestUrl', `${appBaseUrl}${path}`);
}
