// "Re-run template" keeps the access level, and the plan page calls out a change of it
// (issue 10, item 1), in a real browser against the app on empty data, for inventory-service
// (a Component no other journey uses):
//  1. create its dev database at Owner from the template;
//  2. the Database tab's "Re-run template for dev" opens the form at Owner; its plan page
//     says the level stays and nothing changes; the run ends in No change;
//  3. re-run at Editor: the plan page calls out owner → editor and asks for the confirmation;
//     Review is refused until it is ticked; then the run lowers the level (Updated).
// Screenshots in test-results/: e2e-rerun-plan.png (2), e2e-rerun-downgrade.png (3).
import { openFromDatabaseTab } from './lib/databaseTab';
import { exampleComponent } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import {
  ACCESS_LEVELS,
  ENVIRONMENT,
  chooseAccessLevel,
  expectTaskSucceeded,
  fillDatabaseForm,
  openPlanPage,
  openTemplateForm,
  planRow,
  reviewAndCreate,
} from './lib/scaffolder';

const INVENTORY = exampleComponent(
  'inventory-service',
  'inventory_service_dev_db',
);
const CONFIRMATION = 'I confirm lowering the access level from owner to editor';

test('re-run keeps the access level, and lowering it needs a confirmation', async ({
  page,
  backend,
}) => {
  const createAndWait = async (outcome: string) =>
    expectTaskSucceeded(page, backend, await reviewAndCreate(page), outcome);
  const rerunFromTab = () =>
    openFromDatabaseTab(
      page,
      INVENTORY,
      `Re-run template for ${ENVIRONMENT.name}`,
    );
  const expectAccessLevel = async (level: string, after: string) =>
    expect(
      (await backend.databaseStatus(INVENTORY.ref, ENVIRONMENT.name))
        ?.accessLevel,
      `the access level after ${after}`,
    ).toBe(level);

  await test.step('1. create the dev database at Owner', async () => {
    await openTemplateForm(page);
    await fillDatabaseForm(page, {
      component: INVENTORY.name,
      accessLevel: ACCESS_LEVELS.owner,
    });
    await openPlanPage(page);
    await expect(planRow(page, 'Database')).toContainText(
      'new, created by this run',
    );
    await createAndWait('Created');
  });

  await test.step('2. "Re-run template" opens the form at Owner; the plan changes nothing', async () => {
    await rerunFromTab();
    await expect(
      page.getByRole('button', { name: /^Access level/ }),
      'the prefilled access level',
    ).toHaveText(/^Owner/);
    await openPlanPage(page);
    await expect(planRow(page, 'Database')).toContainText('exists, kept');
    await expect(planRow(page, 'Access level')).toContainText(
      'owner (unchanged)',
    );
    await expect(
      page.getByText('Nothing to change: the run will report No change'),
    ).toBeVisible();
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await screenshot(page, 'e2e-rerun-plan.png', { fullPage: true });
    await createAndWait('No change');
    await expectAccessLevel('owner', 'the re-run');
  });

  await test.step('3. lowering to Editor is called out and needs the confirmation', async () => {
    await rerunFromTab();
    await chooseAccessLevel(page, ACCESS_LEVELS.editor);
    await openPlanPage(page);
    await expect(
      page.getByText('The access level goes down from owner to editor'),
    ).toBeVisible();
    await expect(planRow(page, 'Access level')).toContainText(
      'owner → editor: lower, takes privileges away',
    );
    // Not ticked: the form stays on the plan page and says what to do.
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(
      page.getByText(`Tick "${CONFIRMATION}"`).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Create', exact: true }),
    ).toBeHidden();
    await screenshot(page, 'e2e-rerun-downgrade.png', { fullPage: true });

    await page.getByRole('checkbox', { name: CONFIRMATION }).check();
    await createAndWait('Updated');
    await expectAccessLevel('editor', 'the confirmed run');
  });
});
