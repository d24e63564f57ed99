// The prod-like environment that `./yarnw start` ships (issue 10, item 8): it requires
// approval, which only group:default/platform-team gives (rds.environments.prod.approval), so
// the guest's run becomes a pending request (issue 12; approval.test.ts approves one), kept in
// the history with its justification.
//  1. the form marks prod "approval required" and asks for a justification;
//  2. the plan page says the run will wait for approval;
//  3. Create: the task ends pending approval; nothing exists in prod;
//  4. the Database tab's history has the request, Pending approval, with its justification.
// Screenshots in test-results/: e2e-prod-plan.png (2), e2e-prod-pending.png (3).
import { visit } from './lib/app';
import { exampleComponent } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import {
  PROD,
  expectTaskPendingApproval,
  fillDatabaseForm,
  openPlanPage,
  openTemplateForm,
  reviewAndCreate,
} from './lib/scaffolder';

const REPORTING = exampleComponent('reporting-api', 'reporting_api_prod_db');
const JUSTIFICATION =
  'Monthly statements move off the shared cluster (CHG-3107)';

test('the prod-like environment keeps the guest’s run as a pending request', async ({
  page,
  backend,
}) => {
  await test.step('1. prod is marked "approval required" and asks why', async () => {
    await openTemplateForm(page);
    await page.getByRole('button', { name: /^Environment/ }).click();
    await expect(
      page.getByRole('option', { name: 'prod approval required' }),
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await fillDatabaseForm(page, {
      component: REPORTING.name,
      environment: PROD,
      justification: JUSTIFICATION,
    });
    await expect(
      page.getByText(
        'prod requires approval: the approvers and the audit trail read this.',
      ),
    ).toBeVisible();
  });

  await test.step('2. the plan page says the run will wait for approval', async () => {
    await openPlanPage(page);
    await expect(
      page.getByText('The run will wait for approval', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByText(
        /Environment "prod" requires explicit approval before the platform changes anything .* The run becomes an approval request: nothing changes until/,
      ),
    ).toBeVisible();
    await expect(page.getByText(/would be blocked/)).toHaveCount(0);
    await screenshot(page, 'e2e-prod-plan.png', { fullPage: true });
  });

  const taskId =
    await test.step('3. Create: the task ends pending approval', async () => {
      const id = await reviewAndCreate(page);
      await expectTaskPendingApproval(page, backend, id);
      await screenshot(page, 'e2e-prod-pending.png', { fullPage: true });
      expect(
        await backend.databaseStatus(REPORTING.ref, PROD.name),
        `${REPORTING.database} after the pending run`,
      ).toMatchObject({ exists: false, secretPresent: false });
      return id;
    });

  await test.step('4. the history keeps the request with its justification', async () => {
    // The decommission journey uses this component's dev database: only prod counts here.
    const audit = await backend.audit(REPORTING.ref);
    expect(
      audit.items
        .filter(r => r.environment === PROD.name)
        .map(r => [r.runId, r.environment, r.outcome, r.justification]),
      `the audit history of ${REPORTING.ref}`,
    ).toEqual([[taskId, PROD.name, 'pending_approval', JUSTIFICATION]]);
    await visit(page, `/catalog/default/component/${REPORTING.name}/database`);
    await expect(
      page
        .locator('.MuiCard-root')
        .filter({
          has: page.getByText('Provisioning history', { exact: true }),
        })
        .getByText('Pending approval', { exact: true }),
    ).toBeVisible();
  });
});
