import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { rdsApiRef } from '../../api';
import {
  auditRecords,
  backendError,
  failingApi,
  mockRdsApi,
  paymentsEntity,
  paymentsEntityRef,
  templateFormData,
} from '../../testing/fixtures';
import { EntityRdsAuditCard } from './EntityRdsAuditCard';

function render(
  api: ReturnType<typeof mockRdsApi>,
  props: { environment?: string } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[rdsApiRef, api]]}>
      <EntityProvider entity={paymentsEntity}>
        <EntityRdsAuditCard {...props} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

/** An API serving `total` records, paged the way the backend pages them. */
function pagedApi(total: number) {
  const records = auditRecords(total);
  return mockRdsApi({
    getAudit: jest.fn(async (_ref, options = {}) => {
      const offset = options.offset ?? 0;
      const limit = options.limit ?? 50;
      return {
        items: records.slice(offset, offset + limit),
        totalCount: records.length,
      };
    }),
  });
}

function bodyRows() {
  // The first row group is the header.
  return screen.getAllByRole('row').slice(1);
}

// Paging clicks through the table on a shared, loaded machine.
jest.setTimeout(20_000);

/** The card asked the backend for the page of 10 runs at `offset`. */
function expectPage(api: ReturnType<typeof mockRdsApi>, offset: number) {
  expect(api.getAudit).toHaveBeenLastCalledWith(paymentsEntityRef, {
    environment: undefined,
    limit: 10,
    offset,
  });
}

describe('EntityRdsAuditCard', () => {
  let createObjectURL: jest.Mock;
  let revokeObjectURL: jest.Mock;
  let clickedDownloads: { href: string; download: string }[];
  let clickSpy: jest.SpyInstance;

  beforeEach(() => {
    // jsdom has no object URLs and no navigation; record what would be saved.
    createObjectURL = jest.fn(() => 'blob:rds-audit');
    revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    clickedDownloads = [];
    clickSpy = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clickedDownloads.push({ href: this.href, download: this.download });
      });
  });

  afterEach(() => {
    clickSpy.mockRestore();
  });

  it('shows the newest runs with outcome, actor, steps and a task link', async () => {
    const api = pagedApi(2);

    await render(api);

    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
    const [first, second] = bodyRows();
    const firstRow = within(first);
    expect(firstRow.getByText('prod')).toBeInTheDocument();
    expect(firstRow.getByText('Created')).toBeInTheDocument();
    expect(firstRow.getByText('2 created, 1 no change')).toBeInTheDocument();
    // Each task link says which run it opens.
    expect(
      firstRow.getByRole('link', {
        name: 'View task of run 00000000-0000-4000-8000-000000000000',
      }),
    ).toHaveAttribute(
      'href',
      '/create/tasks/00000000-0000-4000-8000-000000000000',
    );
    const secondRow = within(second);
    expect(secondRow.getByText('user:default/actor-1')).toBeInTheDocument();
    expect(secondRow.getByText('3 no change')).toBeInTheDocument();
    // Runs reported by the CLI (CI) read as such; they have no task page.
    expect(secondRow.getByText('by CI, build build-1')).toBeInTheDocument();
    expect(secondRow.getByText('cli-run-1')).toBeInTheDocument();
    expect(secondRow.getByText('Build build-1')).toBeInTheDocument();
    expect(secondRow.queryByText('View task')).not.toBeInTheDocument();
    // Outcomes read as words, in the table and in the steps.
    expect(screen.queryByText(/no_change/)).not.toBeInTheDocument();
  });

  it('gives every task link its own accessible name', async () => {
    await render(pagedApi(6));

    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
    const names = screen
      .getAllByRole('link', { name: /^View task/ })
      .map(link => link.getAttribute('aria-label'));
    expect(names).toEqual([
      'View task of run 00000000-0000-4000-8000-000000000000',
      'View task of run 00000000-0000-4000-8000-000000000002',
      'View task of run 00000000-0000-4000-8000-000000000004',
    ]);
  });

  it('fetches further pages from the backend', async () => {
    const api = pagedApi(12);

    await render(api);

    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(10);
    expect(screen.getByText('1-10 of 12')).toBeInTheDocument();
    expectPage(api, 0);

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByText('user:default/actor-11'),
    ).toBeInTheDocument();
    expect(screen.queryByText('user:default/actor-0')).not.toBeInTheDocument();
    expect(bodyRows()).toHaveLength(2);
    expect(screen.getByText('11-12 of 12')).toBeInTheDocument();
    expectPage(api, 10);

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );

    expect(await screen.findByText('user:default/actor-0')).toBeInTheDocument();
    expectPage(api, 0);
  });

  it('asks the backend for one environment, in the table and the CSV, when given one', async () => {
    const api = pagedApi(1);

    await render(api, { environment: 'prod' });

    expect(
      await screen.findByText('Runs in prod, newest first'),
    ).toBeInTheDocument();
    expect(api.getAudit).toHaveBeenCalledWith(paymentsEntityRef, {
      environment: 'prod',
      limit: 10,
      offset: 0,
    });

    const link = await screen.findByRole('link', { name: 'Download CSV' });
    expect(link.getAttribute('href')).toMatch(/audit\.csv\?environment=prod$/);
    await userEvent.click(link);
    await waitFor(() => expect(clickedDownloads).toHaveLength(1));
    expect(api.downloadAuditCsv).toHaveBeenCalledWith(paymentsEntityRef, {
      environment: 'prod',
    });
    expect(clickedDownloads[0].download).toBe(
      'payments-api-prod-rds-audit.csv',
    );
  });

  it('downloads the CSV through the API so the user’s token is sent', async () => {
    const csv = new Blob(['runId,timestamp\nabc,2026-11-20T12:00:00Z\n'], {
      type: 'text/csv',
    });
    const api = pagedApi(1);
    api.downloadAuditCsv.mockResolvedValue(csv);

    await render(api);

    // A real link to the backend's CSV, for "copy link" and readers.
    const link = await screen.findByRole('link', { name: 'Download CSV' });
    expect(link).toHaveAttribute(
      'href',
      'http://backstage.test/api/rds/entities/component%3Adefault%2Fpayments-api/audit.csv',
    );

    await userEvent.click(link);

    await waitFor(() => expect(clickedDownloads).toHaveLength(1));
    expect(api.downloadAuditCsv).toHaveBeenCalledWith(paymentsEntityRef, {
      environment: undefined,
    });
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    expect(clickedDownloads[0]).toEqual({
      href: 'blob:rds-audit',
      download: 'payments-api-rds-audit.csv',
    });
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:rds-audit');
  });

  it('says why the CSV could not be downloaded', async () => {
    const api = pagedApi(1);
    api.downloadAuditCsv.mockRejectedValue(
      await backendError(
        403,
        'NotAllowedError',
        'Reading the audit needs rds.database.read',
      ),
    );

    await render(api);
    await userEvent.click(
      await screen.findByRole('link', { name: 'Download CSV' }),
    );

    expect(
      await screen.findByText(
        'Could not download the CSV: Reading the audit needs rds.database.read',
      ),
    ).toBeInTheDocument();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('points to the template when there is no history', async () => {
    const api = pagedApi(0);

    await render(api);

    expect(
      await screen.findByText('No provisioning runs yet'),
    ).toBeInTheDocument();
    // Nothing to export yet.
    expect(
      screen.queryByRole('link', { name: 'Download CSV' }),
    ).not.toBeInTheDocument();
    const link = screen.getByRole('button', { name: 'Open the template' });
    expect(templateFormData(link.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_api',
    });
  });

  it('shows the backend’s message when the history cannot be read', async () => {
    const api = await failingApi(
      'getAudit',
      500,
      'DatabaseError',
      'audit store is unavailable',
    );

    await render(api);

    expect(
      await screen.findByText(/Could not load the provisioning history/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/audit store is unavailable/).length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while the history loads', async () => {
    const api = mockRdsApi({
      getAudit: jest.fn().mockReturnValue(new Promise(() => {})),
    });

    await render(api);

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
