import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApprovalRequest } from '@rds-self-service/plugin-rds-common';
import { rdsApprovalsApiRef, type RdsApprovalsApi } from '../../api';
import {
  backendError,
  paymentsEntity,
  paymentsEntityRef,
} from '../../testing/fixtures';
import { EntityApprovalRequests } from './EntityApprovalRequests';

const pending: ApprovalRequest = {
  id: '5b0f3c1e-1111-4222-8333-444455556666',
  status: 'pending',
  environment: 'prod',
  instance: 'prod-postgres',
  appName: 'payments_api',
  database: 'payments_api_prod_db',
  role: 'payments_api_prod_user',
  accessLevel: 'editor',
  entityRef: paymentsEntityRef,
  requester: 'user:default/guest',
  justification: 'Ledger moves off the shared cluster (CHG-1042)',
  runId: 'task-1',
  request: {
    appName: 'payments_api',
    environment: 'prod',
    accessLevel: 'editor',
    entityRef: paymentsEntityRef,
  },
  plan: {
    request: {
      appName: 'payments_api',
      environment: 'prod',
      accessLevel: 'editor',
    },
    instance: 'prod-postgres',
    database: 'payments_api_prod_db',
    role: 'payments_api_prod_user',
    secretName: 'rds/prod/payments_api',
    steps: [
      {
        id: 'database',
        kind: 'database',
        target: 'payments_api_prod_db',
        action: 'create',
        sql: [
          'CREATE DATABASE "payments_api_prod_db" OWNER "payments_api_prod_owner"',
        ],
        reason: 'database payments_api_prod_db does not exist',
      },
    ],
    blocked: false,
    drift: [],
  },
  planHash: 'ab'.repeat(32),
  createdAt: '2026-12-02T01:00:00.000Z',
  expiresAt: '2026-12-09T01:00:00.000Z',
  canDecide: true,
};

function render(api: Partial<RdsApprovalsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[rdsApprovalsApiRef, api as RdsApprovalsApi]]}>
      <EntityProvider entity={paymentsEntity}>
        <EntityApprovalRequests />
      </EntityProvider>
    </TestApiProvider>,
  );
}

// Typing and clicking through MUI on a shared, loaded machine.
jest.setTimeout(30_000);

describe('EntityApprovalRequests', () => {
  it('shows who asked and why, the plan and its SQL, and approves the plan hash shown', async () => {
    const approve = jest.fn(async () => ({
      ...pending,
      status: 'approved' as const,
    }));
    const list = jest
      .fn()
      .mockResolvedValueOnce([pending])
      .mockResolvedValue([]);
    await render({ list, approve });

    expect(list).toHaveBeenCalledWith({
      entityRef: paymentsEntityRef,
      status: undefined,
    });
    expect(
      await screen.findByText('Waiting for approval (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('user:default/guest')).toBeInTheDocument();
    expect(
      screen.getByText('Ledger moves off the shared cluster (CHG-1042)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/CREATE DATABASE "payments_api_prod_db"/),
    ).toBeInTheDocument();
    // Rejecting needs a comment.
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();

    await userEvent.type(screen.getByLabelText('Comment'), 'CAB-77 approved');
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve and provision' }),
    );

    expect(approve).toHaveBeenCalledWith(pending.id, {
      planHash: pending.planHash,
      comment: 'CAB-77 approved',
    });
    await waitFor(() =>
      expect(
        screen.queryByText('Waiting for approval (1)'),
      ).not.toBeInTheDocument(),
    );
  });

  it('says why an approval was refused, in the backend’s words', async () => {
    const refusal = await backendError(
      403,
      'NotAllowedError',
      `user:default/guest asked for request ${pending.id} and cannot approve it: a second person must (four eyes)`,
    );
    await render({
      list: jest.fn(async () => [pending]),
      approve: jest.fn(async () => {
        throw refusal;
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve and provision' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'cannot approve it: a second person must (four eyes)',
    );
  });

  it('says what a decommission request does: its kind and policy, the steps and their SQL', async () => {
    // The request as asked, and as its plan answers it.
    const request = {
      appName: 'payments_api',
      environment: 'prod',
      policy: 'delete',
    } as const;
    const decommission: ApprovalRequest = {
      ...pending,
      kind: 'decommission',
      policy: 'delete',
      accessLevel: 'owner',
      request,
      plan: {
        request,
        instance: 'prod-postgres',
        database: 'payments_api_prod_db',
        role: 'payments_api_prod_user',
        secretName: 'rds/prod/payments_api',
        steps: [
          {
            id: 'drop-database',
            kind: 'database',
            target: 'payments_api_prod_db',
            action: 'delete',
            sql: [
              'DROP DATABASE IF EXISTS "payments_api_prod_db" WITH (FORCE)',
            ],
            reason: 'drop database payments_api_prod_db',
          },
        ],
        blocked: false,
        preflight: {
          sessions: [],
          preparedTransactions: [],
          replicationSlots: [],
          subscriptions: [],
          drops: ['payments_api_prod_db'],
          dumps: [],
          deletes: [],
          disables: [],
          existingDumps: [],
        },
      },
    };
    await render({ list: jest.fn(async () => [decommission]) });
    expect(
      await screen.findByText(
        `Decommission, policy delete for ${paymentsEntityRef}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('drop database payments_api_prod_db'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/DROP DATABASE IF EXISTS "payments_api_prod_db"/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Approve and decommission' }),
    ).toBeInTheDocument();
  });

  it('shows nothing without pending requests, and no buttons for those who cannot decide', async () => {
    const { container } = await render({ list: jest.fn(async () => []) });
    expect(container).toBeEmptyDOMElement();
  });
});
