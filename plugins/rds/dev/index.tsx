import { Entity } from '@backstage/catalog-model';
import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { AuditRecord, DatabaseStatus } from '@internal/plugin-rds-common';
import rdsPlugin from '../src/alpha';
import { RdsApi, rdsApiRef } from '../src';
import { EntityRdsContent } from '../src/components/EntityRdsContent';

// Serves the Database tab with sample data, so it can be worked on without a
// backend: `yarn start` in this folder, then open http://localhost:3000.

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const statuses: DatabaseStatus[] = [
  {
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
    lastProvisionedAt: new Date(Date.now() - 3_600_000).toISOString(),
    lastProvisionedBy: 'user:default/alice',
    lastOutcome: 'no_change',
    lastRunId: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
  },
  {
    environment: 'prod',
    instance: 'prod-postgres',
    appName: 'payments_api',
    database: 'payments_api_prod_db',
    role: 'payments_api_prod_user',
    accessLevel: 'reader',
    exists: true,
    owner: 'payments_api_prod_owner',
    secretName: 'rds/prod/payments_api',
    secretPresent: true,
    drift: ['payments_api_prod_user lacks SELECT on table public.invoices'],
    lastProvisionedAt: new Date(Date.now() - 86_400_000).toISOString(),
    lastProvisionedBy: 'user:default/bob',
    lastOutcome: 'created',
    lastRunId: 'cli-20261121-0800',
  },
];

const records: AuditRecord[] = Array.from({ length: 23 }, (_, i) => ({
  runId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  timestamp: new Date(Date.now() - i * 3_600_000).toISOString(),
  environment: i % 2 ? 'prod' : 'dev',
  instance: i % 2 ? 'prod-postgres' : 'dev-postgres',
  database: i % 2 ? 'payments_api_prod_db' : 'payments_api_dev_db',
  role: i % 2 ? 'payments_api_prod_user' : 'payments_api_dev_user',
  accessLevel: 'editor',
  actor: 'user:default/alice',
  appName: 'payments_api',
  outcome: i === 22 ? 'created' : 'no_change',
  dryRun: i === 5,
  steps: [
    {
      id: 'role',
      kind: 'role',
      target: 'payments_api_dev_user',
      outcome: 'no_change',
    },
    {
      id: 'database',
      kind: 'database',
      target: 'payments_api_dev_db',
      outcome: 'no_change',
    },
  ],
}));

const sampleApi: RdsApi = {
  getEnvironments: async () => [
    { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
    { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
  ],
  getDatabases: async () => statuses,
  getAudit: async (_ref, { limit = 10, offset = 0 } = {}) => ({
    items: records.slice(offset, offset + limit),
    totalCount: records.length,
  }),
  getAuditCsvUrl: async () => 'data:text/csv,runId',
  downloadAuditCsv: async () => new Blob(['runId\n'], { type: 'text/csv' }),
};

const devModule = createFrontendModule({
  pluginId: 'rds',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({ api: rdsApiRef, deps: {}, factory: () => sampleApi }),
    }),
    PageBlueprint.make({
      name: 'dev',
      params: {
        path: '/',
        loader: async () => (
          <EntityProvider entity={entity}>
            <EntityRdsContent />
          </EntityProvider>
        ),
      },
    }),
  ],
});

createDevApp({ features: [rdsPlugin, devModule] });
