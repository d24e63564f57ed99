import type {
  AccessLevel,
  Plan,
  PlanCurrentState,
} from '@rds-self-service/plugin-rds-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { failingApi, mockRdsApi } from '../../testing/fixtures';
import { renderField, validateField } from '../../__testUtils__/fields';
import { RdsPlanReview } from './RdsPlanReview';
import { rdsPlanReviewValidation } from './validation';

const form = {
  component: 'component:default/payments-api',
  environment: 'dev',
  accessLevel: 'editor',
  rotatePassword: false,
};

/** The plan of an existing database whose login role is `current` now, asked for `accessLevel`. */
function existingPlan(
  accessLevel: AccessLevel,
  current: AccessLevel,
  extra: Partial<Plan> = {},
): Plan {
  const state: PlanCurrentState = {
    database: true,
    role: true,
    secret: true,
    accessLevel: current,
  };
  return {
    request: { appName: 'payments_api', environment: 'dev', accessLevel },
    instance: 'dev-postgres',
    database: 'payments_api_dev_db',
    role: 'payments_api_dev_user',
    secretName: 'rds/dev/payments_api',
    steps: [
      {
        id: 'login.membership',
        kind: 'membership',
        target: `payments_api_dev_user in payments_api_dev_${accessLevel}`,
        action: current === accessLevel ? 'none' : 'update',
        sql: [],
        reason:
          current === accessLevel
            ? `payments_api_dev_user has access level ${accessLevel}`
            : `payments_api_dev_user is not a member of payments_api_dev_${accessLevel}`,
      },
      {
        id: 'database',
        kind: 'database',
        target: 'payments_api_dev_db',
        action: 'none',
        sql: [],
        reason: 'exists',
      },
    ],
    blocked: false,
    drift: [],
    current: state,
    ...extra,
  };
}

const newPlan: Plan = {
  ...existingPlan('editor', 'editor'),
  current: { database: false, role: false, secret: false },
  steps: [
    {
      id: 'role.login',
      kind: 'role',
      target: 'payments_api_dev_user',
      action: 'create',
      sql: [],
      reason: 'role payments_api_dev_user does not exist',
    },
  ],
};

const render = (api: ReturnType<typeof mockRdsApi>, formData = form) =>
  renderField<boolean>(RdsPlanReview, api, {
    schema: { title: 'What the run will do', type: 'boolean' },
    id: 'root_confirmAccessLevelChange',
    key: 'confirmAccessLevelChange',
    form: formData,
  });

/** A step that stops the run: `kind` `approval` is the approval gate. */
const blockStep = (kind: string, target: string, reason: string) => ({
  id: kind,
  kind,
  target,
  action: 'block' as const,
  sql: [],
  reason,
});

const planning = (plan: Plan) =>
  mockRdsApi({ plan: jest.fn().mockResolvedValue(plan) });

describe('RdsPlanReview', () => {
  it('shows the names, that each is new, and the steps of a first run', async () => {
    const api = planning(newPlan);
    await render(api);

    const facts = await screen.findByRole('table', {
      name: 'What the run is for',
    });
    expect(
      within(facts).getByRole('row', { name: /^Database/ }),
    ).toHaveTextContent('Databasepayments_api_dev_dbnew, created by this run');
    expect(
      within(facts).getByRole('row', { name: /^Secret/ }),
    ).toHaveTextContent('rds/dev/payments_api');
    expect(
      within(facts).getByRole('row', { name: /^New password/ }),
    ).toHaveTextContent(
      'New passwordGeneratedthe new secret gets a generated password',
    );
    expect(
      within(
        screen.getByRole('list', { name: 'Steps that change something' }),
      ).getByRole('listitem'),
    ).toHaveTextContent(
      'Create role payments_api_dev_user: role payments_api_dev_user does not exist',
    );
    // The form's values, with the confirmation the steps assume.
    expect(api.plan).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      environment: 'dev',
      accessLevel: 'editor',
      confirmAccessLevelChange: true,
    });
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('calls out a lower level and asks for the confirmation', async () => {
    const changes = await render(planning(existingPlan('editor', 'owner')));

    expect(
      await screen.findByText(
        'The access level goes down from owner to editor',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /^Access level/ }),
    ).toHaveTextContent('owner → editor: lower, takes privileges away');
    const box = screen.getByRole('checkbox', {
      name: 'I confirm lowering the access level from owner to editor',
    });
    expect(box).not.toBeChecked();

    // Unticked is in the form data, so the scaffolder validates it.
    expect(changes).toEqual([false]);

    await userEvent.click(box);
    expect(changes).toEqual([false, true]);
    expect(box).toBeChecked();
  });

  it('says a level that stays is unchanged, and a higher one needs no confirmation', async () => {
    await render(planning(existingPlan('owner', 'owner')), {
      ...form,
      accessLevel: 'owner',
    });
    expect(
      await screen.findByRole('row', { name: /^Access level/ }),
    ).toHaveTextContent('owner (unchanged)');
    expect(
      screen.getByRole('row', { name: /^New password/ }),
    ).toHaveTextContent('New passwordNothe secret keeps its password');
    expect(
      screen.getByText('Nothing to change: the run will report No change'),
    ).toBeInTheDocument();
  });

  it('shows a block as its cause and what to do', async () => {
    const blocked = existingPlan('editor', 'editor', {
      blocked: true,
      steps: [
        blockStep(
          'role',
          'payments_api_dev_user',
          'role payments_api_dev_user exists but the platform did not create it. Fix: ask the platform team to rename it.',
        ),
      ],
    });
    await render(planning(blocked));
    expect(
      await screen.findByText(
        'The run would be blocked: Role payments_api_dev_user exists but the platform did not create it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Ask the platform team to rename it.'),
    ).toBeInTheDocument();
  });

  it.each([
    [['group:default/dba'], 'one of group:default/dba'],
    [undefined, 'an approver of prod'],
  ])(
    'says a run that needs approval waits for it (approvers %j), not that it is blocked',
    async (approvers, who) => {
      const gated = existingPlan('editor', 'editor', {
        blocked: true,
        steps: [
          blockStep(
            'approval',
            'prod',
            'environment "prod" requires explicit approval before the platform changes anything (3 steps would change). Fix: have the run approved.',
          ),
        ],
      });
      const api = planning(gated);
      api.getEnvironments.mockResolvedValue([
        {
          name: 'prod',
          instance: 'prod-postgres',
          requiresApproval: true,
          approvalRequiredForYou: true,
          ...(approvers && { approvers }),
        },
      ]);
      await render(api, { ...form, environment: 'prod' });
      expect(
        await screen.findByText('The run will wait for approval'),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(
          screen.getByText(
            `Environment "prod" requires explicit approval before the platform changes anything (3 steps would change). The run becomes an approval request: nothing changes until ${who} approves it, then this plan is applied.`,
            { exact: false },
          ),
        ).toBeInTheDocument(),
      );
      expect(screen.queryByText(/would be blocked/)).toBeNull();
    },
  );

  it('shows the backend’s message when the plan cannot be made', async () => {
    const api = await failingApi(
      'plan',
      403,
      'NotAllowedError',
      'You are not allowed to plan databases (rds.database.provision)',
    );
    await render(api);
    expect(
      await screen.findByText(
        'Could not make the plan: You are not allowed to plan databases (rds.database.provision)',
      ),
    ).toBeInTheDocument();
  });

  it('waits for the component, environment and access level', async () => {
    const api = planning(newPlan);
    await render(api, { ...form, component: '', environment: '' } as never);
    expect(
      await screen.findByText(
        /Choose the component, environment and access level first/,
      ),
    ).toBeInTheDocument();
    expect(api.plan).not.toHaveBeenCalled();
  });
});

describe('rdsPlanReviewValidation', () => {
  it('fails a lower level without the confirmation, passes it with', async () => {
    const api = planning(existingPlan('reader', 'editor'));
    await expect(
      validateField(rdsPlanReviewValidation, false, api, {
        ...form,
        accessLevel: 'reader',
      }),
    ).resolves.toEqual([
      'Tick "I confirm lowering the access level from editor to reader", or go back and keep access level editor.',
    ]);
    await expect(
      validateField(rdsPlanReviewValidation, true, api, {
        ...form,
        accessLevel: 'reader',
      }),
    ).resolves.toEqual([]);
  });

  it('needs nothing where the level stays or goes up, or the plan cannot be made', async () => {
    await expect(
      validateField(
        rdsPlanReviewValidation,
        undefined,
        planning(existingPlan('owner', 'editor')),
        form,
      ),
    ).resolves.toEqual([]);
    const failing = mockRdsApi({
      plan: jest.fn().mockRejectedValue(new Error('offline')),
    });
    await expect(
      validateField(rdsPlanReviewValidation, undefined, failing, form),
    ).resolves.toEqual([]);
  });
});
