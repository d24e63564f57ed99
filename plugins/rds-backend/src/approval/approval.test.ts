import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { people, startApprovalBackend } from '../__testUtils__/approvalBackend';
import {
  databaseExists,
  queryAsAdmin,
  roleExists,
  testSecretsClient,
  uniqueComponent,
} from '../__testUtils__/testEnvironment';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });
const { requester, approver, secondApprover, outsider } = people;

async function secretExists(name: string) {
  try {
    await testSecretsClient().send(
      new DescribeSecretCommand({ SecretId: name }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** What a run in `gated` may leave behind: nothing, until approved. */
async function nothingCreated(appName: string, env = 'gated') {
  expect({
    login: await roleExists(`${appName}_${env}_user`),
    owner: await roleExists(`${appName}_${env}_owner`),
    database: await databaseExists(`${appName}_${env}_db`),
    secret: await secretExists(`rds/${env}/${appName}`),
  }).toEqual({ login: false, owner: false, database: false, secret: false });
}

describe('approval workflow, on the stock allow-all permission policy', () => {
  let backend: Awaited<ReturnType<typeof startApprovalBackend>>;
  const components = Array.from({ length: 7 }, () => uniqueComponent('appr'));

  beforeAll(async () => {
    backend = await startApprovalBackend(databases, {
      entities: components.map(c => c.entity),
    });
  });
  afterAll(() => backend?.stop());

  const ask = (
    c: (typeof components)[number],
    env = 'gated',
    as: string = requester,
  ) =>
    backend.as(as).post(
      '/api/rds/provision',
      c.body({
        environment: env,
        runId: `task-${c.appName}`,
        justification: 'Ledger (CHG-9)',
      }),
    );

  it('keeps a non-approver’s run as a pending request: 202, the plan and its hash, nothing created, approvers notified', async () => {
    const c = components[0];
    const res = await ask(c);

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'pending_approval',
      runId: `task-${c.appName}`,
      database: `${c.appName}_gated_db`,
      approvalRequest: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        path: `/rds/requests?id=${res.body.approvalRequest.id}`,
        planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        approvers: ['group:default/platform-team'],
      },
    });
    await nothingCreated(c.appName);

    // The request holds the redacted plan as the dry run shows it.
    const id = res.body.approvalRequest.id;
    const stored = await backend.as(approver).get(`/api/rds/requests/${id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      status: 'pending',
      requester,
      justification: 'Ledger (CHG-9)',
      entityRef: c.entityRef,
      environment: 'gated',
      planHash: res.body.approvalRequest.planHash,
      canDecide: true,
    });
    const sql = stored.body.plan.steps.flatMap((s: { sql: string[] }) => s.sql);
    expect(sql).toContain(
      `CREATE ROLE "${c.appName}_gated_user" LOGIN PASSWORD '********'`,
    );
    // The requester sees it too, but cannot decide it.
    const own = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/requests`);
    expect(own.body.items.map((r: any) => [r.id, r.canDecide])).toEqual([
      [id, false],
    ]);

    // A retried task (same run id) finds its request instead of making another.
    const retried = await ask(c);
    expect(retried.body.approvalRequest.id).toBe(id);

    // Audit: the request, with requester and justification.
    const audit = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        outcome: 'pending_approval',
        actor: requester,
        requestId: id,
        requestedBy: requester,
        justification: 'Ledger (CHG-9)',
      }),
    ]);

    // Both platform-team members are told, with a link to the request; the requester is not.
    for (const person of [approver, secondApprover]) {
      expect(await backend.notificationsOf(person)).toContainEqual({
        title: `Approval requested: ${c.appName}_gated_db in gated`,
        link: `/rds/requests?id=${id}`,
      });
    }
    expect(await backend.notificationsOf(requester)).toEqual([]);
  });

  it('applies an approved request with the approver’s authority, once, and tells the requester', async () => {
    const c = components[1];
    const asked = await ask(c);
    const { id, planHash } = asked.body.approvalRequest;

    // Two approvers at once: one apply.
    const [a, b] = await Promise.all([
      backend.as(approver).approve(id, { planHash, comment: 'ok' }),
      backend.as(secondApprover).approve(id, { planHash }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const won = a.status === 200 ? a : b;
    const lost = a.status === 200 ? b : a;
    expect(won.body).toMatchObject({ status: 'approved', outcome: 'created' });
    expect(lost.body.error.message).toMatch(
      new RegExp(
        `^Request ${id} is no longer pending: it is (applying|approved) by user:default/`,
      ),
    );

    expect(await roleExists(`${c.appName}_gated_user`)).toBe(true);
    expect(await databaseExists(`${c.appName}_gated_db`)).toBe(true);
    expect(await secretExists(`rds/gated/${c.appName}`)).toBe(true);

    const audit = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit`);
    const applies = audit.body.items.filter(
      (r: any) => r.outcome === 'created',
    );
    expect(applies).toEqual([
      expect.objectContaining({
        actor: won.body.decidedBy,
        requestId: id,
        requestedBy: requester,
        decidedBy: won.body.decidedBy,
      }),
    ]);
    const csv = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit.csv`);
    expect(csv.text.split('\r\n')[0]).toMatch(
      /,request_id,requested_by,decided_by$/,
    );
    expect(csv.text).toContain(`,${id},${requester},${won.body.decidedBy}`);

    expect(await backend.notificationsOf(requester)).toContainEqual({
      title: `Approved and provisioned: ${c.appName}_gated_db in gated (Created)`,
      link: `/catalog/default/component/${c.entity.metadata.name}/database`,
    });
  });

  it('four eyes: an approver’s own run is a request (self-approval off) they cannot approve; where self-approval is on they provision directly', async () => {
    const c = components[2];
    const own = await ask(c, 'gated', approver);
    expect(own.status).toBe(202);
    const { id, planHash } = own.body.approvalRequest;
    const self = await backend.as(approver).approve(id, { planHash });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe(
      `${approver} asked for request ${id} and cannot approve it: a second person must (four eyes)`,
    );
    await nothingCreated(c.appName);

    const sandbox = await ask(c, 'sandbox', approver);
    expect(sandbox.status).toBe(200);
    expect(sandbox.body.outcome).toBe('created');
    // The requester is no approver: a request even where self-approval is on.
    const byRequester = await ask(components[6], 'sandbox');
    expect(byRequester.status).toBe(202);
  });

  it('applies nothing when the plan changed since the request, and puts it back to pending with the differences', async () => {
    const c = components[3];
    const asked = await ask(c);
    const { id, planHash } = asked.body.approvalRequest;
    // Meanwhile someone creates the database by hand (owned by the admin, not the platform's owner role).
    await queryAsAdmin(`CREATE DATABASE "${c.appName}_gated_db"`);

    const wrongHash = await backend
      .as(approver)
      .approve(id, { planHash: 'a'.repeat(64) });
    expect(wrongHash.status).toBe(409);
    expect(wrongHash.body.error.message).toContain(
      'is not the one you approved',
    );

    const res = await backend.as(approver).approve(id, { planHash });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /^Nothing was applied: the plan of request .* changed since it was requested/,
    );
    expect(res.body.error.message).toContain(
      `\n- database create database ${c.appName}_gated_db: CREATE DATABASE`,
    );
    expect(res.body.error.message).toContain(
      `\n+ database block database ${c.appName}_gated_db`,
    );
    expect(await roleExists(`${c.appName}_gated_user`)).toBe(false);
    expect(await secretExists(`rds/gated/${c.appName}`)).toBe(false);

    const after = await backend.as(approver).get(`/api/rds/requests/${id}`);
    expect(after.body).toMatchObject({
      status: 'pending',
      planChanges: expect.arrayContaining([
        expect.stringMatching(/^\+ database block/),
      ]),
    });
    expect(after.body.planHash).not.toBe(planHash);
    await queryAsAdmin(`DROP DATABASE "${c.appName}_gated_db"`);
  });

  it('rejects with a comment, keeps the request, tells the requester; decided requests cannot be decided again', async () => {
    const c = components[4];
    const { id, planHash } = (await ask(c)).body.approvalRequest;
    const noComment = await backend.as(approver).reject(id, {});
    expect(noComment.status).toBe(400);
    const rejected = await backend.as(approver).reject(id, {
      comment: 'Use the shared ledger',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: approver,
      comment: 'Use the shared ledger',
    });
    const again = await backend.as(secondApprover).approve(id, { planHash });
    expect(again.status).toBe(409);
    await nothingCreated(c.appName);
    const all = await backend.as(requester).get(`/api/rds/requests?status=all`);
    expect(all.body.items.find((r: any) => r.id === id).status).toBe(
      'rejected',
    );
    expect(await backend.notificationsOf(requester)).toContainEqual(
      expect.objectContaining({
        title: `Rejected: ${c.appName}_gated_db in gated`,
      }),
    );
  });

  it('expires unanswered requests: kept, audited, the requester told, no longer approvable', async () => {
    const c = components[5];
    const { id, planHash } = (await ask(c, 'brief')).body.approvalRequest;
    await new Promise(r => setTimeout(r, 1200));
    const res = await backend.as(approver).approve(id, { planHash });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Request ${id} is no longer pending: it is expired`,
    );
    await nothingCreated(c.appName, 'brief');
    const audit = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit`);
    expect(audit.body.items.map((r: any) => r.outcome)).toEqual([
      'expired',
      'pending_approval',
    ]);
    expect(await backend.notificationsOf(requester)).toContainEqual(
      expect.objectContaining({
        title: `Expired without a decision: ${c.appName}_brief_db in brief`,
      }),
    );
  });

  it('fail closed: where no approvers are configured nobody may provision, whatever the policy allows', async () => {
    const c = uniqueComponent('locked');
    for (const person of [requester, approver]) {
      const res = await backend
        .as(person)
        .post('/api/rds/provision', c.appBody({ environment: 'locked' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'rds.environments.locked.approval.approvers is not set',
      );
    }
    await nothingCreated(c.appName, 'locked');
  });

  it('every new route: 401 without credentials; 403 for a non-approver before anything changes', async () => {
    const c = components[0];
    const { body } = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/requests`);
    const { id, planHash } = body.items[0];
    const none = mockCredentials.none.header();
    const routes: Array<[string, string]> = [
      ['get', '/api/rds/requests'],
      ['get', `/api/rds/requests/${id}`],
      ['get', `/api/rds/entities/${encodeURIComponent(c.entityRef)}/requests`],
      ['post', `/api/rds/requests/${id}/approve`],
      ['post', `/api/rds/requests/${id}/reject`],
    ];
    for (const [method, path] of routes) {
      const res = await (request(backend.server) as any)
        [method](path)
        .set('Authorization', none)
        .send({ planHash, comment: 'x' });
      expect([path, res.status]).toEqual([path, 401]);
    }
    for (const [verb, decision] of [
      ['approve', { planHash }],
      ['reject', { comment: 'no' }],
    ] as const) {
      const res = await backend.as(outsider)[verb](id, decision);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `${outsider} may not ${verb} requests in 'gated'`,
      );
    }
    expect(
      (await backend.as(approver).get(`/api/rds/requests/${id}`)).body.status,
    ).toBe('pending');
    await nothingCreated(c.appName);
  });
});

/** The app's database, roles and secret as they are now (deletedDate: scheduled for deletion). */
async function liveState(appName: string, env = 'teardown') {
  const secret = await testSecretsClient().send(
    new DescribeSecretCommand({ SecretId: `rds/${env}/${appName}` }),
  );
  return {
    database: await databaseExists(`${appName}_${env}_db`),
    login: await roleExists(`${appName}_${env}_user`),
    owner: await roleExists(`${appName}_${env}_owner`),
    secretDeletionScheduled: secret.DeletedDate !== undefined,
  };
}
const untouched = {
  database: true,
  login: true,
  owner: true,
  secretDeletionScheduled: false,
};

describe('decommission through the approval workflow', () => {
  const env = 'teardown';
  let backend: Awaited<ReturnType<typeof startApprovalBackend>>;
  const components = Array.from({ length: 2 }, () => uniqueComponent('dcap'));

  beforeAll(async () => {
    backend = await startApprovalBackend(databases, {
      entities: components.map(c => c.entity),
    });
    // Provisioning in `teardown` needs no approval.
    for (const c of components) {
      const res = await backend
        .as(requester)
        .post('/api/rds/provision', c.body({ environment: env }));
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }
  });
  afterAll(() => backend?.stop());

  const decommission = (c: (typeof components)[number], as = requester) =>
    backend.as(as).post('/api/rds/decommission', {
      entityRef: c.entityRef,
      environment: env,
      policy: 'delete',
      runId: `task-dc-${c.appName}`,
      justification: 'Service retired (CHG-12)',
    });

  it('keeps a non-approver’s decommission as a pending request that changes nothing; the requester cannot approve it; an approver applies it once', async () => {
    const c = components[0];

    // 401 before anything: no request is made.
    const anonymous = await request(backend.server)
      .post('/api/rds/decommission')
      .set('Authorization', mockCredentials.none.header())
      .send({ entityRef: c.entityRef, environment: env, policy: 'delete' });
    expect(anonymous.status).toBe(401);
    const listed = await backend.as(approver).get('/api/rds/requests');
    expect(listed.body.items).toEqual([]);

    const res = await decommission(c);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'pending_approval',
      policy: 'delete',
      database: `${c.appName}_${env}_db`,
      runId: `task-dc-${c.appName}`,
      approvalRequest: {
        path: `/rds/requests?id=${res.body.approvalRequest.id}`,
        planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        approvers: ['group:default/platform-team'],
      },
    });
    expect(await liveState(c.appName)).toEqual(untouched);
    const { id, planHash } = res.body.approvalRequest;

    // A retried task finds its request.
    expect((await decommission(c)).body.approvalRequest.id).toBe(id);

    const stored = await backend.as(approver).get(`/api/rds/requests/${id}`);
    expect(stored.body).toMatchObject({
      kind: 'decommission',
      policy: 'delete',
      status: 'pending',
      requester,
      justification: 'Service retired (CHG-12)',
      planHash,
      canDecide: true,
    });
    const sql = stored.body.plan.steps.flatMap((s: { sql: string[] }) => s.sql);
    expect(sql.join('\n')).toContain(
      `DROP DATABASE IF EXISTS "${c.appName}_${env}_db" WITH (FORCE)`,
    );
    expect(await backend.notificationsOf(approver)).toContainEqual({
      title: `Approval requested: ${c.appName}_${env}_db in ${env}`,
      link: `/rds/requests?id=${id}`,
    });

    // Four eyes, and only approvers: 403, nothing changed.
    const own = await backend.as(requester).approve(id, { planHash });
    expect(own.status).toBe(403);
    const stranger = await backend.as(outsider).approve(id, { planHash });
    expect(stranger.status).toBe(403);
    expect(await liveState(c.appName)).toEqual(untouched);

    const approved = await backend
      .as(approver)
      .approve(id, { planHash, comment: 'ok' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      outcome: 'deleted',
      decidedBy: approver,
    });
    expect(
      await Promise.all([
        databaseExists(`${c.appName}_${env}_db`),
        roleExists(`${c.appName}_${env}_user`),
        roleExists(`${c.appName}_${env}_owner`),
      ]),
    ).toEqual([false, false, false]);
    expect((await liveState(c.appName)).secretDeletionScheduled).toBe(true);

    // Once: a second approval applies nothing.
    const again = await backend.as(approver).approve(id, { planHash });
    expect(again.status).toBe(409);

    const audit = await backend
      .as(requester)
      .get(`/api/rds/entities/${encodeURIComponent(c.entityRef)}/audit`);
    const ofRequest = audit.body.items.filter((r: any) => r.requestId === id);
    expect(ofRequest.map((r: any) => [r.outcome, r.actor])).toEqual([
      ['deleted', approver],
      ['pending_approval', requester],
    ]);
    expect(ofRequest[0]).toMatchObject({
      requestedBy: requester,
      decidedBy: approver,
      decommission: { policy: 'delete' },
    });
    expect(await backend.notificationsOf(requester)).toContainEqual({
      title: `Approved and decommissioned: ${c.appName}_${env}_db in ${env} (Deleted)`,
      link: `/catalog/default/component/${c.entity.metadata.name}/database`,
    });
  });

  it('applies nothing when the instance changed between request and approval: pending again with the differences', async () => {
    const c = components[1];
    const res = await decommission(c);
    expect(res.status).toBe(202);
    const { id, planHash } = res.body.approvalRequest;

    // Someone drops the database by hand meanwhile.
    await queryAsAdmin(
      `DROP DATABASE IF EXISTS "${c.appName}_${env}_db" WITH (FORCE)`,
    );

    const refused = await backend.as(approver).approve(id, { planHash });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^Nothing was applied/);
    const { login, owner, secretDeletionScheduled } = await liveState(
      c.appName,
    );
    expect({ login, owner, secretDeletionScheduled }).toEqual({
      login: true,
      owner: true,
      secretDeletionScheduled: false,
    });

    const back = await backend.as(approver).get(`/api/rds/requests/${id}`);
    expect(back.body).toMatchObject({
      status: 'pending',
      kind: 'decommission',
    });
    expect(back.body.planHash).not.toBe(planHash);
    expect(back.body.planChanges.join('\n')).toContain('DROP DATABASE');
  });
});
