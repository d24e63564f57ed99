// Approval as a workflow in the embedded demo (issue 12). The guest (team-payments) asks for a
// database in prod, which requires approval: the run becomes a pending request and creates
// nothing. Pat (platform-team), signed in with the sign-in page's second card in a browser
// context of their own, approves it on /rds/requests; the backend applies exactly the approved
// plan and the guest's Database tab shows the database. A second journey changes the instance
// between request and approval: the approval applies nothing and shows what changed.
// Screenshots in test-results/: e2e-approval-requested.png, e2e-approval-pending-tab.png,
// e2e-approval-requests-page.png, e2e-approval-provisioned-tab.png,
// e2e-approval-plan-changed.png.
import {
  expect as baseExpect,
  type APIRequestContext,
  type Browser,
  type Page,
} from '@playwright/test';
import { Client } from 'pg';
import { visit } from './lib/app';
import {
  Backend,
  eventually,
  expect,
  screenshot,
  test,
  UI_MS,
} from './lib/fixtures';
import { exampleComponent } from './lib/entities';
import { PROD, expectTaskPendingApproval, runTemplate } from './lib/scaffolder';

const APPROVER = 'user:default/pat.platform';
const REQUESTER = 'user:default/guest';
const STOREFRONT = exampleComponent('storefront-web', 'storefront_web_prod_db');
const LEDGER = exampleComponent('ledger-worker', 'ledger_worker_prod_db');

/** A Backstage token from one of the demo's sign-ins (`guest` or `demo-approver`). */
async function signInToken(
  request: APIRequestContext,
  provider: 'guest' | 'demo-approver',
): Promise<string> {
  return eventually(async () => {
    const res = await request.post(`/api/auth/${provider}/refresh`);
    baseExpect(res.ok(), `${provider} sign-in: ${res.status()}`).toBe(true);
    return String((await res.json()).backstageIdentity.token);
  });
}

/** A page of its own (own storage) signed in as Pat with the sign-in page's second card. */
async function approverPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await visit(page, url, { as: 'approver' });
  return page;
}

function requestCard(page: Page, database: string) {
  return page.getByRole('region', {
    name: `Approval request: ${database} in prod`,
  });
}

test('request prod as the guest, approve as Pat, the database is there', async ({
  page,
  backend,
  browser,
  playwright,
  backendUrl,
}) => {
  const justification = 'Checkout sessions need their own database (CHG-4410)';

  await test.step('1. the guest asks for prod: the task ends pending approval, nothing is created', async () => {
    const taskId = await runTemplate(page, STOREFRONT, {
      environment: PROD,
      justification,
    });
    await expectTaskPendingApproval(page, backend, taskId);
    await screenshot(page, 'e2e-approval-requested.png', { fullPage: true });
    expect(
      await backend.databaseStatus(STOREFRONT.ref, PROD.name),
    ).toMatchObject({
      exists: false,
      secretPresent: false,
    });
  });

  await test.step('2. the guest’s Database tab shows the pending request, without Approve', async () => {
    await visit(page, `/catalog/default/component/${STOREFRONT.name}/database`);
    const card = requestCard(page, STOREFRONT.database);
    await expect(card.getByText(justification)).toBeVisible();
    await expect(
      card.getByText(/The requester cannot approve their own request/),
    ).toBeVisible();
    await expect(
      card.getByRole('button', { name: 'Approve and provision' }),
    ).toHaveCount(0);
    await screenshot(page, 'e2e-approval-pending-tab.png', { fullPage: true });
  });

  await test.step('3. Pat approves it on Database requests', async () => {
    const pat = await approverPage(browser, '/rds/requests');
    const card = requestCard(pat, STOREFRONT.database);
    await expect(card.getByText(REQUESTER)).toBeVisible();
    await expect(
      card.getByText(/CREATE DATABASE "storefront_web_prod_db"/),
    ).toBeAttached();
    await card
      .getByRole('textbox', { name: 'Comment' })
      .fill('CAB-77: go ahead');
    await screenshot(pat, 'e2e-approval-requests-page.png', { fullPage: true });
    await card.getByRole('button', { name: 'Approve and provision' }).click();
    await expect(card).toHaveCount(0, { timeout: UI_MS });
    await pat.context().close();
  });

  await test.step('4. the database exists, made with Pat’s authority; the guest’s tab shows it and they were told', async () => {
    await expect
      .poll(
        async () =>
          (
            await backend.databaseStatus(STOREFRONT.ref, PROD.name)
          )?.exists,
      )
      .toBe(true);
    const audit = await backend.audit(STOREFRONT.ref);
    expect(
      audit.items
        .filter(r => r.environment === PROD.name)
        .map(r => [r.outcome, r.actor, r.requestedBy, r.decidedBy]),
    ).toEqual([
      ['created', APPROVER, REQUESTER, APPROVER],
      ['pending_approval', REQUESTER, REQUESTER, undefined],
    ]);
    await visit(page, `/catalog/default/component/${STOREFRONT.name}/database`);
    await expect(requestCard(page, STOREFRONT.database)).toHaveCount(0);
    await expect(
      page
        .locator('.MuiCard-root')
        .filter({ has: page.getByText('Environment: prod', { exact: true }) }),
    ).toContainText(STOREFRONT.database);
    await screenshot(page, 'e2e-approval-provisioned-tab.png', {
      fullPage: true,
    });
    const notes = await backend.getJson<{
      notifications: Array<{ payload: { title: string } }>;
    }>('/api/notifications/notifications');
    expect(notes.notifications.map(n => n.payload.title)).toContain(
      `Approved and provisioned: ${STOREFRONT.database} in prod (Created)`,
    );
  });
  // Pat was told of the request.
  const request = await playwright.request.newContext({ baseURL: backendUrl });
  const pat = new Backend(request, await signInToken(request, 'demo-approver'));
  const patNotes = await pat.getJson<{
    notifications: Array<{ payload: { title: string } }>;
  }>('/api/notifications/notifications');
  expect(patNotes.notifications.map(n => n.payload.title)).toContain(
    `Approval requested: ${STOREFRONT.database} in prod`,
  );
  await request.dispose();
});

/** The prod-like cluster's superuser (scripts/start.mjs), as someone outside the platform. */
async function onProdInstance(sql: string): Promise<void> {
  const client = new Client({
    host: '127.0.0.1',
    port: Number(process.env.RDS_START_PROD_PG_PORT ?? 5434),
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
    // TLS only, like RDS; this is a test's own connection, not the platform's.
    ssl: { rejectUnauthorized: false },
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

test('the instance changed between request and approval: the approval applies nothing and shows what changed', async ({
  browser,
  playwright,
  backendUrl,
}) => {
  const guestRequest = await playwright.request.newContext({
    baseURL: backendUrl,
  });
  const guestToken = await signInToken(guestRequest, 'guest');
  const guest = new Backend(guestRequest, guestToken);
  const id =
    await test.step('1. the guest asks for prod through the API: a pending request', async () => {
      const res = await guestRequest.post('/api/rds/provision', {
        headers: { Authorization: `Bearer ${guestToken}` },
        data: {
          entityRef: LEDGER.ref,
          environment: PROD.name,
          accessLevel: 'reader',
          justification: 'Ledger exports (CHG-4411)',
        },
      });
      expect(res.status(), await res.text()).toBe(202);
      return String((await res.json()).approvalRequest.id);
    });

  await test.step('2. meanwhile someone creates the database by hand', async () => {
    await onProdInstance('CREATE ROLE ledger_legacy NOLOGIN');
    await onProdInstance(
      `CREATE DATABASE ${LEDGER.database} OWNER ledger_legacy`,
    );
  });

  await test.step('3. Pat approves: nothing is applied, the request is pending again with the differences', async () => {
    const pat = await approverPage(browser, `/rds/requests?id=${id}`);
    const card = requestCard(pat, LEDGER.database);
    const approve = card.getByRole('button', { name: 'Approve and provision' });
    await expect(approve, 'Pat may decide the request').toBeVisible();
    await approve.click();
    // The refusal, in the backend's words (the card's other alerts are the new plan's).
    await expect(
      card.getByRole('alert').filter({ hasText: /^Nothing was applied/ }),
    ).toContainText(
      /Nothing was applied: the plan of request .* changed since it was requested/,
    );
    // The new plan, pending again, with what changed.
    await expect(
      card
        .getByRole('alert')
        .filter({ hasText: /^The instance changed since the request/ }),
    ).toContainText(`+ database block database ${LEDGER.database}`);
    await screenshot(pat, 'e2e-approval-plan-changed.png', { fullPage: true });
    await pat.context().close();
  });

  await test.step('4. the platform created nothing: no login role, no secret', async () => {
    expect(await guest.databaseStatus(LEDGER.ref, PROD.name)).toMatchObject({
      secretPresent: false,
      owner: 'ledger_legacy',
    });
    const audit = await guest.audit(LEDGER.ref);
    expect(
      audit.items.filter(r => r.environment === PROD.name).map(r => r.outcome),
    ).toEqual(['pending_approval', 'pending_approval']);
  });
  await guestRequest.dispose();
});
