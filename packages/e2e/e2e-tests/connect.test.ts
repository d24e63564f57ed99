// The Database tab's Connect section (issue 10, item 4) in a real browser against the app on
// empty data, for a Component the rds journey does not use:
//  1. create a database for storefront-web from the template (dev, editor);
//  2. its Database tab shows the Connect section with the facts and copy buttons;
//  3. the copied `aws secretsmanager get-secret-value` command works against the local
//     endpoint: it prints the secret's JSON for the login role (with the AWS CLI when the
//     machine has it, else the same request from node);
//  4. the copied psql command logs in as that role (when psql, jq and the AWS CLI are there).
// Screenshot in test-results/: e2e-connect.png (step 2).
import { visit } from './lib/app';
import {
  connectSection,
  copiedBy,
  getSecretValueLikeTheCli,
  haveCommands,
  runInShell,
} from './lib/connect';
import { exampleComponent } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';
import {
  ENVIRONMENT,
  expectTaskCompleted,
  runTemplate,
} from './lib/scaffolder';

/** Not used by the rds journey, so this one's database is its own. */
const STOREFRONT = exampleComponent('storefront-web', 'storefront_web_dev_db');
const LOGIN_ROLE = 'storefront_web_dev_user';
const SECRET_NAME = 'rds/dev/storefront_web';

test('connect: the Connect section’s copied commands work against the local endpoint', async ({
  page,
  context,
  backend,
  baseURL,
}) => {
  // The copy buttons are checked by what they put on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL ?? 'http://localhost:3000').origin,
  });

  await test.step('1. create a database for storefront-web from the template', async () => {
    const taskId = await runTemplate(page, STOREFRONT);
    await expectTaskCompleted(backend, taskId);
    expect(
      await backend.databaseStatus(STOREFRONT.ref, ENVIRONMENT.name),
      `${STOREFRONT.database} after the run`,
    ).toMatchObject({ exists: true, secretPresent: true });
  });

  const connect = connectSection(page, ENVIRONMENT.name);

  await test.step('2. the Database tab shows the Connect section', async () => {
    await visit(page, `/catalog/default/component/${STOREFRONT.name}/database`);
    await expect(connect).toBeVisible();
    for (const [what, value] of [
      ['host', '127.0.0.1'],
      ['database', STOREFRONT.database],
      ['user', LOGIN_ROLE],
      ['secret name', SECRET_NAME],
    ]) {
      expect(
        await copiedBy(
          page,
          connect.getByRole('button', { name: `Copy ${what}` }),
        ),
        `the copied ${what}`,
      ).toBe(value);
    }
    // Without the last copy's tooltip over the facts.
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await screenshot(page, 'e2e-connect.png', { fullPage: true });
  });

  const command =
    await test.step('3. the copied AWS CLI command prints the secret for the login role', async () => {
      await connect.getByRole('tab', { name: 'AWS CLI' }).click();
      const copied = await copiedBy(
        page,
        connect.getByRole('button', { name: 'Copy the AWS CLI command' }),
      );
      expect(copied, 'the copied command is the one shown').toBe(
        (await connect.locator('pre').innerText()).trim(),
      );
      expect(copied).toMatch(
        /aws secretsmanager get-secret-value --secret-id \S+ --region \S+ --endpoint-url http:\/\/127\.0\.0\.1:\d+ /,
      );
      const output = (await haveCommands('aws'))
        ? await runInShell(copied)
        : await getSecretValueLikeTheCli(copied);
      const secret = JSON.parse(output) as Record<string, unknown>;
      expect(secret, 'the secret the command printed').toMatchObject({
        username: LOGIN_ROLE,
        dbname: STOREFRONT.database,
        host: '127.0.0.1',
        password: expect.stringMatching(/^\S{20,}$/),
      });
      return copied;
    });

  await test.step('4. the copied psql command logs in as the login role', async () => {
    if (!(await haveCommands('aws', 'jq', 'psql'))) {
      test.info().annotations.push({
        type: 'step not run',
        description: 'the psql command needs the AWS CLI, jq and psql',
      });
      return;
    }
    await connect.getByRole('tab', { name: 'psql' }).click();
    const psql = await copiedBy(
      page,
      connect.getByRole('button', { name: 'Copy the psql command' }),
    );
    expect(psql).toContain(command);
    expect(
      (await runInShell(`${psql} -tAc 'select current_user'`)).trim(),
      'current_user of the session psql opened',
    ).toBe(LOGIN_ROLE);
  });
});
