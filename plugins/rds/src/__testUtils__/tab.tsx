import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { DatabaseStatus } from '@rds-self-service/plugin-rds-common';
import { rdsApiRef } from '../api';
import { EntityRdsContent } from '../components/EntityRdsContent';
import { mockRdsApi, paymentsEntity } from '../testing/fixtures';

/** Renders the Database tab of `entity` (payments-api) with the given RdsApi. */
export function renderDatabaseTab(
  api: ReturnType<typeof mockRdsApi>,
  entity: Entity = paymentsEntity,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[rdsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityRdsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** Renders the Database tab with these statuses from `GET /entities/:ref/databases`. */
export function renderTabWithStatuses(statuses: DatabaseStatus[]) {
  return renderDatabaseTab(
    mockRdsApi({ getDatabases: jest.fn().mockResolvedValue(statuses) }),
  );
}
