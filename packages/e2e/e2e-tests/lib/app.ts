import { expect, type Page } from '@playwright/test';
import { UI_MS } from './fixtures';

/**
 * Opens a path of the app, entering as the guest when the sign-in page shows: on the first
 * visit, and again if the silent sign-in failed because the (watching) dev backend restarted.
 */
export async function visit(page: Page, url: string): Promise<void> {
  const enter = page.getByRole('button', { name: 'Enter' });
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
  }, `sign in as the guest and open ${url}`).toPass({
    timeout: 2 * UI_MS,
    intervals: [2_000],
  });
}
