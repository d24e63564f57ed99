#!/usr/bin/env node
// `yarn test:e2e`: starts the app with its embedded defaults on empty data (a temp
// RDS_DATA_DIR), runs the browser journeys against it, then stops everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModernNode } from '../lib/node24.mjs';
import { APP_URL, BACKEND_URL, waitForUrl } from './browser.mjs';

ensureModernNode();

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const journeys = process.argv.slice(2).length
  ? process.argv.slice(2)
  : fs
      .readdirSync(here)
      .filter(f => f.endsWith('.journey.mjs'))
      .sort();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rds-e2e-data-'));
const app = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
  cwd: root,
  env: { ...process.env, RDS_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const appLog = path.join(root, 'test-results', 'e2e-app.log');
fs.mkdirSync(path.dirname(appLog), { recursive: true });
const logStream = fs.createWriteStream(appLog);
app.stdout.pipe(logStream);
app.stderr.pipe(logStream);
const appExit = new Promise(resolve => app.on('exit', code => resolve(code)));

async function stopApp() {
  try {
    process.kill(app.pid, 'SIGINT');
  } catch {
    return;
  }
  const timer = setTimeout(() => process.kill(-app.pid, 'SIGKILL'), 30_000);
  await appExit;
  clearTimeout(timer);
}

let failed = 0;
let passed = 0;
try {
  const started = Date.now();
  await Promise.race([
    Promise.all([
      waitForUrl(`${BACKEND_URL}/api/catalog/entities?limit=1`),
      waitForUrl(APP_URL),
    ]),
    appExit.then(code => {
      throw new Error(
        `the app exited with code ${code} before it served; see ${appLog}`,
      );
    }),
  ]);
  console.log(`app up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  for (const file of journeys) {
    const t0 = Date.now();
    try {
      const mod = await import(path.resolve(here, file));
      await mod.default();
      passed++;
      console.log(`ok   ${file} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (e) {
      failed++;
      console.error(`FAIL ${file}: ${e.stack ?? e}`);
    }
  }
} catch (e) {
  failed++;
  console.error(`e2e: ${e.message}`);
} finally {
  await stopApp();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
