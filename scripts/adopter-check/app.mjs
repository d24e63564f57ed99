// A pristine app from the newest @backstage/create-app, then our packages installed and wired
// into it as docs/install.md says (tarballs in rds-packages/ with root resolutions).
import fs from 'node:fs';
import path from 'node:path';
import { run } from './steps.mjs';

// Registry gaps of this workplace's npm snapshot (docs/install.md, "Registry gaps"); a registry
// that serves every platform's binaries needs none of them.
const REGISTRY_GAP_PINS = {
  '@swc/core': '1.16.18',
  'unrs-resolver': '1.12.2',
  rollup: '4.67.4',
  '@yarnpkg/core': '4.9.1',
};

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

export async function createPristineApp(appDir, { logFile }) {
  await run(
    'npx',
    [
      '--yes',
      '@backstage/create-app@latest',
      '--path',
      appDir,
      '--skip-install',
    ],
    {
      cwd: path.dirname(appDir),
      env: { ...process.env, BACKSTAGE_APP_NAME: 'adopter' },
      logFile,
    },
  );
  const rootPkg = path.join(appDir, 'package.json');
  const pkg = readJson(rootPkg);
  pkg.resolutions = { ...pkg.resolutions, ...REGISTRY_GAP_PINS };
  // Native addons the check never loads (the app runs on Postgres; better-sqlite3 crashed on
  // Node 24 here): not compiled, which saves minutes on two cores. As this repo's root does.
  pkg.dependenciesMeta = Object.fromEntries(
    [
      '@tree-sitter-grammars/tree-sitter-yaml',
      'better-sqlite3',
      'cpu-features',
      'keytar',
      'ssh2',
      'tree-sitter',
      'tree-sitter-json',
    ].map(name => [name, { built: false }]),
  );
  writeJson(rootPkg, pkg);
  const backstage = readJson(path.join(appDir, 'backstage.json'));
  return backstage.version;
}

export function yarnInstall(appDir, { logFile }) {
  // Yarn makes installs immutable when CI is set; the pristine app has no lockfile
  // yet and adding our tarballs changes it, so both installs must write it.
  return run('yarn', ['install'], {
    cwd: appDir,
    logFile,
    env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
  });
}

/** Versions per package in a yarn.lock (Berry format). */
export function lockfileVersions(lockfile) {
  const versions = new Map();
  let names = [];
  const text = fs.readFileSync(lockfile, 'utf8');
  for (const line of text.split('\n')) {
    if (/^"?[^\s#]/.test(line) && line.endsWith(':')) {
      names = line
        .slice(0, -1)
        .replace(/"/g, '')
        .split(', ')
        .map(d => d.slice(0, d.indexOf('@', 1)));
      continue;
    }
    const m = /^ {2}version: "?([^"]+)"?$/.exec(line);
    if (!m) continue;
    for (const name of new Set(names)) {
      if (!versions.has(name)) versions.set(name, new Set());
      versions.get(name).add(m[1]);
    }
  }
  return versions;
}

/** `@backstage/*` packages the pristine app had that now come in one more version. */
export function addedDuplicates(before, after) {
  const added = [];
  for (const [name, now] of after) {
    const was = before.get(name);
    if (!name.startsWith('@backstage/') || !was) continue;
    const extra = [...now].filter(v => !was.has(v));
    if (extra.length)
      added.push(
        `${name} ${extra.join(', ')} (the app had ${[...was].join(', ')})`,
      );
  }
  return added;
}

/**
 * Copies the tarballs to <app>/rds-packages/, maps every @rds-self-service package to its
 * tarball with root resolutions, and adds the backend's and the frontend's dependencies.
 */
export function addOurPackages(appDir, packages) {
  const target = path.join(appDir, 'rds-packages');
  fs.mkdirSync(target, { recursive: true });
  const rootPkg = path.join(appDir, 'package.json');
  const pkg = readJson(rootPkg);
  for (const p of packages) {
    fs.copyFileSync(p.tarball, path.join(target, `${p.short}.tgz`));
    pkg.resolutions[p.name] = `file:./rds-packages/${p.short}.tgz`;
  }
  writeJson(rootPkg, pkg);
  const range = short => `^${packages.find(p => p.short === short).version}`;
  const addDeps = (workspace, shorts) => {
    const file = path.join(appDir, 'packages', workspace, 'package.json');
    const ws = readJson(file);
    for (const short of shorts)
      ws.dependencies[`@rds-self-service/${short}`] = range(short);
    writeJson(file, ws);
  };
  addDeps('backend', [
    'plugin-rds-backend',
    'plugin-scaffolder-backend-module-rds',
  ]);
  addDeps('app', ['plugin-rds']);
}

/**
 * create-app's backend-defaults (0.18) is older than the signals backend the registry serves,
 * which then fails to start (httpRouter.addWebSocketHandler is not a function); the rds
 * packages are built for 0.19, what `backstage-cli versions:bump` gives.
 */
export function bumpBackendDefaults(appDir, range) {
  const file = path.join(appDir, 'packages/backend/package.json');
  const ws = readJson(file);
  ws.dependencies['@backstage/backend-defaults'] = range;
  writeJson(file, ws);
}

/** The two backend.add lines, before backend.start(). */
export function wireBackend(appDir) {
  const file = path.join(appDir, 'packages/backend/src/index.ts');
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes('@rds-self-service/plugin-rds-backend')) return;
  if (!source.includes('backend.start();'))
    throw new Error(
      `${file} has no backend.start(); create-app changed its backend`,
    );
  fs.writeFileSync(
    file,
    source.replace(
      'backend.start();',
      `// self-service Postgres (docs/install.md)
backend.add(import('@rds-self-service/plugin-rds-backend'));
backend.add(import('@rds-self-service/plugin-scaffolder-backend-module-rds'));

backend.start();`,
    ),
  );
}

/**
 * The new frontend system discovers the plugin (app.packages: all); this file only makes the
 * app's `yarn tsc` check our types against the app's createApp.
 */
export function wireFrontendTypes(appDir) {
  fs.writeFileSync(
    path.join(appDir, 'packages/app/src/rds.ts'),
    `// adopter check: the rds plugin as createApp's features (the app discovers it; app.packages: all)
import { createApp } from '@backstage/frontend-defaults';
import rdsPlugin from '@rds-self-service/plugin-rds/alpha';

type Features = NonNullable<Parameters<typeof createApp>[0]>['features'];
export const rdsFeatures: Features = [rdsPlugin];
`,
  );
}
