import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import rdsPlugin from '../src/alpha';
import { RdsApi, rdsApiRef } from '../src';
import { EntityRdsContent } from '../src/components/EntityRdsContent';
import {
  auditRecords,
  devInSync,
  paymentsEntity,
  prodBlockedWithDrift,
  stagingNeverProvisioned,
} from '../src/testing/fixtures';

// Serves the Database tab with sample data, so it can be worked on without a
// backend: `yarn start` in this folder, then open http://localhost:3000. The
// data is the tests' fixtures: dev in sync (with its Connect section for the
// local Secrets Manager endpoint), prod blocked by a database someone else
// owns, staging never used (offered in the "Also available" line).
const statuses = [devInSync, prodBlockedWithDrift, stagingNeverProvisioned];
const records = auditRecords(23);

const sampleApi: RdsApi = {
  getEnvironments: async () => [
    { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
    { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
    { name: 'staging', instance: 'staging-postgres', requiresApproval: true },
  ],
  plan: async () => {
    throw new Error('the dev page has no rds backend to plan with');
  },
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
          <EntityProvider entity={paymentsEntity}>
            <EntityRdsContent />
          </EntityProvider>
        ),
      },
    }),
  ],
});

// frontend-dev-utils 0.1.6, the newest in the registry, still types its features with
// frontend-plugin-api 0.18 (nested); the plugin is built with 1.0, which the app uses.
type DevFeatures = Parameters<typeof createDevApp>[0]['features'];
createDevApp({ features: [rdsPlugin, devModule] as unknown as DevFeatures });
