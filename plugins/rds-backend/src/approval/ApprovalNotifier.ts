import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  approvalRequestPath,
  databaseTabPath,
  outcomeLabel,
  type ApprovalRequest,
} from '@rds-self-service/plugin-rds-common';

/**
 * Tells approvers of new requests and requesters of decisions, through
 * Backstage's notifications (when the notifications backend is installed).
 * A notification that cannot be sent is logged; it never fails the workflow.
 */
export class ApprovalNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** A new (or again pending) request, to the environment's approvers. */
  async toApprovers(
    request: ApprovalRequest,
    approvers: string[],
    why: 'new' | 'plan-changed',
  ): Promise<void> {
    if (approvers.length === 0) return;
    const what = `${request.database} in ${request.environment}`;
    const asks =
      request.kind === 'decommission'
        ? `to decommission ${what} (policy ${request.policy})`
        : `for ${request.accessLevel} access to ${what}`;
    await this.send({
      recipients: {
        type: 'entity',
        entityRef: approvers,
        excludeEntityRef: request.requester,
      },
      payload: {
        title:
          why === 'new'
            ? `Approval requested: ${what}`
            : `Approval needed again: ${what} (the plan changed)`,
        description: `${request.requester} asks ${asks}${
          request.entityRef ? ` for ${request.entityRef}` : ''
        }${request.justification ? `: "${request.justification}"` : ''}.`,
        link: approvalRequestPath(request.id),
        severity: 'high',
        topic: `rds-approval-${request.id}`,
        scope: `rds-approval-${request.id}`,
      },
    });
  }

  /** The decision and the outcome, to the requester. */
  async toRequester(request: ApprovalRequest, message: string): Promise<void> {
    const what = `${request.database} in ${request.environment}`;
    const [done, doing] =
      request.kind === 'decommission'
        ? ['decommissioned', 'decommissioning']
        : ['provisioned', 'provisioning'];
    const titles: Record<string, string> = {
      approved: `Approved and ${done}: ${what}`,
      failed: `Approved, but ${doing} failed: ${what}`,
      rejected: `Rejected: ${what}`,
      expired: `Expired without a decision: ${what}`,
      pending: `Not applied, the plan changed: ${what}`,
    };
    const outcome = request.outcome
      ? ` (${outcomeLabel(request.outcome)})`
      : '';
    await this.send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `${titles[request.status] ?? what}${outcome}`,
        description: message,
        link: request.entityRef
          ? databaseTabPath(parseEntityRef(request.entityRef))
          : approvalRequestPath(request.id),
        severity: request.status === 'approved' ? 'normal' : 'high',
        topic: `rds-approval-${request.id}`,
      },
    });
  }

  private async send(
    options: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    if (!this.options.notifications) return;
    try {
      await this.options.notifications.send(options);
    } catch (error) {
      this.options.logger.warn(
        `Could not send the notification "${options.payload.title}": ${
          (error as Error).message
        }`,
      );
    }
  }
}
