#!/usr/bin/env node
// Takes a screenshot of /catalog of a running app (`yarn start`) and checks that the
// example entities are listed. Usage: yarn screenshot:catalog [out.png]
import path from 'node:path';
import fs from 'node:fs';
import {
  APP_URL,
  launchBrowser,
  openSignedIn,
  waitForUrl,
} from './e2e/browser.mjs';

const out = path.resolve(process.argv[2] ?? 'test-results/catalog.png');
const expected = [
  'payments-api',
  'orders-service',
  'storefront-web',
  'ledger-worker',
];

await waitForUrl(APP_URL);
const browser = await launchBrowser();
try {
  // The guest owns some Components (through team-payments), which makes "Owned" the
  // default filter; ask for all of them.
  const page = await openSignedIn(
    browser.context,
    `${APP_URL}/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all`,
  );
  for (const name of expected) {
    await page
      .getByRole('link', { name, exact: true })
      .first()
      .waitFor({ timeout: 60_000 });
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`catalog lists ${expected.join(', ')}; screenshot: ${out}`);
} finally {
  await browser.close();
}
