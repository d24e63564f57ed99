// A blocked run in a real browser (issue 10, item 2, the task page): orders-service's
// database `orders_dev_db` exists, created and owned by a role outside the platform (as the
// old runbook left them), before the template runs for it.
//  1. Create → "Postgres database" → orders-service, dev, editor → Next (the plan) → Review → Create;
//  2. the task fails, and its page says in one sentence what is in the way and what to do:
//     no stack trace and no "not run: the run is blocked (...)" repeats, on the page or in the log;
//  3. the database is untouched and the block is in orders-service's audit history.
// Screenshot: test-results/e2e-blocked-task.png (the task page with its log).
import { visit } from './lib/app';
import { exampleComponent } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import { createForeignDatabase, databaseOwner } from './lib/postgres';
import { ENVIRONMENT, runTemplate } from './lib/scaffolder';

/** Not used by the other journeys: its app name is `orders` (annotation rds.platform/app-name). */
const ORDERS = exampleComponent('orders-service', 'orders_dev_db');
const FOREIGN_OWNER = 'orders_legacy';

/** The cause, one sentence, as the task page's headline says it. */
const CAUSE =
  `Database "${ORDERS.database}" exists and is owned by "${FOREIGN_OWNER}", ` +
  `not by the platform's owner role "orders_dev_owner".`;

/** A line of a JavaScript stack trace. */
const STACK_FRAME = /^\s*at .+[.:(]/m;

test('a blocked run says why in one sentence and what to do, without a stack trace', async ({
  page,
  backend,
}) => {
  await test.step(`0. ${ORDERS.database} exists, owned by ${FOREIGN_OWNER}; sign in as the guest`, async () => {
    await createForeignDatabase(ORDERS.database, FOREIGN_OWNER);
    await visit(page, '/');
  });

  const taskId =
    await test.step('1. run the template for orders-service', async () => {
      // The dev backend restarts when a source file changes; a form that could not load
      // its template list is opened again (a task, once created, is not created twice).
      let created: string | undefined;
      await expect(async () => {
        created ??= await runTemplate(page, ORDERS);
      }, 'create a task from the Create page').toPass({ timeout: 5 * 60_000 });
      return created!;
    });

  await test.step('2. the task page shows the cause in one sentence and the fix', async () => {
    const task = await backend.finishedTask(taskId);
    expect(task.status, `task ${taskId}`).toBe('failed');

    // The error panel's title (its details repeat the message below it).
    const headline = page.getByRole('button', {
      name: `Error: Blocked, nothing was changed: ${CAUSE}`,
    });
    await expect(headline).toBeVisible();
    await expect(headline).toContainText('Fix: Choose another app name');
    // One sentence of cause: the engine's explanation and the steps it kept from running
    // are not in the headline.
    await expect(headline).not.toContainText('does not take over');
    await expect(headline).not.toContainText('not run');

    // The log opens on an error: its last line is the same headline, and no line is a
    // stack frame.
    const log = await backend.taskLogTail(taskId, 100);
    expect(log, 'the task log').toContain(
      `Blocked, nothing was changed: ${CAUSE}`,
    );
    expect(log, 'the task log').not.toMatch(STACK_FRAME);
    expect(log, 'the task log').not.toContain('not run: the run is blocked');
    await expect(
      page.getByText(STACK_FRAME),
      'stack frames on the task page',
    ).toHaveCount(0);
    await screenshot(page, 'e2e-blocked-task.png', { fullPage: true });
  });

  await test.step('3. nothing changed, and the block is in the audit history', async () => {
    expect(
      await databaseOwner(ORDERS.database),
      `the owner of ${ORDERS.database}`,
    ).toBe(FOREIGN_OWNER);
    const audit = await backend.audit(ORDERS.ref);
    expect(
      audit.items.map(record => [
        record.runId,
        record.environment,
        record.outcome,
      ]),
      `the audit history of ${ORDERS.ref}`,
    ).toContainEqual([taskId, ENVIRONMENT.name, 'blocked']);
    expect(
      audit.items.filter(record => record.outcome !== 'blocked'),
      `runs of ${ORDERS.ref} that were not blocked`,
    ).toEqual([]);
  });
});
