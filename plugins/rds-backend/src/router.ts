import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createApprovalRouter } from './approval/approvalRouter';
import type { ApprovalService } from './approval/ApprovalService';
import { createPermissionChecks } from './permissions/checks';
import { runRequestMeta } from './routes/auditMeta';
import { createAudited } from './routes/auditedRun';
import { createCallers } from './routes/callers';
import { createDecommissionRoutes } from './routes/decommissionRoutes';
import { createProvisionRoutes } from './routes/provisionRoutes';
import { createReadRoutes } from './routes/readRoutes';
import { createReportedRunsRoute } from './routes/reportedRunsRoute';
import type { DecommissionService } from './service/DecommissionService';
import { RdsService } from './service/RdsService';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  service: RdsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Decommissioning (`POST /decommission`); the route is absent without it. */
  decommissions?: DecommissionService;
  /** The approval workflow; without it, runs that need an approval are refused (403). */
  approvals?: ApprovalService;
  /** The users' group memberships, for the approvers named in config. */
  userInfo?: UserInfoService;
}

/**
 * The REST API of the rds backend, mounted at /api/rds: the read routes
 * (routes/readRoutes), plan and provision (routes/provisionRoutes), reported
 * CLI runs (routes/reportedRunsRoute), approvals and decommissioning
 * (routes/decommissionRoutes).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, auditor } = options;
  const checks = createPermissionChecks(options.permissions, options.userInfo);
  const callers = createCallers(httpAuth, checks);
  // What was asked, for the auditor; only known, non-secret fields.
  const audited = createAudited(
    auditor,
    runRequestMeta(
      'accessLevel',
      'rotatePassword',
      'confirmAccessLevelChange',
      'justification',
    ),
  );
  const router = Router();
  router.use(express.json());

  router.use(createReadRoutes({ service, checks, callers }));
  router.use(
    createProvisionRoutes({
      service,
      checks,
      callers,
      audited,
      approvals: options.approvals,
    }),
  );
  router.use(createReportedRunsRoute({ service, httpAuth, audited }));

  if (options.approvals) {
    router.use(
      createApprovalRouter({
        approvals: options.approvals,
        httpAuth,
        auditor,
        checks,
      }),
    );
  }

  if (options.decommissions) {
    router.use(
      createDecommissionRoutes({
        decommissions: options.decommissions,
        permissions: options.permissions,
        auditor,
        checks,
        callers,
        approvals: options.approvals,
      }),
    );
  }

  return router;
}
