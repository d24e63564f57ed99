import type {
  DatabaseService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { DecommissionService } from '../service/DecommissionService';
import type { RdsService } from '../service/RdsService';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalService } from './ApprovalService';
import { ApprovalStore } from './ApprovalStore';
import { createApproverChecks } from './approverChecks';

/**
 * The approval workflow of the plugin, with a scheduled task that expires
 * pending requests past their time (reads and decisions expire them too).
 * Its table is created by the plugin's migrations (the audit store runs them).
 */
export async function createApprovals(deps: {
  service: RdsService;
  /** How decommission requests are planned and applied (one is made when absent). */
  decommissions?: DecommissionService;
  store: RdsAuditStore;
  database: DatabaseService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  catalog: CatalogService;
  notifications?: NotificationService;
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<ApprovalService> {
  const approvals = new ApprovalService({
    rds: deps.service,
    decommissions:
      deps.decommissions ??
      new DecommissionService({
        service: deps.service,
        store: deps.store,
        catalog: deps.catalog,
      }),
    store: await ApprovalStore.create({ database: deps.database }),
    audit: deps.store,
    approvers: createApproverChecks(deps),
    catalog: deps.catalog,
    notifier: new ApprovalNotifier(deps),
    logger: deps.logger,
  });
  await deps.scheduler.scheduleTask({
    id: 'rds-expire-approval-requests',
    frequency: { minutes: 5 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await approvals.expireDue();
    },
  });
  return approvals;
}
