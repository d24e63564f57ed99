// The self-service journey (issue #5) in a real browser against the running app:
//  1. Create → "Postgres database" → payments-api, dev, editor → Review → Create;
//  2. the task page shows success and the link to the Database tab;
//  3. the link opens the Component's Database tab with the new database and its audit row;
//  4. a second run for the same Component ends in no_change and the audit shows both runs;
//  5. the template editor's dry run (for ledger-worker) shows the plan and creates nothing;
//  6. an invalid app name is refused in the form, before anything runs.
// It needs empty data, as `yarn test:e2e` gives it (a temp RDS_DATA_DIR).
// Screenshots go to test-results/: e2e-database-tab.png (step 3), e2e-database-tab-rerun.png (4),
// e2e-dry-run.png (5), e2e-invalid-app-name.png (6), and e2e-rds-failure-step-<n>.png when a step fails.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_URL, BACKEND_URL, launchBrowser } from './browser.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const resultsDir = path.join(root, 'test-results');
const templateFile = path.join(root, 'templates/rds-database/template.yaml');

const TEMPLATE_TITLE = 'Postgres database';
// The environment picker lists the backend's environments by name ("dev"); older
// versions of the template had an enum labelled "Development (dev)".
const ENVIRONMENT = { name: 'dev', option: /^(dev\b|Development \(dev\))/ };
const ACCESS_LEVEL = { name: 'editor', option: /^Editor/ };
const COMPONENT = {
  name: 'payments-api',
  ref: 'component:default/payments-api',
  database: 'payments_api_dev_db',
};
// The dry run uses another Component, so "creates nothing" is not hidden by step 1's database.
const DRY_RUN_COMPONENT = {
  name: 'ledger-worker',
  ref: 'component:default/ledger-worker',
  database: 'ledger_worker_dev_db',
};
const APP_NAME_ERROR =
  'Use a lowercase letter first, then only lowercase letters, digits and underscores';

// The first page load waits for the frontend's first compile.
const FIRST_LOAD_MS = 300_000;
const UI_MS = 60_000;
const TASK_MS = 120_000;

export default async function rdsJourney() {
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const stale of fs
    .readdirSync(resultsDir)
    .filter(f => f.startsWith('e2e-rds-failure-'))) {
    fs.rmSync(path.join(resultsDir, stale));
  }
  const token = await guestToken();
  await waitForCatalog(token);
  await assertFreshData(token);

  const browser = await launchBrowser();
  try {
    await browser.context.addInitScript(fakeDirectoryPicker);
    const page =
      browser.context.pages()[0] ?? (await browser.context.newPage());
    const step = stepRunner(page);

    await step('0. sign in as the guest', () =>
      visit(page, APP_URL, FIRST_LOAD_MS),
    );

    let firstTask;
    await step('1. create a database from the template', async () => {
      firstTask = await runTemplate(page, COMPONENT);
    });
    await step(
      '2. the task page shows success and the output link',
      async () => {
        await expectTaskSucceeded(page, token, firstTask, 'created');
      },
    );
    await step(
      '3. the link opens the Database tab with the database and its audit row',
      async () => {
        const tab = await followDatabaseTabLink(
          page,
          browser.context,
          COMPONENT,
        );
        await expectDatabaseCard(tab, COMPONENT);
        await expectAuditOutcomes(tab, ['Created']);
        await tab.screenshot({
          path: path.join(resultsDir, 'e2e-database-tab.png'),
          fullPage: true,
        });
        if (tab !== page) await tab.close();
      },
    );
    await step(
      '4. running it again ends in no_change and the audit shows both runs',
      async () => {
        const secondTask = await runTemplate(page, COMPONENT);
        await expectTaskSucceeded(page, token, secondTask, 'no_change');
        const tab = await followDatabaseTabLink(
          page,
          browser.context,
          COMPONENT,
        );
        await expectDatabaseCard(tab, COMPONENT);
        await expectAuditOutcomes(tab, ['No change', 'Created']);
        await expectAuditCsv(tab, ['no_change', 'created']);
        const audit = await getJson(
          token,
          `/api/rds/entities/${encodeURIComponent(COMPONENT.ref)}/audit`,
        );
        const runIds = audit.items.map(record => record.runId);
        if (
          audit.totalCount !== 2 ||
          runIds[0] !== secondTask ||
          runIds[1] !== firstTask
        ) {
          throw new Error(
            `expected the audit to hold runs ${secondTask} and ${firstTask} (newest first), got ${JSON.stringify(
              audit.items.map(r => ({ runId: r.runId, outcome: r.outcome })),
            )} of ${audit.totalCount}`,
          );
        }
        await tab.screenshot({
          path: path.join(resultsDir, 'e2e-database-tab-rerun.png'),
          fullPage: true,
        });
        if (tab !== page) await tab.close();
      },
    );
    await step(
      '5. the template editor dry run shows the plan and creates nothing',
      async () => {
        await dryRunInEditor(page, DRY_RUN_COMPONENT);
        const dev = await databaseStatus(token, DRY_RUN_COMPONENT.ref);
        // Neither the database nor its secret: a dry run only plans.
        if (dev?.exists !== false || dev.secretPresent !== false) {
          throw new Error(
            `after the dry run ${
              DRY_RUN_COMPONENT.database
            } and its secret should not exist, but the status is ${JSON.stringify(
              dev,
            )}`,
          );
        }
        // If the backend keeps a record of the dry run, it must say so.
        const audit = await getJson(
          token,
          `/api/rds/entities/${encodeURIComponent(
            DRY_RUN_COMPONENT.ref,
          )}/audit`,
        );
        const real = audit.items.filter(r => !r.dryRun);
        if (real.length > 0) {
          throw new Error(
            `the dry run left audit records of real runs: ${JSON.stringify(
              real,
            )}`,
          );
        }
      },
    );
    await step(
      '6. an invalid app name shows the validation message in the form',
      async () => {
        await openTemplateForm(page);
        await fillDatabaseForm(page, {
          component: COMPONENT.name,
          appName: 'Bad-Name',
        });
        await page.getByRole('button', { name: 'Review' }).click();
        await page
          .getByText(APP_NAME_ERROR)
          .first()
          .waitFor({ timeout: UI_MS });
        const appName = page.getByRole('textbox', { name: 'App name' });
        if ((await appName.getAttribute('aria-invalid')) !== 'true') {
          throw new Error('the App name field is not marked invalid');
        }
        // Still on the form: no review, so no Create button and no task.
        if (
          await page
            .getByRole('button', { name: 'Create', exact: true })
            .isVisible()
        ) {
          throw new Error(
            'the form went on to the review step with an invalid app name',
          );
        }
        await page.screenshot({
          path: path.join(resultsDir, 'e2e-invalid-app-name.png'),
        });
        const audit = await getJson(
          token,
          `/api/rds/entities/${encodeURIComponent(COMPONENT.ref)}/audit`,
        );
        if (audit.totalCount !== 2)
          throw new Error(
            `the audit changed: ${audit.totalCount} runs, expected 2`,
          );
      },
    );
  } finally {
    await browser.close();
  }
}

// ---- the scaffolder UI ----

async function openTemplateForm(page) {
  await visit(page, `${APP_URL}/create`);
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: TEMPLATE_TITLE, exact: true }),
  });
  await card.getByRole('button', { name: 'Choose' }).click({ timeout: UI_MS });
  await page
    .getByRole('textbox', { name: 'Component' })
    .waitFor({ timeout: UI_MS });
}

/** Fills the template's form (on /create or in the template editor's preview). */
async function fillDatabaseForm(page, { component, appName }) {
  const picker = page.getByRole('textbox', { name: 'Component' });
  await picker.click({ timeout: UI_MS });
  await picker.fill(component);
  await page
    .getByRole('option', { name: component, exact: true })
    .click({ timeout: UI_MS });
  if (appName !== undefined) {
    await page.getByRole('textbox', { name: 'App name' }).fill(appName);
  }
  await page.getByRole('button', { name: /^Environment/ }).click();
  await page.getByRole('option', { name: ENVIRONMENT.option }).first().click();
  await page.getByRole('button', { name: /^Access level/ }).click();
  await page.getByRole('option', { name: ACCESS_LEVEL.option }).click();
}

/** Runs the template for a Component from the Create page; returns the task id. */
async function runTemplate(page, component) {
  await openTemplateForm(page);
  await fillDatabaseForm(page, { component: component.name });
  await page.getByRole('button', { name: 'Review' }).click();
  for (const [field, value] of [
    ['Component', component.ref],
    ['Environment', ENVIRONMENT.name],
    ['Access level', 'Editor'],
  ]) {
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: field, exact: true }) });
    const text = await row.innerText({ timeout: UI_MS });
    if (!text.includes(value))
      throw new Error(
        `the review shows "${text}" for ${field}, expected ${value}`,
      );
  }
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/create\/tasks\/[^/?#]+$/, { timeout: UI_MS });
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

/** The task ended well (backend), and its page shows the outcome and the output links. */
async function expectTaskSucceeded(page, token, taskId, outcome) {
  const task = await waitForTask(token, taskId);
  if (task.status !== 'completed') {
    const events = await getJson(
      token,
      `/api/scaffolder/v2/tasks/${taskId}/events`,
    ).catch(() => []);
    const log = events
      .map(e => e.body?.message)
      .filter(Boolean)
      .slice(-8)
      .join('\n  ');
    throw new Error(
      `task ${taskId} ended ${task.status}; last log lines:\n  ${log}`,
    );
  }
  await page
    .getByRole('link', { name: 'Database tab' })
    .waitFor({ timeout: UI_MS });
  await page
    .getByRole('link', { name: 'Open the component' })
    .waitFor({ timeout: UI_MS });
  const outcomeRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Outcome', exact: true }) });
  const shown = (await outcomeRow.innerText({ timeout: UI_MS }))
    .replace(/\s+/g, ' ')
    .trim();
  if (shown !== `Outcome ${outcome}`) {
    throw new Error(
      `the task page shows "${shown}", expected "Outcome ${outcome}"`,
    );
  }
}

/** Follows the task's "Database tab" link, in this page or in the new tab it opens. */
async function followDatabaseTabLink(page, context, component) {
  const link = page.getByRole('link', { name: 'Database tab' });
  const href = await link.getAttribute('href');
  const expectedPath = `/catalog/default/component/${component.name}/database`;
  if (new URL(href, APP_URL).pathname !== expectedPath) {
    throw new Error(
      `the Database tab link goes to ${href}, expected ${expectedPath}`,
    );
  }
  let tab = page;
  if ((await link.getAttribute('target')) === '_blank') {
    [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  } else {
    await link.click();
  }
  await tab.waitForURL(url => url.pathname === expectedPath, {
    timeout: UI_MS,
  });
  return tab;
}

// ---- the Database tab ----

function card(page, title) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });
}

async function expectDatabaseCard(page, component) {
  const dev = card(page, `Environment: ${ENVIRONMENT.name}`);
  await dev.waitFor({ timeout: UI_MS });
  const rows = {
    Database: component.database,
    Exists: 'Yes',
    'Access level': ACCESS_LEVEL.name,
    'Secret present': 'Yes',
    Drift: 'None',
  };
  for (const [field, value] of Object.entries(rows)) {
    const row = dev
      .getByRole('row')
      .filter({ has: page.getByText(field, { exact: true }) })
      .first();
    const text = (await row.innerText({ timeout: UI_MS })).replace(/\s+/g, ' ');
    if (!text.includes(value))
      throw new Error(
        `the dev card shows "${text}" for ${field}, expected ${value}`,
      );
  }
  await dev.getByText('In sync', { exact: true }).waitFor({ timeout: UI_MS });
}

/** The audit table lists exactly these outcomes, newest first. */
async function expectAuditOutcomes(page, outcomes) {
  const history = card(page, 'Provisioning history');
  const rows = history.locator('tbody tr');
  const deadline = Date.now() + UI_MS;
  let shown = [];
  for (;;) {
    shown = [];
    for (const text of await rows.allInnerTexts()) {
      const found = [
        'Created',
        'Updated',
        'No change',
        'Blocked',
        'Failed',
        'Planned',
      ].find(o => text.includes(o));
      shown.push(found ?? text.replace(/\s+/g, ' '));
    }
    if (JSON.stringify(shown) === JSON.stringify(outcomes)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the audit shows ${JSON.stringify(shown)}, expected ${JSON.stringify(
          outcomes,
        )}`,
      );
    }
    await page.waitForTimeout(500);
  }
}

/** "Download CSV" on the history card saves one row per run. */
async function expectAuditCsv(page, outcomes) {
  const history = card(page, 'Provisioning history');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: UI_MS }),
    history.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const file = path.join(resultsDir, 'e2e-audit.csv');
  await download.saveAs(file);
  const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'));
  const column = header.indexOf('outcome');
  const found = records.map(record => record[column]);
  if (column < 0 || JSON.stringify(found) !== JSON.stringify(outcomes)) {
    throw new Error(
      `the CSV has outcomes ${JSON.stringify(
        found,
      )} (header ${header}), expected ${JSON.stringify(outcomes)}`,
    );
  }
}

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter(r => r.some(f => f !== ''));
}

// ---- the template editor ----

/**
 * Headless Chromium has no directory picker, so the page gets one that returns a
 * folder of the Origin Private File System; the test writes the template there first.
 */
function fakeDirectoryPicker() {
  window.showDirectoryPicker = async () => {
    const opfs = await navigator.storage.getDirectory();
    return opfs.getDirectoryHandle('rds-database', { create: true });
  };
}

async function dryRunInEditor(page, component) {
  await visit(page, `${APP_URL}/create/edit`);
  await page.evaluate(async content => {
    const opfs = await navigator.storage.getDirectory();
    const dir = await opfs.getDirectoryHandle('rds-database', { create: true });
    const file = await dir.getFileHandle('template.yaml', { create: true });
    const writable = await file.createWritable();
    await writable.write(content);
    await writable.close();
  }, fs.readFileSync(templateFile, 'utf8'));
  await page.getByText('Load Template Directory').click({ timeout: UI_MS });
  await page
    .getByRole('treeitem', { name: 'template.yaml' })
    .click({ timeout: UI_MS });
  await fillDatabaseForm(page, { component: component.name });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  await page.getByText('Result 1').waitFor({ timeout: TASK_MS });
  await page.getByRole('tab', { name: 'Log' }).click();
  await page
    .getByText('Provision Postgres database', { exact: true })
    .click({ timeout: UI_MS });
  await page
    .getByText('Finished step Provision Postgres database')
    .waitFor({ timeout: UI_MS });
  // The log view is virtualised and follows the end; its search scrolls to a line.
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.fill(`Plan for database ${component.database}`);
  await page
    .getByText(`Plan for database ${component.database}`)
    .first()
    .waitFor({ timeout: UI_MS });
  await page.screenshot({ path: path.join(resultsDir, 'e2e-dry-run.png') });
  await search.fill('LOGIN PASSWORD');
  const createRole = page.getByText(/CREATE ROLE .* LOGIN PASSWORD/).first();
  const sql = await createRole.innerText({ timeout: UI_MS });
  if (!sql.includes("PASSWORD '********'"))
    throw new Error(`the plan does not redact the password: ${sql}`);

  await page.getByRole('tab', { name: 'Output' }).click();
  await page.getByText('Outcome | **planned**').waitFor({ timeout: UI_MS });
}

// ---- backend REST (as the guest user) ----

/** fetch, retried while the backend does not answer (the dev backend restarts when files change). */
async function backendFetch(apiPath, init) {
  const deadline = Date.now() + UI_MS;
  for (;;) {
    try {
      return await fetch(`${BACKEND_URL}${apiPath}`, init);
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(
          `${BACKEND_URL}${apiPath} does not answer: ${e.message}`,
        );
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}

async function guestToken() {
  const res = await backendFetch('/api/auth/guest/refresh', {
    method: 'POST',
  });
  if (!res.ok)
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

async function getJson(token, apiPath) {
  const res = await backendFetch(apiPath, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok)
    throw new Error(`GET ${apiPath}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function databaseStatus(token, entityRef) {
  const { items } = await getJson(
    token,
    `/api/rds/entities/${encodeURIComponent(entityRef)}/databases`,
  );
  return items.find(item => item.environment === ENVIRONMENT.name);
}

async function waitForTask(token, taskId) {
  const deadline = Date.now() + TASK_MS;
  for (;;) {
    const task = await getJson(token, `/api/scaffolder/v2/tasks/${taskId}`);
    if (!['open', 'processing'].includes(task.status)) return task;
    if (Date.now() > deadline)
      throw new Error(
        `task ${taskId} still ${task.status} after ${TASK_MS / 1000}s`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
}

/** A fresh app ingests its catalog files a little after it starts serving. */
async function waitForCatalog(token) {
  const refs = [
    COMPONENT.ref,
    DRY_RUN_COMPONENT.ref,
    'template:default/rds-database',
  ];
  const deadline = Date.now() + FIRST_LOAD_MS;
  for (;;) {
    const res = await backendFetch('/api/catalog/entities/by-refs', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ entityRefs: refs, fields: ['metadata.name'] }),
    });
    const body = res.ok ? await res.json() : undefined;
    const missing = refs.filter((_, i) => !body?.items?.[i]);
    if (missing.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the catalog does not have ${missing.join(', ')}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** The journey asserts "created" first, which only holds on data without these databases. */
async function assertFreshData(token) {
  const { items } = await getJson(token, '/api/rds/environments');
  if (!items.some(e => e.name === ENVIRONMENT.name)) {
    throw new Error(
      `the rds backend has no '${
        ENVIRONMENT.name
      }' environment (got ${JSON.stringify(items)})`,
    );
  }
  for (const component of [COMPONENT, DRY_RUN_COMPONENT]) {
    const status = await databaseStatus(token, component.ref);
    if (status?.exists) {
      throw new Error(
        `${component.database} exists already: run the journey on empty data (yarn test:e2e)`,
      );
    }
  }
}

// ---- browser plumbing ----

/**
 * Opens a URL, entering as the guest when the sign-in page shows: on the first visit,
 * and again if the silent sign-in failed because the (watching) dev backend restarted.
 */
async function visit(page, url, timeout = UI_MS) {
  const enter = page.getByRole('button', { name: 'Enter' });
  // The sidebar's <nav> has no height of its own, so wait for one of its links.
  const signedIn = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create' });
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.goto(url);
    await enter
      .or(signedIn)
      .first()
      .waitFor({ timeout: Math.max(deadline - Date.now(), 1000) });
    if (!(await enter.isVisible())) return;
    await enter.click();
    try {
      await signedIn.waitFor({ timeout: 15_000 });
      return;
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(`could not sign in as the guest: ${e.message}`);
      await page.waitForTimeout(2000);
    }
  }
}

/** Runs a step; a failure names the step, keeps a screenshot and any dev-server error overlay text. */
function stepRunner(page) {
  return async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
    } catch (e) {
      const shot = path.join(
        resultsDir,
        `e2e-rds-failure-step-${name.split('.')[0]}.png`,
      );
      await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      const overlay = await page
        .frameLocator('#webpack-dev-server-client-overlay')
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      throw new Error(
        `step ${name}: ${e.message}${
          overlay
            ? `\nthe page shows a runtime error: ${overlay.slice(0, 500)}`
            : ''
        }\nscreenshot: ${shot}`,
        { cause: e },
      );
    }
    console.log(
      `  ok ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
    );
  };
}
