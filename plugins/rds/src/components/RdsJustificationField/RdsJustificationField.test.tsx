import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderField, validateField } from '../../__testUtils__/fields';
import { environmentsApi, mockRdsApi } from '../../testing/fixtures';
import { RdsJustificationField } from './RdsJustificationField';
import { rdsJustificationValidation } from './validation';

// By config, not by name: here dev needs approval and prod does not.
const environments = [
  { name: 'dev', instance: 'dev-postgres', requiresApproval: true },
  { name: 'prod', instance: 'prod-postgres', requiresApproval: false },
  { name: 'staging', instance: 'staging-postgres', requiresApproval: true },
];

/** The field in a form whose environment field (`formKey`) holds `environment`. */
function render(
  api: ReturnType<typeof mockRdsApi>,
  props: {
    environment?: string;
    initial?: string;
    uiOptions?: Record<string, unknown>;
    formKey?: string;
  } = {},
) {
  return renderField<string>(RdsJustificationField, api, {
    schema: {
      title: 'Justification',
      type: 'string',
      description: 'Why this app needs a database in this environment.',
    },
    id: 'root_justification',
    key: 'justification',
    initial: props.initial,
    form: { [props.formKey ?? 'environment']: props.environment },
    uiOptions: props.uiOptions,
  });
}

const listing = () => environmentsApi(environments);

describe('RdsJustificationField', () => {
  it('asks for a justification where the chosen environment requires approval', async () => {
    const api = listing();
    const changes = await render(api, { environment: 'dev' });

    const box = await screen.findByRole('textbox', { name: /^Justification/ });
    expect(box).toBeRequired();
    expect(
      screen.getByText('Why this app needs a database in this environment.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'dev requires approval: the approvers and the audit trail read this.',
      ),
    ).toBeInTheDocument();
    // In the form data from the start, so the form validates it before the review.
    expect(changes).toEqual(['']);

    await userEvent.type(box, 'CHG-1042');
    expect(changes.at(-1)).toBe('CHG-1042');
    expect(api.getEnvironments).toHaveBeenCalled();
  });

  it('does not say "requires approval" to a user the environment does not stop', async () => {
    const api = environmentsApi([
      { ...environments[2], approvalRequiredForYou: false },
    ]);
    await render(api, { environment: 'staging' });

    // Still asked for (the action requires it there), for the audit trail only.
    expect(
      await screen.findByRole('textbox', { name: /^Justification/ }),
    ).toBeRequired();
    expect(
      screen.getByText(
        'staging asks why: the audit trail keeps this. You may provision there without waiting for approval.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/requires approval/)).toBeNull();
  });

  it('shows nothing where the environment needs no approval, whatever its name', async () => {
    const api = listing();
    const changes = await render(api, { environment: 'prod' });

    // The list has arrived and been rendered: still nothing to show.
    await waitFor(() => expect(api.getEnvironments).toHaveBeenCalled());
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(changes).toEqual([]);
  });

  it('drops a justification typed for another environment', async () => {
    const changes = await render(listing(), {
      environment: 'prod',
      initial: 'typed for dev',
    });

    await waitFor(() => expect(changes).toEqual([undefined]));
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('reads the environment from the field ui:options.environmentField names', async () => {
    await render(listing(), {
      environment: 'staging',
      formKey: 'targetEnvironment',
      uiOptions: { environmentField: 'targetEnvironment', rows: 5 },
    });

    expect(
      await screen.findByRole('textbox', { name: /^Justification/ }),
    ).toBeRequired();
  });

  it('offers an optional field when the environments cannot be loaded', async () => {
    const api = mockRdsApi({
      getEnvironments: jest.fn().mockRejectedValue(new Error('offline')),
    });
    const changes = await render(api, { environment: 'dev' });

    const box = await screen.findByRole('textbox', { name: /^Justification/ });
    expect(box).not.toBeRequired();
    expect(changes).toEqual([]);
  });
});

describe('rdsJustificationValidation', () => {
  const validate = (
    value: string | undefined,
    environment: string | undefined,
    api: ReturnType<typeof mockRdsApi> = listing(),
  ) =>
    validateField(
      rdsJustificationValidation,
      value,
      api,
      environment === undefined ? {} : { environment },
    );

  it('requires a sentence where the environment requires approval', async () => {
    const problem =
      'dev requires approval: say in a sentence why the database is needed (at least 10 characters).';
    await expect(validate(undefined, 'dev')).resolves.toEqual([problem]);
    await expect(validate('', 'dev')).resolves.toEqual([problem]);
    await expect(validate('   CHG-1   ', 'dev')).resolves.toEqual([problem]);
    await expect(
      validate('Ledger moves off the shared cluster (CHG-1042)', 'dev'),
    ).resolves.toEqual([]);
  });

  it('requires nothing where the environment needs no approval, whatever its name', async () => {
    await expect(validate(undefined, 'prod')).resolves.toEqual([]);
  });

  it('leaves unknown environments to the environment field, and a failed list to the action', async () => {
    await expect(validate(undefined, 'qa')).resolves.toEqual([]);
    await expect(validate(undefined, undefined)).resolves.toEqual([]);
    const failing = mockRdsApi({
      getEnvironments: jest.fn().mockRejectedValue(new Error('offline')),
    });
    await expect(validate(undefined, 'dev', failing)).resolves.toEqual([]);
  });
});
