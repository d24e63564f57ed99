// Headless Debian Chromium (playwright's own browser download does not work on these
// machines), flags that keep it off the closed network, and the app's URLs: read by
// playwright.config.ts (`yarn test:e2e`) and used by scripts/screenshot-catalog.mjs, which
// drives playwright-core itself against a running app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
export const BACKEND_URL = process.env.BACKEND_URL ?? 'http://localhost:7007';

/** Chromium's flags: headless (playwright adds --headless), and off the closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const VIEWPORT = { width: 1400, height: 1000 };

/** Debian's Chromium (or CHROMIUM_PATH): playwright cannot download its own here. */
export function chromiumPath() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  const found = candidates.find(p => p && fs.existsSync(p));
  if (!found)
    throw new Error(
      'Chromium not found: `apt-get install -y chromium` (or set CHROMIUM_PATH)',
    );
  return found;
}

export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'rds-e2e-chromium-'),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: VIEWPORT,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a page and signs in as the guest user when the sign-in page shows. */
export async function openSignedIn(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link')
    .first(); // the <nav> itself has no height
  await enter.or(signedIn).first().waitFor({ timeout: 120_000 });
  if (await enter.isVisible()) {
    await enter.click();
    await signedIn.waitFor({ timeout: 60_000 });
  }
  return page;
}

/** Polls a URL until it answers (any HTTP status), or throws after timeoutMs. */
export async function waitForUrl(url, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(
          `${url} did not answer within ${timeoutMs / 1000}s: ${e.message}`,
        );
      await new Promise(r => setTimeout(r, 1000));
    }
  }
}
