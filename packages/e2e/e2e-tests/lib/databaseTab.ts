import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { visit } from './app';
import { parseCsv } from './csv';
import { RESULTS_DIR } from './paths';
import { ACCESS_LEVEL, ENVIRONMENT, type Component } from './scaffolder';

function card(page: Page, title: string) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) });
}

/** The environment's card shows the database, in sync, with its secret and no drift. */
export async function expectDatabaseCard(
  page: Page,
  component: Component,
): Promise<void> {
  const dev = card(page, `Environment: ${ENVIRONMENT.name}`);
  await expect(dev).toBeVisible();
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
    await expect(row, `the ${ENVIRONMENT.name} card's ${field}`).toContainText(
      value,
      { useInnerText: true },
    );
  }
  await expect(dev.getByText('In sync', { exact: true })).toBeVisible();
}

/** The history card lists exactly these outcomes (as the UI labels them), newest first. */
export async function expectAuditOutcomes(
  page: Page,
  outcomes: string[],
): Promise<void> {
  await expect(
    card(page, 'Provisioning history').locator('tbody tr'),
    'the outcomes in the provisioning history, newest first',
  ).toHaveText(
    outcomes.map(o => new RegExp(`(^|\\s)${o}(\\s|$)`)),
    { useInnerText: true },
  );
}

/**
 * "Download CSV" on the history card saves one row per run with these outcomes (the API's
 * values), newest first; the file is kept as test-results/e2e-audit.csv.
 */
export async function expectAuditCsv(
  page: Page,
  outcomes: string[],
): Promise<void> {
  const history = card(page, 'Provisioning history');
  const download = page.waitForEvent('download');
  await history.getByRole('link', { name: 'Download CSV' }).click();
  const file = path.join(RESULTS_DIR, 'e2e-audit.csv');
  await (await download).saveAs(file);
  const [header, ...records] = parseCsv(fs.readFileSync(file, 'utf8'));
  expect(header, 'the CSV header').toContain('outcome');
  const column = header.indexOf('outcome');
  expect(
    records.map(record => record[column]),
    'the outcome column of the CSV',
  ).toEqual(outcomes);
}

/**
 * Opens the Component's Database tab and follows one of its template buttons (e.g.
 * "Re-run template for dev", "Decommission in dev"): the form opens with the Component.
 */
export async function openFromDatabaseTab(
  page: Page,
  component: Component,
  button: string,
): Promise<void> {
  await visit(page, `/catalog/default/component/${component.name}/database`);
  // A LinkButton: a link that MUI gives the button role.
  await page
    .getByRole('button', { name: button })
    .or(page.getByRole('link', { name: button }))
    .click();
  await expect(page.getByRole('textbox', { name: 'Component' })).toHaveValue(
    new RegExp(component.name),
  );
}
