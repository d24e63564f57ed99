import { expect, type Page } from '@playwright/test';
import { UI_MS } from './fixtures';

/**
 * Opens a path of the app, entering as the guest when the sign-in page shows: on the first
 * visit, and again if the silent sign-in failed because the (watching) dev backend restarted.
 * `as: 'approver'` signs in with the sign-in page's other card, as Pat of the platform team.
 */
export async function visit(
  page: Page,
  url: string,
  options: { as?: 'guest' | 'approver' } = {},
): Promise<void> {
  const who = options.as ?? 'guest';
  const enter = page.getByRole('button', {
    name: who === 'approver' ? 'Sign in as Pat' : 'Enter',
    exact: true,
  });
  // The sidebar's <nav> has no height of its own, so wait for one of its links.
  const signedIn = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create' });
  await expect(async () => {
    await page.goto(url);
    await expect(enter.or(signedIn).first()).toBeVisible({ timeout: UI_MS });
    if (await enter.isVisible()) {
      await enter.click();
      await expect(signedIn).toBeVisible({ timeout: 15_000 });
    }
  }, `sign in as the ${who} and open ${url}`).toPass({
    timeout: 2 * UI_MS,
    intervals: [2_000],
  });
}
