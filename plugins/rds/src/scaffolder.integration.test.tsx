import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import {
  scaffolderApiRef,
  type ScaffolderApi,
  type TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import rdsPlugin from './alpha';
import { rdsApiRef } from './api';
import { mockRdsApi, paymentsEntity } from './testing/fixtures';

// The Create page loads lazily and walks a whole form: more than Jest's 5 s
// on a busy machine.
jest.setTimeout(30_000);

// The repository's real template on the scaffolder's Create page, in an app on
// the new frontend system with the scaffolder and rds plugins installed.
const template = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../templates/rds-database/template.yaml'),
    'utf8',
  ),
);

const configured = [
  { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
  {
    name: 'staging',
    instance: 'staging-postgres',
    requiresApproval: false,
  },
  { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
];

function renderCreatePage(
  formData?: Record<string, string>,
  environments = configured,
) {
  const createPath = '/create/templates/default/rds-database';
  // The wizard reads prefilled values from the browser's location, as it
  // does when the entity tab links to the template.
  window.history.replaceState(
    null,
    '',
    formData
      ? `${createPath}?${new URLSearchParams({
          formData: JSON.stringify(formData),
        })}`
      : createPath,
  );
  const parameterSchema: TemplateParameterSchema = {
    title: template.metadata.title,
    steps: template.spec.parameters.map((p: any) => ({
      title: p.title,
      schema: p,
    })),
  };
  const scaffolderApi = {
    getTemplateParameterSchema: jest.fn().mockResolvedValue(parameterSchema),
    getIntegrationsList: jest.fn().mockResolvedValue({ integrations: [] }),
  } as unknown as ScaffolderApi;
  const rdsApi = mockRdsApi({
    getEnvironments: jest.fn().mockResolvedValue(environments),
  });
  renderTestApp({
    features: [catalogPlugin, scaffolderPlugin, rdsPlugin],
    initialRouteEntries: [createPath],
    apis: [
      [scaffolderApiRef, scaffolderApi],
      [catalogApiRef, catalogApiMock({ entities: [paymentsEntity] })],
      [rdsApiRef, rdsApi],
    ],
  });
  return rdsApi;
}

/** From the form's first page through the plan page (RdsPlanReview) to the review. */
async function toReview() {
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  await userEvent.click(
    await screen.findByRole('button', { name: 'Review' }, { timeout: 10_000 }),
  );
}

/** Next stays on the form with this message, and the form never offers Create. */
async function nextIsRefused(message: string) {
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  expect(await screen.findByText(message)).toBeInTheDocument();
  expect(
    screen.queryByRole('button', { name: 'Create' }),
  ).not.toBeInTheDocument();
}

describe('RdsEnvironmentPicker on the Create page', () => {
  it('renders the template’s environment field from the rds backend’s list', async () => {
    const rdsApi = renderCreatePage();

    // The Create page loads the template and its fields lazily.
    const select = await screen.findByRole(
      'button',
      { name: /^Environment/ },
      { timeout: 10_000 },
    );
    expect(select).toHaveTextContent('dev');
    expect(rdsApi.getEnvironments).toHaveBeenCalled();
    expect(screen.queryByRole('textbox', { name: /Justification/ })).toBeNull();

    await userEvent.click(select);
    const listbox = within(screen.getByRole('listbox'));
    expect(
      listbox.getAllByRole('option').map(o => o.getAttribute('data-value')),
    ).toEqual(['dev', 'staging', 'prod']);
    await userEvent.click(
      listbox.getByRole('option', { name: 'prod approval required' }),
    );

    // The justification field asks for one where approval is required.
    expect(
      await screen.findByRole('textbox', { name: /Justification/ }),
    ).toBeInTheDocument();
  });

  it('stops at the form when the environment is not configured, naming the choices', async () => {
    renderCreatePage({
      component: 'component:default/payments-api',
      environment: 'qa',
      accessLevel: 'editor',
      justification: 'Integration tests for the ledger (CHG-7)',
    });

    const select = await screen.findByRole(
      'button',
      { name: /^Environment/ },
      { timeout: 10_000 },
    );
    expect(select).toHaveTextContent('qa');
    await nextIsRefused(
      '"qa" is not a configured environment. Choose one of: dev, staging, prod.',
    );
  });

  it('reviews the chosen environment by name', async () => {
    renderCreatePage({
      component: 'component:default/payments-api',
      environment: 'prod',
      accessLevel: 'editor',
      justification: 'Ledger moves off the shared cluster (CHG-1042)',
    });

    await screen.findByRole(
      'button',
      { name: /^Environment/ },
      { timeout: 10_000 },
    );
    await toReview();

    const row = (await screen.findByRole('cell', { name: 'Environment' }))
      .parentElement as HTMLElement;
    expect(within(row).getByRole('cell', { name: 'prod' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeInTheDocument();
  });

  it('stops at the form where the environment requires approval and no justification is given', async () => {
    renderCreatePage({
      component: 'component:default/payments-api',
      environment: 'prod',
      accessLevel: 'owner',
    });

    const box = await screen.findByRole(
      'textbox',
      { name: /Justification/ },
      { timeout: 10_000 },
    );
    expect(box).toBeRequired();

    // Empty: the browser's own check of a required field keeps the form.
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(box).toBeInvalid();
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();

    // Too short to say why: the field's validation says what to write.
    await userEvent.type(box, 'CHG-1');
    await nextIsRefused(
      'prod requires approval: say in a sentence why the database is needed (at least 10 characters).',
    );
  });

  it('asks for no justification where the environment needs no approval, whatever its name', async () => {
    // Approval by config, not by name: staging without, dev with.
    renderCreatePage(
      {
        component: 'component:default/payments-api',
        environment: 'staging',
        accessLevel: 'editor',
      },
      [
        { name: 'dev', instance: 'dev-postgres', requiresApproval: true },
        {
          name: 'staging',
          instance: 'staging-postgres',
          requiresApproval: false,
        },
      ],
    );

    const select = await screen.findByRole(
      'button',
      { name: /^Environment/ },
      { timeout: 10_000 },
    );
    expect(screen.queryByRole('textbox', { name: /Justification/ })).toBeNull();
    await toReview();
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'Justification' })).toBeNull();

    // Back to the form (through the plan page): dev, which requires approval here, asks for one.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Back' }, { timeout: 10_000 }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: /^Environment/ }),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'dev approval required' }),
    );
    expect(
      await screen.findByRole('textbox', { name: /Justification/ }),
    ).toBeRequired();
    expect(select).toBeDefined();
  });
});
