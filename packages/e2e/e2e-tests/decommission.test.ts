// Decommission from the Database tab (issue 14), in a real browser against the app on empty
// data, for reporting-api in dev (the prod journey uses its prod database only):
//  1. create its dev database from the "Postgres database" template;
//  2. the Database tab's "Decommission in dev" opens the "Decommission Postgres database"
//     template prefilled; policy Delete needs the confirmation box; the run ends in Deleted;
//  3. the Database tab shows the database as decommissioned: when, by whom, the policy and
//     until when the secret can be restored; the database and its roles are gone, the
//     secret is scheduled for deletion, the audit history has the decommission's steps.
// Screenshots in test-results/: e2e-decommission-form.png (2), e2e-decommission.png (3).
import { openFromDatabaseTab } from './lib/databaseTab';
import { exampleComponent } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import { databaseOwner } from './lib/postgres';
import {
  ENVIRONMENT,
  expectTaskSucceeded,
  reviewAndCreate,
  runTemplate,
} from './lib/scaffolder';

const REPORTING = exampleComponent('reporting-api', 'reporting_api_dev_db');

test('decommission: a database deleted from the Database tab, with the facts to restore it', async ({
  page,
  backend,
}) => {
  await test.step('1. create the dev database from the template', async () => {
    const taskId = await runTemplate(page, REPORTING);
    await expectTaskSucceeded(page, backend, taskId, 'Created');
  });

  await test.step('2. "Decommission in dev" opens the decommission template; Delete needs the confirmation', async () => {
    await openFromDatabaseTab(
      page,
      REPORTING,
      `Decommission in ${ENVIRONMENT.name}`,
    );
    await page.getByRole('button', { name: /^Policy/ }).click();
    await page.getByRole('option', { name: /^Delete \(drop/ }).click();
    await page
      .getByRole('checkbox', { name: /I understand that a delete drops/ })
      .check();
    await screenshot(page, 'e2e-decommission-form.png', { fullPage: true });
    const taskId = await reviewAndCreate(page);
    await expectTaskSucceeded(page, backend, taskId, 'Deleted');
    await expect(page.getByText('Secret restorable until')).toBeVisible();
  });

  await test.step('3. the Database tab shows it decommissioned; the database is gone', async () => {
    await page.getByRole('link', { name: 'Database tab' }).click();
    const notice = page.getByRole('alert', { name: 'Decommission' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Decommissioned');
    await expect(notice).toContainText('by user:default/guest');
    await expect(notice).toContainText('Policy');
    await expect(notice).toContainText('delete');
    await expect(notice).toContainText('Secret restorable until');
    await expect(
      page.getByText('Decommissioned', { exact: true }).first(),
    ).toBeVisible();
    await screenshot(page, 'e2e-decommission.png', { fullPage: true });

    const status = await backend.databaseStatus(
      REPORTING.ref,
      ENVIRONMENT.name,
    );
    expect(status, 'the status after the decommission').toMatchObject({
      exists: false,
      decommissioned: { policy: 'delete', by: 'user:default/guest' },
    });
    expect(
      await databaseOwner(REPORTING.database),
      `${REPORTING.database} on the embedded Postgres`,
    ).toBeUndefined();
    const { items } = await backend.audit(REPORTING.ref);
    expect(items[0]).toMatchObject({
      outcome: 'deleted',
      decommission: { policy: 'delete' },
    });
    expect(items[0].steps.map(s => `${s.id}=${s.outcome}`)).toEqual(
      expect.arrayContaining([
        'database.drop=deleted',
        'roles.drop=deleted',
        'secret.delete=deleted',
      ]),
    );
  });
});
