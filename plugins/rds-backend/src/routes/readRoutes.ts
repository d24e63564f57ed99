import type {
  DatabasesResponse,
  EnvironmentsResponse,
} from '@rds-self-service/plugin-rds-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import type { createPermissionChecks } from '../permissions/checks';
import {
  parseAuditCsvQuery,
  parseAuditQuery,
  parseEntityRefParam,
} from '../requestSchemas';
import type { RdsService } from '../service/RdsService';
import type { Callers } from './callers';

/**
 * The read routes: the environments, and an entity's databases and audit
 * history (JSON and CSV). Each checks the caller's read permission first.
 */
export function createReadRoutes(options: {
  service: RdsService;
  checks: ReturnType<typeof createPermissionChecks>;
  callers: Callers;
}): express.Router {
  const { service, checks } = options;
  const { readCredentials } = options.callers;
  const router = Router();

  // Each environment says whether this caller's run would stop for approval,
  // by the same decision a run gets, so the form warns only those it stops.
  router.get('/environments', async (req, res) => {
    const credentials = await readCredentials(req, 'environments');
    const items = await Promise.all(
      service.listEnvironments().map(async summary => ({
        ...summary,
        approvalRequiredForYou:
          summary.requiresApproval &&
          !(await checks.hasApproval(
            credentials,
            service.environment(summary.name),
          )),
      })),
    );
    const body: EnvironmentsResponse = { items };
    res.json(body);
  });

  // Path and query are checked before anything reads with them (400, never
  // a 500 from Postgres); the service then resolves the entity as the caller.
  router.get('/entities/:entityRef/databases', async (req, res) => {
    const entityRef = parseEntityRefParam(req.params.entityRef);
    const credentials = await readCredentials(req, `databases of ${entityRef}`);
    const body: DatabasesResponse = {
      items: await service.databasesForEntity(entityRef, credentials),
    };
    res.json(body);
  });

  // The entity's history, as JSON pages or as CSV: path, query, then read permission.
  const auditRead = async <Q>(
    req: Request,
    parseQuery: (query: unknown) => Q,
  ) => {
    const entityRef = parseEntityRefParam(req.params.entityRef);
    const query = parseQuery(req.query);
    const credentials = await readCredentials(
      req,
      `the audit history of ${entityRef}`,
    );
    return { entityRef, query, credentials };
  };

  router.get('/entities/:entityRef/audit', async (req, res) => {
    const { entityRef, query, credentials } = await auditRead(
      req,
      parseAuditQuery,
    );
    res.json(await service.audit(entityRef, credentials, query));
  });

  router.get('/entities/:entityRef/audit.csv', async (req, res) => {
    const { entityRef, query, credentials } = await auditRead(
      req,
      parseAuditCsvQuery,
    );
    const csv = await service.auditCsv(entityRef, credentials, query);
    const file = `rds-audit-${entityRef.replace(/[^a-zA-Z0-9_-]+/g, '_')}.csv`;
    res.type('text/csv; charset=utf-8').attachment(file).send(csv);
  });

  return router;
}
