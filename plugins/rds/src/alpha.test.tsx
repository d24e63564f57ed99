import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import rdsPlugin, {
  rdsApi,
  rdsAuditEntityCard,
  rdsEntityContent,
} from './alpha';
import { RdsClient, rdsApiRef } from './api';
import {
  auditRecords,
  devInSync,
  mockRdsApi,
  paymentsEntity,
} from './testing/fixtures';

const apiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments-openapi' },
};

describe('rds plugin for the new frontend system', () => {
  it('is a frontend plugin with the API, the Database tab and the audit card', () => {
    expect(rdsPlugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(rdsPlugin.pluginId).toBe('rds');
    // The ids app-config uses to configure or disable each extension.
    expect(rdsPlugin.getExtension('api:rds')).toBeDefined();
    expect(
      createExtensionTester(
        rdsPlugin.getExtension('entity-content:rds/database'),
      ).get(coreExtensionData.routePath),
    ).toBe('/database');
    expect(rdsPlugin.getExtension('entity-card:rds/audit')).toBeDefined();
  });

  it('provides RdsClient for rdsApiRef', () => {
    const factory = createExtensionTester(rdsApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(rdsApiRef.id);
    expect(Object.keys(factory.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://backstage.test/api/rds' },
      fetchApi: { fetch: async () => new Response('{}') },
    });
    expect(client).toBeInstanceOf(RdsClient);
  });

  it('adds a "Database" tab at /database for Components only', () => {
    const tester = createExtensionTester(rdsEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('/database');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Database');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);
  });

  it('renders status and audit history in the Database tab', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockResolvedValue([devInSync]),
      getAudit: jest
        .fn()
        .mockResolvedValue({ items: auditRecords(1), totalCount: 1 }),
    });
    const tester = createExtensionTester(rdsEntityContent);

    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[rdsApiRef, api]] },
    );

    expect(await screen.findByText('Environment: dev')).toBeInTheDocument();
    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
  });

  it('offers the audit history as a Component card', async () => {
    const api = mockRdsApi({
      getAudit: jest
        .fn()
        .mockResolvedValue({ items: auditRecords(1), totalCount: 1 }),
    });
    const tester = createExtensionTester(rdsAuditEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(paymentsEntity)).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);

    await renderInTestApp(
      <EntityProvider entity={paymentsEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[rdsApiRef, api]] },
    );

    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
  });
});
