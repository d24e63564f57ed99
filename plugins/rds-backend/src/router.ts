import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  DatabasesResponse,
  EnvironmentsResponse,
  PlanRequestBody,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { createApprovalRouter } from './approval/approvalRouter';
import type { ApprovalService } from './approval/ApprovalService';
import { createDecommissionRouter } from './decommissionRouter';
import { requestMetaOf } from './auditMeta';
import { createPermissionChecks } from './permissions/checks';
import type { DecommissionService } from './service/DecommissionService';
import {
  parseAuditCsvQuery,
  parseAuditQuery,
  parseEntityRefParam,
  parseProvisionBody,
  parseRequestBody,
} from './requestSchemas';
import { parseReportedRecords } from './reported/reportedRecords';
import { Caller, RdsService } from './service/RdsService';
import { JsonObject } from '@backstage/types';

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

/** The REST API of the rds backend, mounted at /api/rds. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, auditor } = options;
  const checks = createPermissionChecks(options.permissions, options.userInfo);
  const router = Router();
  router.use(express.json());

  // Reads may come from users (the entity tab) or other backends.
  const readCredentials = async (req: Request, what: string) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await checks.requireRead(credentials, what);
    return credentials;
  };
  // Plans and runs are made by a person; the user is the audit actor.
  const userCaller = async (req: Request): Promise<Caller> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return { credentials, actor: credentials.principal.userEntityRef };
  };

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

  // Plans and runs are audit events; an error thrown by `handle` marks the
  // event failed and is passed on to the error handler.
  const audited = async (
    req: Request,
    eventOptions: Pick<
      AuditorServiceCreateEventOptions,
      'eventId' | 'severityLevel'
    >,
    handle: (event: AuditorServiceEvent) => Promise<void>,
  ) => {
    const event = await auditor.createEvent({
      ...eventOptions,
      request: req,
      meta: requestMeta(req.body),
    });
    try {
      await handle(event);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  // A run refused for want of approval is kept in the entity's history with
  // its justification and who may approve it; the caller still gets the 403.
  const recordDenial = async (
    error: unknown,
    request: PlanRequestBody,
    caller: Caller,
    runId: string | undefined,
  ): Promise<never> => {
    if (!(error instanceof NotAllowedError)) throw error;
    const record = await service.recordDenied(request, caller, {
      runId,
      reason: error.message,
    });
    const where = record.entityRef
      ? `the audit history of ${record.entityRef}`
      : `the audit trail (run ${record.runId})`;
    throw new NotAllowedError(
      `${error.message}. The request is kept, with its justification, in ${where}`,
    );
  };

  router.post('/plan', (req, res) =>
    audited(
      req,
      { eventId: 'database-plan', severityLevel: 'low' },
      async event => {
        const caller = await userCaller(req);
        const request = parseRequestBody(req.body);
        await checks.requireProvision(caller, 'plan');
        // A plan never needs approval; without it, it shows the run would be blocked.
        const approved = await checks.hasApproval(
          caller.credentials,
          service.environment(request.environment),
        );
        const plan = await service.plan(request, caller, { approved });
        await event.success({ meta: { blocked: plan.blocked } });
        res.json(plan);
      },
    ),
  );

  router.post('/provision', (req, res) =>
    audited(
      req,
      { eventId: 'database-provision', severityLevel: 'medium' },
      async event => {
        const caller = await userCaller(req);
        const { request, runId, dryRun } = parseProvisionBody(req.body);
        const environment = service.environment(request.environment);
        await checks.requireProvision(caller, 'provision');
        // Without an approval the caller can give, a real run becomes a pending request.
        const pending =
          !dryRun &&
          (await options.approvals?.requestUnlessApproved(
            request,
            caller,
            runId,
          ));
        if (pending) {
          await event.success({ meta: resultMeta(pending) });
          res.status(202).json(pending);
          return;
        }
        // A dry run changes nothing, so it is not refused; without approval its
        // plan shows that a real run would be blocked.
        const approved = dryRun
          ? await checks.hasApproval(caller.credentials, environment)
          : await checks
              .requireApproval(caller, environment)
              .catch(error => recordDenial(error, request, caller, runId));
        const result = await service.provision(request, caller, {
          runId,
          dryRun,
          approved,
        });
        if (result.outcome === 'blocked') {
          throw new ConflictError(blockedMessage(result));
        }
        if (result.outcome === 'failed') {
          await event.fail({
            meta: resultMeta(result),
            error: new Error(result.error ?? 'provisioning failed'),
          });
        } else {
          await event.success({ meta: resultMeta(result) });
        }
        res.json(result);
      },
    ),
  );

  // Runs of the rds-provision CLI (a CI job), reported with a service token
  // (backend.auth.externalAccess), so the entity's history shows them. A user
  // cannot write history; the records are checked against this config.
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

  router.get('/entities/:entityRef/audit', async (req, res) => {
    const entityRef = parseEntityRefParam(req.params.entityRef);
    const query = parseAuditQuery(req.query);
    const credentials = await readCredentials(
      req,
      `the audit history of ${entityRef}`,
    );
    res.json(await service.audit(entityRef, credentials, query));
  });

  router.get('/entities/:entityRef/audit.csv', async (req, res) => {
    const entityRef = parseEntityRefParam(req.params.entityRef);
    const query = parseAuditCsvQuery(req.query);
    const credentials = await readCredentials(
      req,
      `the audit history of ${entityRef}`,
    );
    const csv = await service.auditCsv(entityRef, credentials, query);
    const file = `rds-audit-${entityRef.replace(/[^a-zA-Z0-9_-]+/g, '_')}.csv`;
    res.type('text/csv; charset=utf-8').attachment(file).send(csv);
  });

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
      createDecommissionRouter({
        decommissions: options.decommissions,
        httpAuth,
        permissions: options.permissions,
        auditor,
        checks,
      }),
    );
  }

  return router;
}

/**
 * The guardrail's own words: the run error, else the messages of the steps
 * that block, one per line. The steps the block kept from running (the
 * engine's "not run: the run is blocked (...)") repeat them, so they are left
 * out.
 */
function blockedMessage(result: ProvisionResult): string {
  if (result.error) return result.error;
  const steps = result.steps
    .filter(
      step =>
        step.outcome === 'blocked' && !step.message?.startsWith('not run:'),
    )
    .map(step => step.message ?? `${step.kind} ${step.target} is blocked`);
  return steps.join('\n') || `Provisioning ${result.database} was blocked`;
}

/** What was asked, for the auditor; only known, non-secret fields. */
function requestMeta(body: unknown): JsonObject {
  return requestMetaOf(body, [
    'environment',
    'appName',
    'accessLevel',
    'entityRef',
    'buildId',
    'runId',
    'dryRun',
    'rotatePassword',
    'confirmAccessLevelChange',
    'justification',
  ]);
}

function resultMeta(result: ProvisionResult): JsonObject {
  return {
    runId: result.runId,
    outcome: result.outcome,
    dryRun: result.dryRun,
    instance: result.instance,
    database: result.database,
    role: result.role,
    secretName: result.secretName,
  };
}
