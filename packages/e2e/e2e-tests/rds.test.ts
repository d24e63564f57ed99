// The self-service journey (issue #5) in a real browser against the app on empty data:
//  1. Create → "Postgres database" → payments-api, dev, editor → Next (the plan) → Review → Create;
//  2. the task page shows success and the link to the Database tab;
//  3. the link opens the Component's Database tab with the new database and its audit row;
//  4. a second run for the same Component ends in no_change and the audit shows both runs;
//  5. the template editor's dry run (for ledger-worker) shows the plan and creates nothing;
//  6. an invalid app name is refused in the form, before anything runs.
// Screenshots in test-results/: e2e-database-tab.png (step 3), e2e-database-tab-rerun.png (4),
// e2e-dry-run.png (5), e2e-invalid-app-name.png (6); a failed step's page is in
// test-results/playwright/.
import { visit } from './lib/app';
import {
  expectAuditCsv,
  expectAuditOutcomes,
  expectDatabaseCard,
} from './lib/databaseTab';
import { COMPONENT, DRY_RUN_COMPONENT } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import {
  ENVIRONMENT,
  dryRunInEditor,
  expectTaskSucceeded,
  fakeDirectoryPicker,
  fillDatabaseForm,
  followDatabaseTabLink,
  openTemplateForm,
  runTemplate,
} from './lib/scaffolder';

const APP_NAME_ERROR =
  'Use a lowercase letter first, then only lowercase letters, digits and underscores';

test('self-service: create, run again, dry run, invalid app name', async ({
  page,
  context,
  backend,
}) => {
  await context.addInitScript(fakeDirectoryPicker);

  await test.step('0. sign in as the guest', async () => {
    await visit(page, '/');
  });

  const firstTask =
    await test.step('1. create a database from the template', async () =>
      runTemplate(page, COMPONENT));

  await test.step('2. the task page shows success and the output link', async () => {
    await expectTaskSucceeded(page, backend, firstTask, 'Created');
  });

  await test.step('3. the link opens the Database tab with the database and its audit row', async () => {
    const tab = await followDatabaseTabLink(page, context, COMPONENT);
    await expectDatabaseCard(tab, COMPONENT);
    await expectAuditOutcomes(tab, ['Created']);
    await screenshot(tab, 'e2e-database-tab.png', { fullPage: true });
    if (tab !== page) await tab.close();
  });

  await test.step('4. running it again ends in no_change and the audit shows both runs', async () => {
    const secondTask = await runTemplate(page, COMPONENT);
    await expectTaskSucceeded(page, backend, secondTask, 'No change');
    const tab = await followDatabaseTabLink(page, context, COMPONENT);
    await expectDatabaseCard(tab, COMPONENT);
    await expectAuditOutcomes(tab, ['No change', 'Created']);
    await expectAuditCsv(tab, ['no_change', 'created']);
    const audit = await backend.audit(COMPONENT.ref);
    expect(audit.totalCount, 'runs in the audit').toBe(2);
    expect(
      audit.items.map(record => record.runId),
      'the audit runs, newest first',
    ).toEqual([secondTask, firstTask]);
    await screenshot(tab, 'e2e-database-tab-rerun.png', { fullPage: true });
    if (tab !== page) await tab.close();
  });

  await test.step('5. the template editor dry run shows the plan and creates nothing', async () => {
    await dryRunInEditor(page, DRY_RUN_COMPONENT, shown =>
      screenshot(shown, 'e2e-dry-run.png'),
    );
    // Neither the database nor its secret: a dry run only plans.
    expect(
      await backend.databaseStatus(DRY_RUN_COMPONENT.ref, ENVIRONMENT.name),
      `${DRY_RUN_COMPONENT.database} and its secret after the dry run`,
    ).toMatchObject({ exists: false, secretPresent: false });
    // If the backend keeps a record of the dry run, it must say so. (The approval journey
    // runs this component in prod; only its runs in this environment count here.)
    const audit = await backend.audit(DRY_RUN_COMPONENT.ref);
    expect(
      audit.items.filter(
        record => record.environment === ENVIRONMENT.name && !record.dryRun,
      ),
      'audit records of real runs left by the dry run',
    ).toEqual([]);
  });

  await test.step('6. an invalid app name shows the validation message in the form', async () => {
    await openTemplateForm(page);
    await fillDatabaseForm(page, {
      component: COMPONENT.name,
      appName: 'Bad-Name',
    });
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(APP_NAME_ERROR).first()).toBeVisible();
    await expect(
      page.getByRole('textbox', { name: 'App name' }),
    ).toHaveAttribute('aria-invalid', 'true');
    // Still on the form: no review, so no Create button and no task.
    await expect(
      page.getByRole('button', { name: 'Create', exact: true }),
      'the review step (an invalid app name must keep the form open)',
    ).toBeHidden();
    await screenshot(page, 'e2e-invalid-app-name.png');
    expect(
      (await backend.audit(COMPONENT.ref)).totalCount,
      'runs in the audit (unchanged)',
    ).toBe(2);
  });
});
