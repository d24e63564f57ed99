import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { parseReportedRecords } from '../reported/reportedRecords';
import type { RdsService } from '../service/RdsService';
import type { Audited } from './auditedRun';

/**
 * `POST /audit/records`: runs of the rds-provision CLI (a CI job), reported
 * with a service token (backend.auth.externalAccess), so the entity's history
 * shows them. A user cannot write history; the records are checked against
 * this config.
 */
export function createReportedRunsRoute(options: {
  service: RdsService;
  httpAuth: HttpAuthService;
  audited: Audited;
}): express.Router {
  const { service, httpAuth, audited } = options;
  const router = Router();

  router.post('/audit/records', (req, res) =>
    audited(
      req,
      { eventId: 'audit-records-report', severityLevel: 'medium' },
      async event => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['service'],
        });
        const records = parseReportedRecords(req.body);
        const items = await service.recordReported(records, credentials);
        await event.success({ meta: { records: items.length } });
        res.status(201).json({ items });
      },
    ),
  );

  return router;
}
