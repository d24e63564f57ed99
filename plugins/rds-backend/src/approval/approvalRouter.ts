import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { ApprovalRequestsResponse } from '@rds-self-service/plugin-rds-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { createPermissionChecks } from '../permissions/checks';
import { parseEntityRefParam } from '../requestSchemas';
import type { Caller } from '../service/RdsService';
import type { ApprovalService } from './ApprovalService';
import {
  parseApproveBody,
  parseListQuery,
  parseRejectBody,
  parseRequestId,
} from './approvalSchemas';

/**
 * The approvers' routes: list and read requests (`rds.database.read` and the
 * catalog's read rules), approve and reject (an approver of the request's
 * environment, never its requester). Each checks credentials (401) and
 * permissions (403) before it reads or changes anything.
 */
export function createApprovalRouter(options: {
  approvals: ApprovalService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  checks: ReturnType<typeof createPermissionChecks>;
}): express.Router {
  const { approvals, httpAuth, auditor, checks } = options;
  const router = Router();

  const reader = async (req: Request, what: string) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await checks.requireRead(credentials, what);
    return credentials;
  };
  const decider = async (req: Request): Promise<Caller> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return { credentials, actor: credentials.principal.userEntityRef };
  };

  // Every request the caller may see, or one entity's (its catalog read rules first).
  const list =
    (perEntity: boolean) => async (req: Request, res: express.Response) => {
      const entityRef = perEntity
        ? parseEntityRefParam(req.params.entityRef)
        : undefined;
      const query = parseListQuery(req.query);
      const credentials = await reader(
        req,
        entityRef
          ? `the approval requests of ${entityRef}`
          : 'approval requests',
      );
      const body: ApprovalRequestsResponse = {
        items: await approvals.list(credentials, { ...query, entityRef }),
      };
      res.json(body);
    };
  router.get('/requests', list(false));
  router.get('/entities/:entityRef/requests', list(true));

  router.get('/requests/:id', async (req, res) => {
    const id = parseRequestId(req.params.id);
    const credentials = await reader(req, 'approval requests');
    res.json(await approvals.get(id, credentials));
  });

  const decision =
    (verb: 'approve' | 'reject') =>
    async (req: Request, res: express.Response) => {
      const id = parseRequestId(req.params.id);
      const caller = await decider(req);
      const event = await auditor.createEvent({
        eventId: `database-request-${verb}`,
        severityLevel: 'high',
        request: req,
        meta: { requestId: id, decidedBy: caller.actor },
      });
      try {
        const result =
          verb === 'approve'
            ? await approvals.approve(id, caller, parseApproveBody(req.body))
            : await approvals.reject(id, caller, parseRejectBody(req.body));
        await event.success({
          meta: {
            requestId: id,
            requestedBy: result.requester,
            decidedBy: caller.actor,
            status: result.status,
            ...(result.outcome && { outcome: result.outcome }),
          },
        });
        res.json(result);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    };
  router.post('/requests/:id/approve', decision('approve'));
  router.post('/requests/:id/reject', decision('reject'));

  return router;
}
