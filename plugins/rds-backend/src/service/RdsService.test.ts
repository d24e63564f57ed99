import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  AuditRecord,
  DatabaseStatus,
} from '@rds-self-service/plugin-rds-common';
import type { RdsProvisioner } from '@rds-self-service/plugin-rds-node';
import { embeddedDevInstance } from '../__testUtils__/embeddedDevInstance';
import type { RdsEnvironmentConfig } from '../config/types';
import type { RdsAuditStore } from '../store/RdsAuditStore';
import { RdsService } from './RdsService';

// The service's glue for the Database tab: what the engine reads live, what
// the audit store knows, and what the configuration says, in one status. The
// engine and the store are tested against real Postgres on their own; here
// they are small fakes.

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-orders' },
};
const entityRef = 'component:default/orders-service';

const dev: RdsEnvironmentConfig = {
  name: 'dev',
  dev: true,
  requiresApproval: false,
  approval: { approvers: [], selfApproval: true, requestTtlMs: 60_000 },
  instance: embeddedDevInstance,
  secrets: { namePattern: 'rds/{env}/{app}' },
};

function run(overrides: Partial<AuditRecord>): AuditRecord {
  return {
    runId: 'run',
    timestamp: '2026-11-20T10:00:00.000Z',
    environment: 'dev',
    instance: 'embedded-postgres-17',
    database: 'orders_service_dev_db',
    role: 'orders_service_dev_user',
    accessLevel: 'editor',
    actor: 'user:default/alice',
    entityRef,
    appName: 'orders_service',
    outcome: 'created',
    dryRun: false,
    steps: [],
    ...overrides,
  };
}

const liveStatus: DatabaseStatus = {
  environment: 'dev',
  instance: 'embedded-postgres-17',
  appName: 'orders_service',
  database: 'orders_service_dev_db',
  role: 'orders_service_dev_user',
  accessLevel: 'owner',
  exists: true,
  owner: 'orders_service_dev_owner',
  secretName: 'rds/dev/orders_service',
  secretPresent: true,
  drift: [],
};

function service(options: {
  lastRun?: AuditRecord;
  lastChange?: AuditRecord;
  status?: () => Promise<DatabaseStatus>;
  secretsManager?: { region?: string; endpoint?: string };
}) {
  const store = {
    lastRun: jest.fn(async () => options.lastRun),
    lastChange: jest.fn(async () => options.lastChange),
    lastDecommission: jest.fn(async () => undefined),
    appNamesForEntity: jest.fn(async () => []),
  } as unknown as RdsAuditStore;
  const provisioner = {
    status: jest.fn(options.status ?? (async () => liveStatus)),
  } as unknown as RdsProvisioner;
  return new RdsService({
    environments: [dev],
    provisioners: new Map([['dev', provisioner]]),
    store,
    catalog: catalogServiceMock({ entities: [entity] }),
    logger: mockServices.logger.mock(),
    secretsManager: options.secretsManager,
  });
}

describe('RdsService.databasesForEntity', () => {
  it('names the last run and, apart from it, the last run that changed something', async () => {
    const created = run({ runId: 'created-run', accessLevel: 'owner' });
    const blocked = run({
      runId: 'blocked-run',
      timestamp: '2026-11-21T10:00:00.000Z',
      actor: 'user:default/bob',
      outcome: 'blocked',
    });

    const [status] = await service({
      lastRun: blocked,
      lastChange: created,
    }).databasesForEntity(entityRef, mockCredentials.user());

    expect(status).toMatchObject({
      exists: true,
      lastRunId: 'blocked-run',
      lastOutcome: 'blocked',
      lastProvisionedAt: '2026-11-21T10:00:00.000Z',
      lastProvisionedBy: 'user:default/bob',
      lastChangedRunId: 'created-run',
      lastChangedOutcome: 'created',
      lastChangedAt: '2026-11-20T10:00:00.000Z',
      lastChangedBy: 'user:default/alice',
      lastChangedAccessLevel: 'owner',
    });
  });

  it('has no last change when no run changed anything, also when the instance cannot be read', async () => {
    const blocked = run({ runId: 'blocked-run', outcome: 'blocked' });

    const [status] = await service({
      lastRun: blocked,
      status: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5433');
      },
    }).databasesForEntity(entityRef, mockCredentials.user());

    expect(status.error).toContain('connect ECONNREFUSED 127.0.0.1:5433');
    expect(status.lastOutcome).toBe('blocked');
    expect(status).not.toHaveProperty('lastChangedAt');
    expect(status).not.toHaveProperty('lastChangedRunId');
  });

  it('says where to connect and where the secret is, and no credential', async () => {
    const [status] = await service({
      secretsManager: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:4566',
      },
    }).databasesForEntity(entityRef, mockCredentials.user());

    expect(status.connection).toEqual({
      host: '127.0.0.1',
      port: 5433,
      database: 'orders_service_dev_db',
      user: 'orders_service_dev_user',
      secretName: 'rds/dev/orders_service',
      region: 'us-east-1',
      secretsManagerEndpoint: 'http://127.0.0.1:4566',
      sslMode: 'disable',
    });
    expect(JSON.stringify(status)).not.toContain(
      embeddedDevInstance.admin.password,
    );
  });

  it('has no connection for a database that does not exist', async () => {
    const [status] = await service({
      secretsManager: { region: 'us-east-1' },
      status: async () => ({ ...liveStatus, exists: false, owner: undefined }),
    }).databasesForEntity(entityRef, mockCredentials.user());

    expect(status).not.toHaveProperty('connection');
  });
});
