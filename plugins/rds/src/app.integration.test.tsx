import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import rdsPlugin from './alpha';
import { rdsApiRef } from './api';
import { apiEntity, paymentsEntity, tabApi } from './testing/fixtures';

// The plugin as the app uses it: the catalog's entity page from
// @backstage/plugin-catalog/alpha with the rds plugin's extensions attached.

function renderApp(path: string, extensions?: string[]) {
  const api = tabApi();
  renderTestApp({
    features: [catalogPlugin, rdsPlugin],
    initialRouteEntries: [path],
    // Replaces the test app's default config, so the base URLs are repeated.
    config: {
      app: {
        baseUrl: 'http://localhost:3000',
        ...(extensions ? { extensions } : {}),
      },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    apis: [
      [
        catalogApiRef,
        catalogApiMock({ entities: [paymentsEntity, apiEntity] }),
      ],
      [rdsApiRef, api],
    ],
  });
  return api;
}

// The first render of a whole app is slow on a loaded machine.
jest.setTimeout(30_000);

describe('rds plugin in an app with the catalog', () => {
  it('adds a Database tab to Component pages that shows status and history', async () => {
    const api = renderApp('/catalog/default/component/payments-api/database');

    // The first render of the app loads the entity page and the tab lazily.
    expect(
      await screen.findByText('Environment: dev', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Database' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/database',
    );
    expect(api.getDatabases).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
  });

  it('leaves other kinds alone', async () => {
    const api = renderApp('/catalog/default/api/payments-openapi');

    expect(
      await screen.findByRole('link', { name: 'Overview' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Database' }),
    ).not.toBeInTheDocument();
    expect(api.getDatabases).not.toHaveBeenCalled();
  });

  it('keeps the audit card off the Overview tab unless app-config enables it', async () => {
    renderApp('/catalog/default/component/payments-api');
    expect(
      await screen.findByRole('link', { name: 'Database' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Provisioning history')).not.toBeInTheDocument();
  });

  it('shows the audit card on the Overview tab when enabled in app-config', async () => {
    renderApp('/catalog/default/component/payments-api', [
      'entity-card:rds/audit',
    ]);
    // The card loads lazily with the page.
    expect(
      await screen.findByText('Provisioning history', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Environment: dev')).not.toBeInTheDocument();
  });
});
