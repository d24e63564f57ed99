import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  unreadableStatus,
  type AuditRecord,
  type DatabaseStatus,
  type EnvironmentSummary,
} from '@rds-self-service/plugin-rds-common';
import type { RdsApi } from '../api';

/** A catalog entity of team-payments in production. */
function teamPaymentsEntity(kind: string, name: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type, lifecycle: 'production', owner: 'team-payments' },
  };
}

/** A Component whose name needs the '-' to '_' app-name rule. */
export const paymentsEntity = teamPaymentsEntity(
  'Component',
  'payments-api',
  'service',
);

export const paymentsEntityRef = 'component:default/payments-api';

/** An entity that is no Component: the Database tab and the card leave it out. */
export const apiEntity = teamPaymentsEntity(
  'API',
  'payments-openapi',
  'openapi',
);

export const TASK_ID = '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';

/** The scaffolder task that created the dev database. */
export const CREATE_TASK_ID = '0b5e7d41-2f3a-4c9d-8e6f-1a2b3c4d5e6f';

export const devInSync: DatabaseStatus = {
  environment: 'dev',
  instance: 'dev-postgres',
  appName: 'payments_api',
  database: 'payments_api_dev_db',
  role: 'payments_api_dev_user',
  accessLevel: 'editor',
  exists: true,
  owner: 'payments_api_dev_owner',
  secretName: 'rds/dev/payments_api',
  secretPresent: true,
  drift: [],
  lastProvisionedAt: '2026-11-20T10:15:00.000Z',
  lastProvisionedBy: 'user:default/alice',
  lastOutcome: 'no_change',
  lastRunId: TASK_ID,
  lastChangedAt: '2026-11-18T09:30:00.000Z',
  lastChangedBy: 'user:default/dana',
  lastChangedRunId: CREATE_TASK_ID,
  lastChangedOutcome: 'created',
  lastChangedAccessLevel: 'editor',
  connection: {
    host: '127.0.0.1',
    port: 5433,
    database: 'payments_api_dev_db',
    user: 'payments_api_dev_user',
    secretName: 'rds/dev/payments_api',
    region: 'us-east-1',
    secretsManagerEndpoint: 'http://127.0.0.1:4566',
    sslMode: 'disable',
  },
};

/** The dev database on RDS, its secret in AWS's own Secrets Manager. */
export const devOnAws: DatabaseStatus = {
  ...devInSync,
  instance: 'dev-main',
  secretArn:
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds/dev/payments_api-AbCdEf',
  connection: {
    host: 'dev-main.cluster-abc123.eu-west-1.rds.amazonaws.com',
    port: 5432,
    database: 'payments_api_dev_db',
    user: 'payments_api_dev_user',
    secretName: 'rds/dev/payments_api',
    secretArn:
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds/dev/payments_api-AbCdEf',
    region: 'eu-west-1',
    sslMode: 'verify-full',
  },
};

/** The engine's message for a database someone else owns (rds-node, plan/guardrails.ts). */
export const FOREIGN_DATABASE_BLOCK =
  'database "payments_api_prod_db" exists and is owned by "legacy_dba", not by the platform\'s owner role "payments_api_prod_owner". ' +
  'The platform does not take over databases it did not create, so nothing was changed. Fix: choose another ' +
  'app name; or, if the platform should own this database, have "legacy_dba" rename or drop it when it is not ' +
  'in use, or have the platform team hand it over as the runbook describes (docs/runbook.md, "Blocked"), then re-run.';

export const prodBlockedWithDrift: DatabaseStatus = {
  environment: 'prod',
  instance: 'prod-postgres',
  appName: 'payments_api',
  database: 'payments_api_prod_db',
  role: 'payments_api_prod_user',
  accessLevel: 'reader',
  exists: true,
  owner: 'legacy_dba',
  secretName: 'rds/prod/payments_api',
  secretPresent: false,
  drift: [
    'payments_api_prod_user lacks SELECT on table public.invoices',
    'default privileges for payments_api_prod_owner do not grant SELECT to payments_api_prod_user',
  ],
  blockedReason: FOREIGN_DATABASE_BLOCK,
  // The only run was blocked: nothing was ever provisioned here.
  lastProvisionedAt: '2026-11-21T08:00:00.000Z',
  lastProvisionedBy: 'user:default/bob',
  lastOutcome: 'blocked',
  lastRunId: 'cli-20261121-0800',
};

export const stagingNeverProvisioned: DatabaseStatus =
  neverProvisionedIn('staging');

/** payments_api's status in an environment where nothing of it exists and nothing ran. */
export function neverProvisionedIn(environment: string): DatabaseStatus {
  return {
    environment,
    instance: `${environment}-postgres`,
    appName: 'payments_api',
    database: `payments_api_${environment}_db`,
    role: `payments_api_${environment}_user`,
    exists: false,
    secretName: `rds/${environment}/payments_api`,
    secretPresent: false,
    drift: [],
  };
}

/** What the backend sends when an instance cannot be reached. */
export const prodUnreadable: DatabaseStatus = {
  ...unreadableStatus(
    { environment: 'prod', instance: 'prod-postgres', appName: 'payments_api' },
    'connect ECONNREFUSED 10.0.0.5:5432',
  ),
  lastProvisionedAt: '2026-11-21T08:00:00.000Z',
  lastProvisionedBy: 'user:default/bob',
  lastOutcome: 'created',
  lastRunId: TASK_ID,
  lastChangedAt: '2026-11-21T08:00:00.000Z',
  lastChangedBy: 'user:default/bob',
  lastChangedRunId: TASK_ID,
  lastChangedOutcome: 'created',
  lastChangedAccessLevel: 'reader',
};

/** `count` audit records, newest first, alternating task and CLI run ids. */
export function auditRecords(count: number): AuditRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    runId:
      i % 2 === 0
        ? `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
        : `cli-run-${i}`,
    buildId: i % 2 === 0 ? undefined : `build-${i}`,
    timestamp: new Date(
      Date.UTC(2026, 10, 20, 12, 0) - i * 3600_000,
    ).toISOString(),
    environment: i % 3 === 0 ? 'prod' : 'dev',
    instance: 'dev-postgres',
    database: 'payments_api_dev_db',
    role: 'payments_api_dev_user',
    accessLevel: 'editor',
    actor: `user:default/actor-${i}`,
    entityRef: paymentsEntityRef,
    appName: 'payments_api',
    outcome: i === 0 ? 'created' : 'no_change',
    dryRun: false,
    steps: [
      {
        id: 'role',
        kind: 'role',
        target: 'payments_api_dev_user',
        outcome: i === 0 ? 'created' : 'no_change',
      },
      {
        id: 'database',
        kind: 'database',
        target: 'payments_api_dev_db',
        outcome: i === 0 ? 'created' : 'no_change',
      },
      {
        id: 'grants',
        kind: 'grants',
        target: 'payments_api_dev_db',
        outcome: 'no_change',
      },
    ],
  }));
}

/** An RdsApi whose methods are jest mocks; tests set the answers they need. */
export function mockRdsApi(
  overrides: Partial<RdsApi> = {},
): jest.Mocked<RdsApi> {
  return {
    getEnvironments: jest.fn().mockResolvedValue([]),
    plan: jest.fn().mockRejectedValue(new Error('no plan in this test')),
    getDatabases: jest.fn().mockResolvedValue([]),
    getAudit: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    getAuditCsvUrl: jest
      .fn()
      .mockImplementation(
        async (ref: string, options?: { environment?: string }) =>
          `http://backstage.test/api/rds/entities/${encodeURIComponent(
            ref,
          )}/audit.csv${
            options?.environment ? `?environment=${options.environment}` : ''
          }`,
      ),
    downloadAuditCsv: jest.fn().mockResolvedValue(new Blob(['runId\n'])),
    ...overrides,
  } as jest.Mocked<RdsApi>;
}

/** An RdsApi whose `GET /environments` lists `environments`. */
export function environmentsApi(
  environments: EnvironmentSummary[],
): jest.Mocked<RdsApi> {
  return mockRdsApi({
    getEnvironments: jest.fn().mockResolvedValue(environments),
  });
}

/** An RdsApi for the Database tab: dev in sync, and `runs` audit records. */
export function tabApi(runs = 1): jest.Mocked<RdsApi> {
  return mockRdsApi({
    getDatabases: jest.fn().mockResolvedValue([devInSync]),
    getAudit: jest
      .fn()
      .mockResolvedValue({ items: auditRecords(runs), totalCount: runs }),
  });
}

/** The error RdsClient throws for a Backstage error body, built the same way. */
export async function backendError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/rds' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

/** Decodes the `formData` query parameter of a template link. */
export function templateFormData(href: string | null): unknown {
  const query = new URL(href ?? '', 'http://localhost').searchParams;
  return JSON.parse(query.get('formData') ?? 'null');
}

/** An RdsApi whose `method` fails as the backend does: `status`, error `name` and `message`. */
export async function failingApi(
  method: keyof RdsApi,
  status: number,
  name: string,
  message: string,
): Promise<jest.Mocked<RdsApi>> {
  const error = await backendError(status, name, message);
  return mockRdsApi({ [method]: jest.fn().mockRejectedValue(error) });
}
