// The adopter check (issue 11): a pristine app from the newest @backstage/create-app, our
// packages packed with `yarn pack` and installed into it the way docs/install.md says, wired,
// type-checked (`yarn tsc`), started on free ports with a throw-away Postgres and the local
// Secrets Manager endpoint, and a database provisioned through the scaffolder API. It fails on
// any step, naming it. Run: ./yarnw adopter-check [--work-dir DIR] [--keep] [--reuse-tarballs]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureModernNode } from '../lib/node24.mjs';

ensureModernNode();

const { embeddedBinDir, ensureRdsLikeAdmin, startCluster } = await import(
  '../lib/pg-cluster.mjs'
);
const { freePort } = await import('../lib/ports.mjs');
const { ensureLocalCa } = await import('../lib/tls.mjs');
const { ensureAdminSecret, startSecretsManagerProcess } = await import(
  '../lib/secrets-manager.mjs'
);
const { printTimings, startProcess, step, StepError, run, waitFor } =
  await import('./steps.mjs');
const { assertPackedManifest, buildAndPack, reusedTarballs } = await import(
  './pack.mjs'
);
const app = await import('./app.mjs');
const { addTemplate, writeAppConfig } = await import('./config.mjs');
const flow = await import('./provision.mjs');

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const args = process.argv.slice(2);
const flag = name => args.includes(name);
const option = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const workDir = path.resolve(
  option('--work-dir') ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'adopter-check-')),
);
// Postgres runs as its own OS user when this runs as root: it reads files in here.
fs.chmodSync(workDir, 0o755);
const appDir = path.join(workDir, 'app');
const logs = path.join(workDir, 'logs');
fs.mkdirSync(logs, { recursive: true });
const logFile = name => path.join(logs, `${name}.log`);
const cleanups = [];
const started = Date.now();

async function main() {
  console.log(`[adopter-check] working in ${workDir}`);
  const pristineLock = path.join(workDir, 'yarn.lock.pristine');
  if (
    fs.existsSync(pristineLock) &&
    fs.existsSync(path.join(appDir, 'node_modules'))
  ) {
    console.log(
      '[adopter-check] reusing the installed pristine app (--work-dir)',
    );
  } else {
    fs.rmSync(appDir, { recursive: true, force: true });
    const release = await step(
      'create a pristine app (npx @backstage/create-app@latest)',
      () => app.createPristineApp(appDir, { logFile: logFile('create-app') }),
    );
    console.log(`[adopter-check] create-app's Backstage release: ${release}`);
    await step('install the pristine app (yarn install)', () =>
      app.yarnInstall(appDir, { logFile: logFile('install-pristine') }),
    );
    fs.copyFileSync(path.join(appDir, 'yarn.lock'), pristineLock);
  }

  const packages = await step(
    'build and pack our packages (yarn pack)',
    async () => {
      if (flag('--reuse-tarballs'))
        return reusedTarballs(repoRoot, path.join(workDir, 'tarballs'));
      const packed = await buildAndPack(
        repoRoot,
        path.join(workDir, 'tarballs'),
        {
          logFile: logFile('pack'),
        },
      );
      for (const p of packed)
        await assertPackedManifest(p, { logFile: logFile('pack') });
      return packed;
    },
  );
  console.log(
    `[adopter-check] packed ${packages
      .map(p => `${p.name}@${p.version}`)
      .join(', ')}`,
  );

  await step(
    'install our tarballs into the app (docs/install.md)',
    async () => {
      app.addOurPackages(appDir, packages);
      app.bumpBackendDefaults(appDir, '^0.19.0');
      app.wireBackend(appDir);
      app.wireFrontendTypes(appDir);
      addTemplate(appDir, repoRoot);
      await app.yarnInstall(appDir, { logFile: logFile('install-ours') });
      // backend-defaults is the one the check moves itself (bumpBackendDefaults), not our packages.
      const added = app
        .addedDuplicates(
          app.lockfileVersions(pristineLock),
          app.lockfileVersions(path.join(appDir, 'yarn.lock')),
        )
        .filter(line => !line.startsWith('@backstage/backend-defaults '));
      if (added.length)
        throw new Error(
          `our packages add second versions to the app's lockfile: ${added.join(
            '; ',
          )}`,
        );
    },
  );

  await step('type-check the app (yarn tsc)', () =>
    run('yarn', ['tsc'], { cwd: appDir, logFile: logFile('tsc') }),
  );

  const services = await step(
    'start Postgres and the local Secrets Manager endpoint',
    async () => {
      const superPassword = crypto.randomBytes(12).toString('hex');
      const cluster = await startCluster({
        binDir: await embeddedBinDir(),
        dataDir: path.join(workDir, 'pg'),
        port: await freePort(),
        superPassword,
        // TLS only, like RDS: environments outside dev must use verify-full.
        tls: ensureLocalCa(path.join(workDir, 'tls')),
      });
      cleanups.push(() => cluster.stop());
      const admin = {
        user: 'rds_admin',
        password: crypto.randomBytes(12).toString('hex'),
      };
      await ensureRdsLikeAdmin(cluster.superUrl, {
        ...admin,
        ssl: cluster.ssl,
      });
      const sm = await startSecretsManagerProcess({
        port: await freePort(),
        dataFile: path.join(workDir, 'secrets.json'),
        logFile: logFile('secrets-manager'),
      });
      cleanups.push(() => sm.stop());
      admin.secretId = 'rds/admin/adopter-prod';
      const secret = await ensureAdminSecret(sm.endpoint, {
        name: admin.secretId,
        username: admin.user,
        description:
          'adopter check: the delegated admin of the prod environment',
      });
      await ensureRdsLikeAdmin(cluster.superUrl, {
        user: admin.user,
        password: secret.password,
        ssl: cluster.ssl,
      });
      admin.password = secret.password;
      return { cluster, superPassword, admin, sm };
    },
  );

  const backendPort = await freePort();
  const baseUrl = `http://localhost:${backendPort}`;
  writeAppConfig(appDir, {
    backendPort,
    pg: {
      port: services.cluster.port,
      superPassword: services.superPassword,
      caFile: path.join(workDir, 'tls/ca.pem'),
    },
    admin: services.admin,
    secretsManager: { endpoint: services.sm.endpoint },
  });

  await step(
    `start the backend on :${backendPort} (yarn start in packages/backend)`,
    async () => {
      const backend = startProcess('yarn', ['start'], {
        cwd: path.join(appDir, 'packages/backend'),
        env: process.env,
        logFile: logFile('backend'),
      });
      cleanups.push(() => backend.stop());
      let exited;
      backend.exited.then(result => {
        exited = result;
      });
      await waitFor(
        'the backend did not become ready',
        async () => {
          if (exited)
            throw new StepError(
              `the backend exited (${
                exited.signal ?? exited.code
              }):\n${backend.tail()}`,
            );
          const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
          return res.status === 200 ? true : undefined;
        },
        { timeoutMs: 300_000, intervalMs: 2000 },
      ).catch(error => {
        throw new Error(`${error.message}\n${backend.tail()}`);
      });
      if (!/rds/.test(fs.readFileSync(logFile('backend'), 'utf8')))
        throw new Error(
          `the backend log never mentions the rds plugin:\n${backend.tail()}`,
        );
    },
  );

  const token = await step('sign in as the guest', () =>
    flow.guestToken(baseUrl),
  );
  await step(
    'wait for the catalog to read the template and the component',
    () => flow.waitForCatalog(baseUrl, token),
  );

  await step(
    'provision a database through the scaffolder (POST /api/scaffolder/v2/tasks)',
    async () => {
      await flow.runTemplate(baseUrl, token, {
        component: flow.COMPONENT,
        environment: 'dev',
        accessLevel: 'editor',
      });
      const database = `${flow.APP_NAME}_dev_db`;
      if (!(await flow.databaseExists(services.cluster, database)))
        throw new Error(
          `the task completed but the database ${database} does not exist`,
        );
      if (
        !(await flow.roleExists(services.cluster, `${flow.APP_NAME}_dev_user`))
      )
        throw new Error(
          `the task completed but the role ${flow.APP_NAME}_dev_user does not exist`,
        );
    },
  );

  await step(
    'the approval-required environment refuses the guest on the allow-all policy',
    async () => {
      const res = await flow.provisionAsGuest(baseUrl, token, 'prod');
      const refused =
        res.status === 403 ||
        (res.status === 202 && res.json?.outcome === 'pending_approval');
      if (!refused)
        throw new Error(
          `POST /api/rds/provision to prod as the guest answered ${
            res.status
          } ${res.text.slice(0, 300)}; ` +
            'expected a pending approval request (202) or 403',
        );
      const database = `${flow.APP_NAME}_prod_db`;
      if (await flow.databaseExists(services.cluster, database))
        throw new Error(
          `${database} exists: the guest provisioned where approval is required`,
        );
    },
  );
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`\n[adopter-check] FAILED: ${error.message}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  printTimings((Date.now() - started) / 1000);
  if (failed || flag('--keep'))
    console.log(`[adopter-check] kept ${workDir} (logs in ${logs})`);
  else fs.rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
