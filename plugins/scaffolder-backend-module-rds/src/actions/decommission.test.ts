import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type {
  DecommissionRequestBody,
  DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import { actionContext } from '../__testUtils__/actionContext';
import type { RdsDecommissionApi } from '../client/RdsBackendClient';
import { createRdsDecommissionAction } from './decommission';

const result: DecommissionResult = {
  runId: 'r',
  dryRun: false,
  outcome: 'deleted',
  environment: 'dev',
  instance: 'i',
  database: 'payments_dev_db',
  role: 'payments_dev_user',
  secretName: 'rds/dev/payments',
  policy: 'snapshot-and-delete',
  dumpLocation: 's3://dumps/dev/payments_dev_db-1.dump',
  secretRestorableUntil: '2026-12-31T00:00:00.000Z',
  steps: [
    { id: 'dump', kind: 'dump', target: 'payments_dev_db', outcome: 'created' },
  ],
  // Nothing blocks it: what a snapshot-and-delete of the dev database drops, dumps and deletes.
  preflight: {
    sessions: [],
    preparedTransactions: [],
    replicationSlots: [],
    subscriptions: [],
    drops: ['database payments_dev_db', 'role payments_dev_user'],
    dumps: ['database payments_dev_db to s3://dumps/dev'],
    deletes: ['secret rds/dev/payments (recovery window 7 days)'],
    disables: [],
    existingDumps: [],
  },
};

function client(answer: () => Promise<DecommissionResult>) {
  const calls: DecommissionRequestBody[] = [];
  const api: RdsDecommissionApi = {
    decommission: async body => {
      calls.push(body);
      return answer();
    },
  };
  return { api, calls };
}

const input = {
  entityRef: 'component:default/payments',
  environment: 'dev',
  policy: 'snapshot-and-delete',
  confirm: true,
};

describe('rds:decommission', () => {
  const auth = mockServices.auth({ pluginId: 'scaffolder' });

  it('asks the backend on behalf of the task, with the task id as run id, and outputs the dump and the restore deadline', async () => {
    const { api, calls } = client(async () => result);
    const { ctx, outputs } = actionContext(input);
    await createRdsDecommissionAction({ client: api, auth }).handler(
      ctx as any,
    );
    expect(calls).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments',
        environment: 'dev',
        policy: 'snapshot-and-delete',
        runId: ctx.task.id,
        dryRun: false,
      }),
    ]);
    expect(outputs).toMatchObject({
      outcome: 'deleted',
      outcomeLabel: 'Deleted',
      dumpLocation: result.dumpLocation,
      secretRestorableUntil: result.secretRestorableUntil,
    });
  });

  it('refuses a deleting run without confirm before calling the backend', async () => {
    const { api, calls } = client(async () => result);
    const { ctx } = actionContext({ ...input, confirm: false });
    await expect(
      createRdsDecommissionAction({ client: api, auth }).handler(ctx as any),
    ).rejects.toThrow(
      'Policy snapshot-and-delete deletes the database; set confirm: true',
    );
    expect(calls).toEqual([]);
  });

  it('ends a blocked run with the cause and the fix', async () => {
    const { api } = client(async () => {
      throw new ConflictError(
        'database "payments_dev_db" is owned by "legacy", not by the platform\'s owner role "payments_dev_owner": the platform never drops or disables what it did not create, so nothing was changed. Fix: have "legacy" decommission it.',
      );
    });
    const { ctx } = actionContext(input);
    await expect(
      createRdsDecommissionAction({ client: api, auth }).handler(ctx as any),
    ).rejects.toThrow(/^Blocked, nothing was changed: .*Fix: Have "legacy"/);
  });

  it('finishes with pending_approval and the request’s link when the backend keeps the run as a request', async () => {
    const path = '/rds/requests?id=5b0f3c1e-1111-4222-8333-444455556666';
    const { api } = client(async () => ({
      ...result,
      outcome: 'pending_approval',
      dumpLocation: undefined,
      secretRestorableUntil: undefined,
      approvalRequest: {
        id: '5b0f3c1e-1111-4222-8333-444455556666',
        path,
        expiresAt: '2026-12-09T00:00:00.000Z',
        planHash: 'ab'.repeat(32),
        approvers: ['group:default/platform-team'],
      },
    }));
    const { ctx, outputs } = actionContext(input);
    await createRdsDecommissionAction({ client: api, auth }).handler(
      ctx as any,
    );
    expect(outputs).toMatchObject({
      outcome: 'pending_approval',
      outcomeLabel: expect.any(String),
      approvalRequestPath: path,
      // No app.baseUrl in this test: the link is the path.
      approvalRequestUrl: path,
    });
  });
});
