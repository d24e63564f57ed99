import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderField, validateField } from '../../__testUtils__/fields';
import {
  environmentsApi,
  failingApi,
  mockRdsApi,
} from '../../testing/fixtures';
import { RdsEnvironmentPicker } from './RdsEnvironmentPicker';
import { rdsEnvironmentPickerValidation } from './validation';

const environments = [
  { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
  { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
];

/** The picker in a form; resolves to every value it sent through onChange. */
function render(
  api: ReturnType<typeof mockRdsApi>,
  props: { initial?: string; rawErrors?: string[] } = {},
) {
  return renderField<string>(RdsEnvironmentPicker, api, {
    schema: {
      title: 'Environment',
      type: 'string',
      description: 'Which Postgres instance gets the database.',
    },
    id: 'root_environment',
    key: 'environment',
    required: true,
    ...props,
  });
}

describe('RdsEnvironmentPicker', () => {
  it('shows a progress bar while the environments load', async () => {
    let answer: (value: typeof environments) => void = () => {};
    const api = mockRdsApi({
      getEnvironments: jest.fn(
        () => new Promise<typeof environments>(r => (answer = r)),
      ),
    });

    await render(api, { initial: 'dev' });

    expect(
      await screen.findByRole('progressbar', { name: 'Loading environments' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Environment/ })).toBeNull();

    answer(environments);
    expect(
      await screen.findByRole('button', { name: /^Environment/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('offers the configured environments, marking those that need approval', async () => {
    const api = environmentsApi(environments);

    await render(api, { initial: 'dev' });

    const select = await screen.findByRole('button', { name: /^Environment/ });
    expect(select).toHaveTextContent('dev');
    expect(
      screen.getByText('Which Postgres instance gets the database.'),
    ).toBeInTheDocument();

    await userEvent.click(select);
    const listbox = within(screen.getByRole('listbox'));
    expect(listbox.getAllByRole('option')).toHaveLength(2);
    expect(listbox.getByRole('option', { name: 'dev' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      listbox.getByRole('option', { name: 'prod approval required' }),
    ).not.toHaveAttribute('aria-selected', 'true');
  });

  it('stores the chosen environment and says when it needs approval', async () => {
    const api = environmentsApi(environments);

    const changes = await render(api, { initial: 'dev' });

    await userEvent.click(
      await screen.findByRole('button', { name: /^Environment/ }),
    );
    await userEvent.click(screen.getByRole('option', { name: /^prod/ }));

    expect(changes).toEqual(['prod']);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /^Environment/ }),
      ).toHaveTextContent(/^prod$/),
    );
    expect(
      screen.getByText('prod requires approval: say why in the justification.'),
    ).toBeInTheDocument();
  });

  it('marks approval only where it stops this user', async () => {
    const api = environmentsApi([
      environments[0],
      { ...environments[1], approvalRequiredForYou: false },
      {
        name: 'staging',
        instance: 'staging-postgres',
        requiresApproval: true,
        approvalRequiredForYou: true,
      },
    ]);
    await render(api, { initial: 'prod' });

    expect(
      await screen.findByText(
        'prod asks for a justification; you may provision there without waiting for approval.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Environment/ }));
    const listbox = within(screen.getByRole('listbox'));
    expect(listbox.getByRole('option', { name: 'prod' })).toBeInTheDocument();
    expect(
      listbox.getByRole('option', { name: 'staging approval required' }),
    ).toBeInTheDocument();
  });

  it('keeps an unconfigured value visible, marked as such, and not selectable again', async () => {
    const api = environmentsApi(environments);

    const changes = await render(api, { initial: 'staging' });

    const select = await screen.findByRole('button', { name: /^Environment/ });
    expect(select).toHaveTextContent('staging');
    await userEvent.click(select);
    expect(
      screen.getByRole('option', { name: 'staging not configured' }),
    ).toHaveAttribute('aria-disabled', 'true');
    expect(changes).toEqual([]);
  });

  it('shows the backend’s message when the environments cannot be loaded', async () => {
    const api = await failingApi(
      'getEnvironments',
      503,
      'ServiceUnavailableError',
      'rds.environments is not configured',
    );

    const changes = await render(api, { initial: 'dev' });

    expect(
      await screen.findByText(
        'Could not load the environments: rds.environments is not configured',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Environment/ })).toBeNull();
    expect(changes).toEqual([]);
  });

  it('says so when no environment is configured', async () => {
    const api = environmentsApi([]);

    await render(api);

    expect(
      await screen.findByText(
        'No environments are configured (rds.environments). Ask the platform team.',
      ),
    ).toBeInTheDocument();
  });

  it('marks the field as invalid when the form reports errors', async () => {
    const api = environmentsApi(environments);

    await render(api, { rawErrors: ['Choose an environment.'] });

    const select = await screen.findByRole('button', { name: /^Environment/ });
    expect(select.closest('.MuiInputBase-root')).toHaveClass('Mui-error');
  });
});

describe('rdsEnvironmentPickerValidation', () => {
  const validate = (
    value: string | undefined,
    api: ReturnType<typeof mockRdsApi>,
  ) =>
    validateField(rdsEnvironmentPickerValidation, value as string, api, {
      environment: value ?? '',
    });

  const api = environmentsApi(environments);

  it('accepts a configured environment', async () => {
    await expect(validate('prod', api)).resolves.toEqual([]);
  });

  it('asks for a value when none is chosen', async () => {
    await expect(validate('', api)).resolves.toEqual([
      'Choose an environment.',
    ]);
  });

  it('refuses an environment the backend does not know, naming the choices', async () => {
    await expect(validate('staging', api)).resolves.toEqual([
      '"staging" is not a configured environment. Choose one of: dev, prod.',
    ]);
  });

  it('leaves the decision to the backend when the list cannot be loaded', async () => {
    const failing = mockRdsApi({
      getEnvironments: jest.fn().mockRejectedValue(new Error('offline')),
    });
    await expect(validate('staging', failing)).resolves.toEqual([]);
  });
});
