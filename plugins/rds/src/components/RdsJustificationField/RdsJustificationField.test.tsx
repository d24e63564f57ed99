import {
  renderInTestApp,
  TestApiProvider,
  TestApiRegistry,
} from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { rdsApiRef } from '../../api';
import { mockRdsApi } from '../../testing/fixtures';
import {
  RdsJustificationField,
  RdsJustificationFieldProps,
} from './RdsJustificationField';
import { rdsJustificationValidation } from './validation';

// By config, not by name: here dev needs approval and prod does not.
const environments = [
  { name: 'dev', instance: 'dev-postgres', requiresApproval: true },
  { name: 'prod', instance: 'prod-postgres', requiresApproval: false },
  { name: 'staging', instance: 'staging-postgres', requiresApproval: true },
];

/**
 * The field as the scaffolder form holds it: its value lives in the form, and
 * the whole form's data (the chosen environment) comes in `formContext`.
 */
function Harness(props: {
  environment?: string;
  initial?: string;
  changes: (string | undefined)[];
  uiOptions?: Record<string, unknown>;
  formKey?: string;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    schema: {
      title: 'Justification',
      type: 'string',
      description: 'Why this app needs a database in this environment.',
    },
    uiSchema: { 'ui:options': props.uiOptions ?? {} },
    idSchema: { $id: 'root_justification' },
    formData: value,
    formContext: {
      formData: {
        [props.formKey ?? 'environment']: props.environment,
        justification: value,
      },
    },
    onChange: (next: string | undefined) => {
      props.changes.push(next);
      setValue(next);
    },
    required: false,
    disabled: false,
    readonly: false,
    rawErrors: [],
  } as unknown as RdsJustificationFieldProps;
  return <RdsJustificationField {...fieldProps} />;
}

async function render(
  api: ReturnType<typeof mockRdsApi>,
  props: Partial<Parameters<typeof Harness>[0]> = {},
) {
  const changes: (string | undefined)[] = [];
  await renderInTestApp(
    <TestApiProvider apis={[[rdsApiRef, api]]}>
      <Harness changes={changes} {...props} />
    </TestApiProvider>,
  );
  return changes;
}

const listing = () =>
  mockRdsApi({ getEnvironments: jest.fn().mockResolvedValue(environments) });

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
  async function validate(
    value: string | undefined,
    environment: string | undefined,
    api: ReturnType<typeof mockRdsApi> = listing(),
  ) {
    const validation = createFieldValidation();
    await rdsJustificationValidation(value, validation, {
      apiHolder: TestApiRegistry.from([rdsApiRef, api]),
      formData: environment === undefined ? {} : { environment },
      schema: {},
    });
    return validation.__errors;
  }

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
