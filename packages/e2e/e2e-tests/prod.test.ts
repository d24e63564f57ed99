// The prod-like environment that `./yarnw start` ships (issue 10, item 8): it requires
// approval, which the dev permission policy gives only to group:default/platform-team, so the
// guest is refused with the approval message, and the request is kept in the history.
// Asserts what the UI shows today (a refused run); when approval becomes a workflow
// (issue 12), this journey is where a pending request shows instead.
//  1. the form marks prod "approval required" and asks for a justification;
//  2. the plan page says the run would be blocked for approval;
//  3. Create: the task fails with the approval message; nothing exists in prod;
//  4. the Database tab's history has the request, Not approved, with its justification.
// Screenshots in test-results/: e2e-prod-plan.png (2), e2e-prod-refused.png (3).
import { visit } from './lib/app';
import { attachErrorOverlay, expect, screenshot, test } from './lib/fixtures';
import {
  fillDatabaseForm,
  openPlanPage,
  openTemplateForm,
  type Component,
} from './lib/scaffolder';

const REPORTING: Component = {
  name: 'reporting-api',
  ref: 'component:default/reporting-api',
  database: 'reporting_api_prod_db',
};
const PROD = { name: 'prod', option: /^prod\b/ };
const JUSTIFICATION =
  'Monthly statements move off the shared cluster (CHG-3107)';

test.afterEach(async ({ page }) => attachErrorOverlay(page));

test('the prod-like environment refuses the guest with its approval message', async ({
  page,
  backend,
}) => {
  await test.step('1. prod is marked "approval required" and asks why', async () => {
    await visit(page, '/');
    await openTemplateForm(page);
    await page.getByRole('button', { name: /^Environment/ }).click();
    await expect(
      page.getByRole('option', { name: 'prod approval required' }),
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await fillDatabaseForm(page, {
      component: REPORTING.name,
      environment: PROD,
    });
    await expect(
      page.getByText(
        'prod requires approval: the approvers and the audit trail read this.',
      ),
    ).toBeVisible();
    await page
      .getByRole('textbox', { name: /^Justification/ })
      .fill(JUSTIFICATION);
  });

  await test.step('2. the plan page says the run would be blocked for approval', async () => {
    await openPlanPage(page);
    await expect(
      page.getByText(
        /^The run would be blocked: Environment "prod" requires explicit approval/,
      ),
    ).toBeVisible();
    await screenshot(page, 'e2e-prod-plan.png', { fullPage: true });
  });

  const taskId =
    await test.step('3. Create: the task fails with the approval message', async () => {
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(page).toHaveURL(/\/create\/tasks\/[^/?#]+$/);
      const id = decodeURIComponent(page.url().split('/').pop() ?? '');
      const task = await backend.finishedTask(id);
      expect(task.status, `task ${id}`).toBe('failed');
      await expect(
        page.getByText(/requires approval/).first(),
        'the approval message on the task page',
      ).toBeVisible();
      await screenshot(page, 'e2e-prod-refused.png', { fullPage: true });
      expect(
        await backend.databaseStatus(REPORTING.ref, PROD.name),
        `${REPORTING.database} after the refused run`,
      ).toMatchObject({ exists: false, secretPresent: false });
      return id;
    });

  await test.step('4. the history keeps the request with its justification', async () => {
    const audit = await backend.audit(REPORTING.ref);
    expect(
      audit.items.map(r => [
        r.runId,
        r.environment,
        r.outcome,
        r.justification,
      ]),
      `the audit history of ${REPORTING.ref}`,
    ).toEqual([[taskId, PROD.name, 'denied', JUSTIFICATION]]);
    await visit(page, `/catalog/default/component/${REPORTING.name}/database`);
    await expect(
      page
        .locator('.MuiCard-root')
        .filter({
          has: page.getByText('Provisioning history', { exact: true }),
        })
        .getByText('Not approved'),
    ).toBeVisible();
  });
});
