import { screen, within } from '@testing-library/react';
import { renderTabWithStatuses } from '../../__testUtils__/tab';
import { devInSync } from '../../testing/fixtures';

jest.setTimeout(30_000);

const render = renderTabWithStatuses;

describe('the Database tab and decommissioned databases', () => {
  it('offers the decommission template, prefilled, for a database that exists', async () => {
    await render([devInSync]);
    const link = await screen.findByRole('button', {
      name: 'Decommission in dev',
    });
    const url = new URL(link.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/create/templates/default/rds-decommission');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      component: 'component:default/payments-api',
      appName: 'payments_api',
      environment: 'dev',
    });
  });

  it('shows a deleted database: when, by whom, the policy, the dump, until when the secret can be restored', async () => {
    await render([
      {
        ...devInSync,
        exists: false,
        secretPresent: false,
        owner: undefined,
        connection: undefined,
        decommissioned: {
          at: '2026-12-01T10:00:00.000Z',
          by: 'user:default/alice',
          runId: 'r1',
          outcome: 'deleted',
          policy: 'snapshot-and-delete',
          dumpLocation:
            's3://dumps/dev/payments_api_dev_db-20261201T100000000Z.dump',
          secretRestorableUntil: '2026-12-31T10:00:00.000Z',
        },
      },
    ]);
    const notice = within(
      await screen.findByRole('alert', { name: 'Decommission' }),
    );
    expect(notice.getByText('Decommissioned')).toBeInTheDocument();
    expect(notice.getByText(/by user:default\/alice$/)).toBeInTheDocument();
    expect(notice.getByText('snapshot-and-delete')).toBeInTheDocument();
    expect(
      notice.getByText(
        's3://dumps/dev/payments_api_dev_db-20261201T100000000Z.dump',
      ),
    ).toBeInTheDocument();
    expect(notice.getByText('Secret restorable until')).toBeInTheDocument();
    // Not an alarm: no "Missing" headline for a database dropped on purpose.
    expect(screen.queryByText('Missing')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Decommission in dev' }),
    ).toBeNull();
  });

  it('shows a retained database as retained, with the way back', async () => {
    await render([
      {
        ...devInSync,
        drift: ['role.login: it cannot log in'],
        decommissioned: {
          at: '2026-12-01T10:00:00.000Z',
          by: 'user:default/alice',
          runId: 'r1',
          outcome: 'updated',
          policy: 'retain',
        },
      },
    ]);
    expect(
      await screen.findByText('Retained: logins disabled'),
    ).toBeInTheDocument();
    expect(screen.getByText('Retained')).toBeInTheDocument();
    expect(screen.getByText(/Provisioning it again/)).toBeInTheDocument();
    expect(screen.queryByText('Drift found')).not.toBeInTheDocument();
  });
});
