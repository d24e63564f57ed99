import { screen, waitFor, within } from '@testing-library/react';
import {
  accessLevelDescriptions,
  unreadableStatus,
  type DatabaseStatus,
} from '@rds-self-service/plugin-rds-common';
import { renderDatabaseTab } from '../../__testUtils__/tab';
import {
  auditRecords,
  failingApi,
  devInSync,
  mockRdsApi,
  neverProvisionedIn,
  paymentsEntity,
  paymentsEntityRef,
  prodBlockedWithDrift,
  prodUnreadable,
  stagingNeverProvisioned,
  TASK_ID,
  templateFormData,
} from '../../testing/fixtures';

const render = renderDatabaseTab;

/** A row of a card's facts table (the first, the status), by its label. */
function row(card: ReturnType<typeof within>, label: string) {
  const [cell] = card.getAllByText(label, { selector: 'td *, td' });
  const tr = cell.closest('tr');
  if (!tr) throw new Error(`no row ${label}`);
  return tr as HTMLElement;
}

/** The card of one environment, found by its title. */
async function environmentCard(environment: string) {
  const title = await screen.findByText(`Environment: ${environment}`);
  const card = title.closest('.MuiCard-root');
  if (!card) throw new Error(`no card for ${environment}`);
  return within(card as HTMLElement);
}

// Full-page renders with many queries on a shared, loaded machine.
jest.setTimeout(20_000);

describe('EntityRdsContent', () => {
  it('shows each environment’s status, explains problems and links to the prefilled template', async () => {
    const api = mockRdsApi({
      getDatabases: jest
        .fn()
        .mockResolvedValue([
          devInSync,
          prodBlockedWithDrift,
          stagingNeverProvisioned,
        ]),
      getAudit: jest
        .fn()
        .mockResolvedValue({ items: auditRecords(2), totalCount: 2 }),
    });

    await render(api);

    expect(api.getDatabases).toHaveBeenCalledWith(paymentsEntityRef);

    const dev = await environmentCard('dev');
    expect(
      dev.getByText('payments_api_dev_db on dev-postgres'),
    ).toBeInTheDocument();
    expect(dev.getByText('In sync')).toBeInTheDocument();
    expect(row(dev, 'Owner')).toHaveTextContent(
      'payments_api_dev_owner' + 'owner role (NOLOGIN, owns the objects)',
    );
    expect(row(dev, 'Login role')).toHaveTextContent('payments_api_dev_user');
    // The level's meaning is text on the card, not a tooltip.
    expect(row(dev, 'Access level')).toHaveTextContent(
      `editor${accessLevelDescriptions.editor}`,
    );
    expect(dev.getByText(accessLevelDescriptions.editor)).toBeVisible();
    expect(row(dev, 'Secret name')).toHaveTextContent('rds/dev/payments_api');
    // Last provisioned is the run that created it; the last run changed nothing.
    expect(row(dev, 'Last provisioned')).toHaveTextContent(
      /by user:default\/dana$/,
    );
    expect(row(dev, 'Last run')).toHaveTextContent(
      /No change.*by user:default\/alice/,
    );
    expect(
      dev.getByRole('link', { name: `View task of run ${TASK_ID}` }),
    ).toHaveAttribute('href', `/create/tasks/${TASK_ID}`);
    // Outcomes read as words, never as the API's values.
    expect(screen.queryByText(/no_change/)).not.toBeInTheDocument();
    expect(dev.queryByRole('alert')).not.toBeInTheDocument();
    const devButton = dev.getByRole('button', {
      name: 'Re-run template for dev',
    });
    expect(devButton.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/rds-database\?formData=/,
    );
    expect(templateFormData(devButton.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_api',
      environment: 'dev',
      accessLevel: 'editor',
    });

    const prod = await environmentCard('prod');
    // The headline and the last run's outcome, with the same severity.
    const blocked = prod.getAllByText('Blocked');
    expect(blocked).toHaveLength(2);
    for (const label of blocked) {
      expect(label.closest('[aria-label^="Status"]')).toHaveAttribute(
        'aria-label',
        'Status warning',
      );
    }
    // The owner is someone else's role, and the card says so.
    expect(row(prod, 'Owner')).toHaveTextContent(
      'legacy_dba' + "not the platform's owner role payments_api_prod_owner",
    );
    // One alert: the cause in a sentence, what to do, the rest behind Details.
    const [block] = prod.getAllByRole('alert');
    expect(prod.getAllByRole('alert')).toHaveLength(1);
    expect(
      within(block).getByText('Provisioning is blocked'),
    ).toBeInTheDocument();
    expect(block).toHaveTextContent(
      /^Provisioning is blockedDatabase "payments_api_prod_db" exists and is owned by "legacy_dba", not by the platform's owner role "payments_api_prod_owner"\.What to do: Choose another app name; /,
    );
    expect(within(block).getByText('Details')).toBeInTheDocument();
    expect(
      within(block).getByText(/^The platform does not take over databases/),
    ).not.toBeVisible();
    // What the blocked run could not converge is no alarm of its own.
    expect(prod.queryByText('Drift found')).not.toBeInTheDocument();
    expect(
      prod.queryByText(
        'payments_api_prod_user lacks SELECT on table public.invoices',
      ),
    ).not.toBeInTheDocument();
    expect(
      prod.queryByText('Credentials secret missing'),
    ).not.toBeInTheDocument();
    expect(row(prod, 'Drift')).toHaveTextContent('Not checked while blocked');
    // Facts of objects the platform does not manage, not red alarms.
    expect(row(prod, 'Secret present')).toHaveTextContent('No');
    expect(
      row(prod, 'Secret present').querySelector('[aria-label^="Status"]'),
    ).toBeNull();
    // The blocked run provisioned nothing.
    expect(row(prod, 'Last provisioned')).toHaveTextContent('Never');
    expect(row(prod, 'Last run')).toHaveTextContent(
      /Blocked.*by user:default\/bob/,
    );
    // A CLI run has no scaffolder task page.
    expect(prod.queryByText('View task')).not.toBeInTheDocument();

    // Never used: offered in one line, not a card.
    expect(screen.queryByText('Environment: staging')).not.toBeInTheDocument();
    expect(
      templateFormData(
        screen
          .getByRole('link', { name: 'Provision in staging' })
          .getAttribute('href'),
      ),
    ).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_api',
      environment: 'staging',
    });

    // The tab also carries the audit history.
    expect(await screen.findByText('Provisioning history')).toBeInTheDocument();
    expect(screen.getByText('user:default/actor-1')).toBeInTheDocument();
  });

  it('re-runs the template with the database’s access level, so the form does not fall back to Editor', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockResolvedValue([
        { ...devInSync, accessLevel: 'owner' },
        { ...devInSync, appName: 'payments_ledger', accessLevel: 'reader' },
      ]),
    });

    await render(api);

    const [owner, reader] = await screen.findAllByRole('button', {
      name: 'Re-run template for dev',
    });
    expect(templateFormData(owner.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_api',
      environment: 'dev',
      accessLevel: 'owner',
    });
    // A database under another app name is re-run under that name.
    expect(templateFormData(reader.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_ledger',
      environment: 'dev',
      accessLevel: 'reader',
    });
  });

  it('re-runs with the level of the last change when the live level is unknown', async () => {
    const api = mockRdsApi({
      getDatabases: jest
        .fn()
        .mockResolvedValue([{ ...prodUnreadable, exists: true }]),
    });

    await render(api);

    const prod = await environmentCard('prod');
    expect(
      templateFormData(
        prod
          .getByRole('button', { name: 'Re-run template for prod' })
          .getAttribute('href'),
      ),
    ).toMatchObject({ environment: 'prod', accessLevel: 'reader' });
  });

  it('says when the live status could not be read and keeps what the audit knows', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockResolvedValue([prodUnreadable]),
    });

    await render(api);

    const prod = await environmentCard('prod');
    expect(prod.getByText('payments_api on prod-postgres')).toBeInTheDocument();
    expect(prod.getByText('Status unknown')).toBeInTheDocument();
    expect(
      prod.getByText('Could not read the live status'),
    ).toBeInTheDocument();
    expect(
      prod.getByText(/connect ECONNREFUSED 10\.0\.0\.5:5432\./),
    ).toBeInTheDocument();
    expect(row(prod, 'Last provisioned')).toHaveTextContent(
      /by user:default\/bob$/,
    );
    // Unknown live facts are not shown as "No".
    expect(prod.queryByText('Exists')).not.toBeInTheDocument();
    expect(prod.queryByText('No')).not.toBeInTheDocument();
  });

  it('lists provisioned environments first and offers the unused ones in one line, without alarms', async () => {
    const devNeverUsed: DatabaseStatus = {
      ...neverProvisionedIn('dev'),
      // The engine's plan for an app with nothing yet: everything is missing.
      drift: [
        'database payments_api_dev_db does not exist',
        'role payments_api_dev_user does not exist',
      ],
    };
    const prodProvisioned: DatabaseStatus = {
      ...devInSync,
      environment: 'prod',
      instance: 'prod-postgres',
      database: 'payments_api_prod_db',
      role: 'payments_api_prod_user',
      owner: 'payments_api_prod_owner',
      secretName: 'rds/prod/payments_api',
    };
    const stagingUnreachable = unreadableStatus(
      {
        environment: 'staging',
        instance: 'staging-postgres',
        appName: 'payments_api',
      },
      'connect ETIMEDOUT 10.0.0.7:5432',
    );
    const api = mockRdsApi({
      getEnvironments: jest.fn().mockResolvedValue([
        { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
        { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
        {
          name: 'staging',
          instance: 'staging-postgres',
          requiresApproval: true,
        },
      ]),
      getDatabases: jest
        .fn()
        .mockResolvedValue([devNeverUsed, prodProvisioned, stagingUnreachable]),
    });

    await render(api);

    await environmentCard('prod');
    expect(screen.getAllByText(/^Environment: /)).toHaveLength(1);
    // No drift, no unreachable instance, for environments never used.
    expect(screen.queryByText('Drift found')).not.toBeInTheDocument();
    expect(screen.queryByText('Status unknown')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const line = screen.getByText(/^Also available:/);
    expect(line).toHaveTextContent(
      'Also available: dev, staging (needs approval, status unknown) — select one to provision a database there.',
    );
    for (const environment of ['dev', 'staging']) {
      expect(
        templateFormData(
          within(line)
            .getByRole('link', { name: `Provision in ${environment}` })
            .getAttribute('href'),
        ),
      ).toEqual({
        component: paymentsEntityRef,
        appName: 'payments_api',
        environment,
      });
    }
  });

  it('says No plainly for what a waiting request has not created yet, and as an alarm for a secret the platform made and lost', async () => {
    const prodPending: DatabaseStatus = {
      ...neverProvisionedIn('prod'),
      lastRunId: TASK_ID,
      lastOutcome: 'pending_approval',
      lastProvisionedAt: '2026-12-02T07:40:00.000Z',
      lastProvisionedBy: 'user:default/guest',
    };
    const devSecretLost: DatabaseStatus = {
      ...devInSync,
      secretPresent: false,
    };
    await render(
      mockRdsApi({
        getDatabases: jest.fn().mockResolvedValue([devSecretLost, prodPending]),
      }),
    );

    const prod = await environmentCard('prod');
    for (const label of ['Exists', 'Secret present']) {
      expect(row(prod, label)).toHaveTextContent(`${label}No`);
      expect(
        row(prod, label).querySelector('[aria-label^="Status"]'),
      ).toBeNull();
    }
    expect(row(prod, 'Last provisioned')).toHaveTextContent('Never');
    const dev = await environmentCard('dev');
    expect(
      row(dev, 'Secret present').querySelector('[aria-label^="Status"]'),
    ).toHaveAttribute('aria-label', 'Status error');
    expect(
      row(dev, 'Exists').querySelector('[aria-label^="Status"]'),
    ).toHaveAttribute('aria-label', 'Status ok');
  });

  it('shows one empty state, and no history or CSV button, when the component has no database', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockResolvedValue([stagingNeverProvisioned]),
    });

    await render(api);

    expect(await screen.findByText('No database yet')).toBeInTheDocument();
    await waitFor(() => expect(api.getAudit).toHaveBeenCalled());
    expect(screen.queryByText('Environment: staging')).not.toBeInTheDocument();
    const link = screen.getByRole('button', { name: 'Create a database' });
    expect(templateFormData(link.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'payments_api',
    });
    await waitFor(() =>
      expect(
        screen.queryByText('Provisioning history'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByText('No provisioning runs yet'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Download CSV' }),
    ).not.toBeInTheDocument();
  });

  it('shows a block even before the first run, so the team knows the template will not work', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockResolvedValue([
        {
          ...stagingNeverProvisioned,
          blockedReason:
            'Role payments_api_staging_user exists but is not managed by the platform',
        },
      ]),
    });

    await render(api);

    const staging = await environmentCard('staging');
    expect(staging.getByText('Provisioning is blocked')).toBeInTheDocument();
    expect(
      staging.getByText(
        /Role payments_api_staging_user exists but is not managed/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No database yet')).not.toBeInTheDocument();
  });

  it('uses the app-name annotation for the prefilled template', async () => {
    const api = mockRdsApi();

    await renderDatabaseTab(api, {
      ...paymentsEntity,
      metadata: {
        ...paymentsEntity.metadata,
        annotations: { 'rds.platform/app-name': 'billing' },
      },
    });

    const link = await screen.findByRole('button', {
      name: 'Create a database',
    });
    expect(templateFormData(link.getAttribute('href'))).toEqual({
      component: paymentsEntityRef,
      appName: 'billing',
    });
  });

  it.each([
    [
      403,
      'NotAllowedError',
      'You may not read databases of component:default/payments-api',
    ],
    // The rds plugin failed to start: the title says why, not only "503".
    [
      503,
      'ServiceUnavailableError',
      'The rds plugin did not start: rds.environments.prod.instance.ssl.caFile could not be read',
    ],
  ])(
    'shows the backend’s message as the title when the status cannot be read (%i)',
    async (status, name, message) => {
      const api = await failingApi('getDatabases', status, name, message);

      await render(api);

      expect(
        await screen.findByText(
          `Error: Could not load the database status: ${message}`,
        ),
      ).toBeInTheDocument();
    },
  );

  it('shows progress while the status loads', async () => {
    const api = mockRdsApi({
      getDatabases: jest.fn().mockReturnValue(new Promise(() => {})),
      getAudit: jest.fn().mockReturnValue(new Promise(() => {})),
    });

    await render(api);

    expect(await screen.findAllByTestId('progress')).toHaveLength(2);
    expect(screen.queryByText('No database yet')).not.toBeInTheDocument();
  });
});
