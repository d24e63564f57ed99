#!/usr/bin/env node
// The `webServer` command of playwright.config.ts: `scripts/start.mjs` (the app with its
// embedded defaults: Postgres, the local Secrets Manager, frontend and backend) on empty
// data, a fresh temp RDS_DATA_DIR that is deleted again afterwards. The app's output goes to
// test-results/e2e-app.log. SIGINT or SIGTERM (Playwright's gracefulShutdown) stops the app
// the way Ctrl-C stops `yarn start`; what is still running after 30 s is killed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModernNode } from '../lib/node24.mjs';

ensureModernNode();

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const STOP_MS = 30_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rds-e2e-data-'));
const appLog = path.join(root, 'test-results', 'e2e-app.log');
fs.mkdirSync(path.dirname(appLog), { recursive: true });
const log = fs.createWriteStream(appLog);

// Its own process group, so that whatever start.mjs leaves behind can be killed at once.
const app = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
  cwd: root,
  env: { ...process.env, RDS_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
app.stdout.pipe(log);
app.stderr.pipe(log);
console.error(`e2e: app starting on empty data (${dataDir}), log: ${appLog}`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(app.pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  setTimeout(() => {
    try {
      process.kill(-app.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, STOP_MS).unref();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

app.on('exit', (code, signal) => {
  log.end(() => {
    if (!stopping) {
      // Exited on its own, before or while the tests ran: say why where Playwright shows it.
      const tail = fs
        .readFileSync(appLog, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-20)
        .join('\n');
      console.error(
        `e2e: the app exited (${
          signal ?? `code ${code}`
        }); the end of ${appLog}:\n${tail}`,
      );
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(stopping ? 0 : code || 1);
  });
});
