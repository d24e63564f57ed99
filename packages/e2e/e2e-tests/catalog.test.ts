// The foundation's acceptance: /catalog lists the example Components (screenshot kept as
// test-results/catalog.png). `yarn screenshot:catalog` does the same against a running app.
import { visit } from './lib/app';
import { EXAMPLE_COMPONENTS } from './lib/entities';
import { expect, screenshot, test } from './lib/fixtures';

test('the catalog lists the example Components', async ({ page }) => {
  // The guest owns some Components (through team-payments), which makes "Owned" the
  // default filter; ask for all of them.
  await visit(
    page,
    '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all',
  );
  for (const name of EXAMPLE_COMPONENTS) {
    await expect(
      page.getByRole('link', { name, exact: true }).first(),
    ).toBeVisible();
  }
  await screenshot(page, 'catalog.png', { fullPage: true });
});
