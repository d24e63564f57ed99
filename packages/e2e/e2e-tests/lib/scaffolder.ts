import fs from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { visit } from './app';
import { Backend, TASK_MS } from './fixtures';
import { REPO_ROOT } from './paths';

export const TEMPLATE_TITLE = 'Postgres database';
const TEMPLATE_FILE = path.join(
  REPO_ROOT,
  'templates/rds-database/template.yaml',
);

// The environment picker lists the backend's environments by name ("dev"); older
// versions of the template had an enum labelled "Development (dev)".
export const ENVIRONMENT = {
  name: 'dev',
  option: /^(dev\b|Development \(dev\))/,
};
export const ACCESS_LEVEL = { name: 'editor', option: /^Editor/ };
/** The prod-like environment `./yarnw start` ships: it requires approval (rds.environments.prod). */
export const PROD = { name: 'prod', option: /^prod\b/ };

export interface Component {
  name: string;
  ref: string;
  /** The database the template creates for it in ENVIRONMENT. */
  database: string;
}

/** Opens the template's form from the Create page. */
export async function openTemplateForm(page: Page): Promise<void> {
  await visit(page, '/create');
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: TEMPLATE_TITLE, exact: true }),
  });
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page.getByRole('textbox', { name: 'Component' })).toBeVisible();
}

/** An access level as the form's select labels it. */
export interface AccessLevelChoice {
  name: string;
  option: RegExp;
}

export const ACCESS_LEVELS: Record<
  'owner' | 'editor' | 'reader',
  AccessLevelChoice
> = {
  owner: { name: 'owner', option: /^Owner/ },
  editor: ACCESS_LEVEL,
  reader: { name: 'reader', option: /^Reader/ },
};

/**
 * Fills the template's form (on /create or in the template editor's preview); the
 * justification, when given, last (the field shows for an environment that requires approval).
 */
export async function fillDatabaseForm(
  page: Page,
  {
    component,
    appName,
    environment = ENVIRONMENT,
    accessLevel = ACCESS_LEVEL,
    justification,
  }: {
    component: string;
    appName?: string;
    environment?: { name: string; option: RegExp };
    accessLevel?: AccessLevelChoice;
    justification?: string;
  },
): Promise<void> {
  const picker = page.getByRole('textbox', { name: 'Component' });
  await picker.click();
  await picker.fill(component);
  await page.getByRole('option', { name: component, exact: true }).click();
  if (appName !== undefined) {
    await page.getByRole('textbox', { name: 'App name' }).fill(appName);
  }
  await page.getByRole('button', { name: /^Environment/ }).click();
  await page.getByRole('option', { name: environment.option }).first().click();
  await chooseAccessLevel(page, accessLevel);
  if (justification !== undefined) {
    await page
      .getByRole('textbox', { name: /^Justification/ })
      .fill(justification);
  }
}

/** Picks an access level in the form's select. */
export async function chooseAccessLevel(
  page: Page,
  accessLevel: AccessLevelChoice,
): Promise<void> {
  await page.getByRole('button', { name: /^Access level/ }).click();
  await page.getByRole('option', { name: accessLevel.option }).click();
}

/** The plan page's table of names (RdsPlanReview), once the plan has loaded. */
export function planFacts(page: Page) {
  return page.getByRole('table', { name: 'What the run is for' });
}

/** A row of the plan's table by its label, e.g. `Access level`. */
export function planRow(page: Page, label: string) {
  return planFacts(page).getByRole('row', { name: new RegExp(`^${label}`) });
}

/**
 * From the form's first page to its last, the plan (RdsPlanReview): waits until the plan
 * has loaded or says why it could not be made.
 */
export async function openPlanPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    planFacts(page).or(page.getByText(/^Could not make the plan/)),
    'the plan of the run',
  ).toBeVisible();
}

/** A row of a two-column table (the review step, the task's output) by its label cell. */
function rowByLabel(page: Page, label: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) });
}

/**
 * Runs the template for a Component from the Create page (in dev unless `environment`
 * says otherwise, with the justification where it requires approval), checking the plan
 * and the review step; returns the task id.
 */
export async function runTemplate(
  page: Page,
  component: Component,
  {
    environment = ENVIRONMENT,
    justification,
  }: {
    environment?: { name: string; option: RegExp };
    justification?: string;
  } = {},
): Promise<string> {
  await openTemplateForm(page);
  await fillDatabaseForm(page, {
    component: component.name,
    environment,
    justification,
  });
  await openPlanPage(page);
  await expect(
    planRow(page, 'Database'),
    'the plan names the database',
  ).toContainText(component.database);
  await page.getByRole('button', { name: 'Review' }).click();
  for (const [label, value] of [
    ['Component', component.ref],
    ['Environment', environment.name],
    ['Access level', 'Editor'],
  ]) {
    await expect(
      rowByLabel(page, label),
      `the review's ${label}`,
    ).toContainText(value, { useInnerText: true });
  }
  return createTask(page);
}

/** On the review step: Create; returns the id of the task whose page it opens. */
async function createTask(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create\/tasks\/[^/?#]+$/);
  return decodeURIComponent(
    new URL(page.url()).pathname.split('/').pop() ?? '',
  );
}

/** From the form's last page: Review, then Create; returns the task id. */
export async function reviewAndCreate(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Review' }).click();
  return createTask(page);
}

/** The task ended completed (backend); if not, the message has its last log lines. */
export async function expectTaskCompleted(
  backend: Backend,
  taskId: string,
): Promise<void> {
  const task = await backend.finishedTask(taskId);
  expect(
    task.status,
    task.status === 'completed'
      ? `task ${taskId}`
      : `task ${taskId} ended ${
          task.status
        }; last log lines:\n  ${await backend.taskLogTail(taskId)}`,
  ).toBe('completed');
}

/** The task ended well (backend), and its page shows the outcome and the output links. */
export async function expectTaskSucceeded(
  page: Page,
  backend: Backend,
  taskId: string,
  outcome: string,
): Promise<void> {
  await expectTaskCompleted(backend, taskId);
  await expect(page.getByRole('link', { name: 'Database tab' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Open the component' }),
  ).toBeVisible();
  await expect(rowByLabel(page, 'Outcome')).toHaveText(`Outcome ${outcome}`, {
    useInnerText: true,
  });
}

/**
 * The run became an approval request: the task completed (not a failure) and its page
 * says it waits for approval, with the link to the request.
 */
export async function expectTaskPendingApproval(
  page: Page,
  backend: Backend,
  taskId: string,
): Promise<void> {
  await expectTaskCompleted(backend, taskId);
  await expect(
    page.getByText('Waiting for approval.'),
    'the pending request on the task page',
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Open the request' }),
  ).toBeVisible();
}

/**
 * Follows the task's "Database tab" link, in this page or in the new tab it opens;
 * returns the page that shows the tab.
 */
export async function followDatabaseTabLink(
  page: Page,
  context: BrowserContext,
  component: Component,
): Promise<Page> {
  const link = page.getByRole('link', { name: 'Database tab' });
  const expectedPath = `/catalog/default/component/${component.name}/database`;
  const href = await link.getAttribute('href');
  expect(
    new URL(href ?? '', page.url()).pathname,
    'where the Database tab link goes',
  ).toBe(expectedPath);
  let tab = page;
  if ((await link.getAttribute('target')) === '_blank') {
    const opened = context.waitForEvent('page');
    await link.click();
    tab = await opened;
  } else {
    await link.click();
  }
  await expect(tab).toHaveURL(url => url.pathname === expectedPath);
  return tab;
}

/**
 * Headless Chromium has no directory picker, so the page gets one that returns a folder of
 * the Origin Private File System; the test writes the template there first. Runs in the page.
 */
export function fakeDirectoryPicker(): void {
  Object.assign(window, {
    showDirectoryPicker: async () => {
      const opfs = await navigator.storage.getDirectory();
      return opfs.getDirectoryHandle('rds-database', { create: true });
    },
  });
}

/**
 * Dry-runs the template in the template editor for a Component and checks the log shows
 * the plan, with the password redacted, and the output the planned outcome.
 * Takes test-results/e2e-dry-run.png through `shoot`.
 */
export async function dryRunInEditor(
  page: Page,
  component: Component,
  shoot: (page: Page) => Promise<void>,
): Promise<void> {
  await visit(page, '/create/edit');
  await page.evaluate(async content => {
    const opfs = await navigator.storage.getDirectory();
    const dir = await opfs.getDirectoryHandle('rds-database', { create: true });
    const file = await dir.getFileHandle('template.yaml', { create: true });
    const writable = await file.createWritable();
    await writable.write(content);
    await writable.close();
  }, fs.readFileSync(TEMPLATE_FILE, 'utf8'));
  await page.getByText('Load Template Directory').click();
  await page.getByRole('treeitem', { name: 'template.yaml' }).click();
  await fillDatabaseForm(page, { component: component.name });
  await openPlanPage(page);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(page.getByText('Result 1')).toBeVisible({ timeout: TASK_MS });
  await page.getByRole('tab', { name: 'Log' }).click();
  await page.getByText('Provision Postgres database', { exact: true }).click();
  await expect(
    page.getByText('Finished step Provision Postgres database'),
  ).toBeVisible();
  // The log view is virtualised and follows the end; its search scrolls to a line.
  const search = page.getByRole('textbox', { name: 'Search' });
  const planLine = `Plan for database ${component.database}`;
  await search.fill(planLine);
  await expect(page.getByText(planLine).first()).toBeVisible();
  await shoot(page);
  await search.fill('LOGIN PASSWORD');
  await expect(
    page.getByText(/CREATE ROLE .* LOGIN PASSWORD/).first(),
    'the plan redacts the password',
  ).toContainText("PASSWORD '********'", { useInnerText: true });

  await page.getByRole('tab', { name: 'Output' }).click();
  await expect(page.getByText('Outcome | **planned**')).toBeVisible();
}
