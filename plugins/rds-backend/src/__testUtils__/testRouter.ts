// Test-only: the real router over a real store and provisioners, with mock auth,
// permissions, auditor and catalog.
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { createRouter } from '../router';
import { createProvisioners } from '../service/createProvisioners';
import { DecommissionService } from '../service/DecommissionService';
import { RdsService } from '../service/RdsService';
import { DatabaseRdsAuditStore } from '../store/DatabaseRdsAuditStore';
import { testEnvironments, testSecretsManager } from './testEnvironment';

/** A permission policy: the decision for a permission (and resource). */
export type Decide = (
  permission: string,
  resourceRef?: string,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/** The catalog (`entities`, else `catalog`) and permission policy of a test router. */
export interface TestRouterOptions {
  entities?: Entity[];
  catalog?: CatalogService;
  decide?: Decide;
}

const allowAll: Decide = () => AuthorizeResult.ALLOW;

/** A policy that denies `permission` and allows everything else. */
export const denying =
  (permission: string): Decide =>
  name =>
    name === permission ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;

const services: RdsService[] = [];

/** Closes the provisioners' pools of every app made so far; call it in afterEach. */
export async function closeTestRouters(): Promise<void> {
  await Promise.all(services.splice(0).map(s => s.close()));
}

/**
 * Sets a test file up for the real router: its own Postgres 17 (so the hooks
 * are the file's), a minute a test, each test's apps closed after it. Call it
 * once, at the top of the file; it returns the file's {@link createTestRouter}.
 */
export function testRouters(): (
  options: TestRouterOptions,
) => ReturnType<typeof createTestRouter> {
  jest.setTimeout(60_000);
  const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });
  afterEach(closeTestRouters);
  return options => createTestRouter(databases, options);
}

/**
 * The express app of the rds router with Backstage's error handler, on a
 * fresh database of `databases` (created by the test file, so its hooks are
 * the file's). `catalog` defaults to an in-memory catalog of `entities`.
 */
export async function createTestRouter(
  databases: TestDatabases,
  options: TestRouterOptions,
) {
  const decide = options.decide ?? allowAll;
  const knex = await databases.init('POSTGRES_17');
  const store = await DatabaseRdsAuditStore.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const environments = testEnvironments();
  const catalog =
    options.catalog ?? catalogServiceMock({ entities: options.entities });
  const service = new RdsService({
    environments,
    provisioners: createProvisioners({
      environments,
      secretsManager: testSecretsManager(),
      auditSink: store,
      logger,
    }),
    store,
    catalog,
    logger,
    secretsManager: {
      region: testSecretsManager().region,
      endpoint: testSecretsManager().endpoint,
    },
  });
  services.push(service);

  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      (requests as AuthorizePermissionRequest[]).map(r => ({
        result: decide(r.permission.name, r.resourceRef),
      })),
    authorizeConditional: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })),
  });
  const events: Array<{ eventId: string; outcome: string; error?: string }> =
    [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId }) => ({
      success: async () => {
        events.push({ eventId, outcome: 'success' });
      },
      fail: async ({ error }) => {
        events.push({ eventId, outcome: 'fail', error: error.message });
      },
    }),
  });

  const router = await createRouter({
    service,
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    decommissions: new DecommissionService({ service, store, catalog }),
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, knex, permissions, events, logger };
}

/** The user entity ref of a user principal, the subject of a service one. */
function principalRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject;
}

/**
 * A catalog that, like the real one under a `catalog.entity.read` policy,
 * answers each caller only with the entities `canRead` lets them see: a
 * hidden entity is `undefined`, the same as a missing one. Only
 * `getEntityByRef` is implemented; the other methods are bare mocks, so a
 * lookup that bypasses the read rule fails the test instead of leaking.
 */
export function catalogWithReadRule(
  entities: Entity[],
  canRead: (caller: string | undefined, entity: Entity) => boolean,
): CatalogService {
  const all = catalogServiceMock({ entities });
  return catalogServiceMock.mock({
    getEntityByRef: async (entityRef, options) => {
      const entity = await all.getEntityByRef(entityRef);
      const caller =
        options && 'credentials' in options
          ? principalRef(options.credentials)
          : undefined;
      return entity && canRead(caller, entity) ? entity : undefined;
    },
  });
}
