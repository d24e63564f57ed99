// Our publishable packages, built and packed from the repo with `yarn pack` (which runs
// backstage-cli's prepack: dist entry points, workspace:^ ranges rewritten to versions).
import fs from 'node:fs';
import path from 'node:path';
import { run } from './steps.mjs';

/** The non-private @rds-self-service packages in plugins/: { name, short, version, dir }. */
function publishablePackages(root) {
  const dirs = fs.readdirSync(path.join(root, 'plugins'));
  return dirs
    .map(d => path.join(root, 'plugins', d))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(
      ({ pkg }) => !pkg.private && pkg.name.startsWith('@rds-self-service/'),
    )
    .map(({ dir, pkg }) => ({
      name: pkg.name,
      short: pkg.name.split('/')[1],
      version: pkg.version,
      dir,
    }));
}

/** Builds (tsc, then backstage-cli repo build) and packs each package into outDir. */
export async function buildAndPack(root, outDir, { logFile }) {
  const packages = publishablePackages(root);
  if (packages.length === 0)
    throw new Error('no publishable packages in plugins/');
  await run('yarn', ['tsc'], { cwd: root, logFile });
  await run('yarn', ['backstage-cli', 'repo', 'build'], { cwd: root, logFile });
  fs.mkdirSync(outDir, { recursive: true });
  for (const p of packages) {
    const file = path.join(outDir, `${p.short}.tgz`);
    await run('yarn', ['workspace', p.name, 'pack', '--out', file], {
      cwd: root,
      logFile,
    });
    p.tarball = file;
  }
  return packages;
}

/** For re-runs (--reuse-tarballs): the tarballs an earlier run packed into outDir. */
export function reusedTarballs(root, outDir) {
  return publishablePackages(root).map(p => {
    const tarball = path.join(outDir, `${p.short}.tgz`);
    if (!fs.existsSync(tarball))
      throw new Error(`--reuse-tarballs: ${tarball} is missing`);
    return { ...p, tarball };
  });
}

/** The package.json inside a tarball (yarn pack must have rewritten workspace: ranges). */
export async function assertPackedManifest(p, { logFile }) {
  const dir = fs.mkdtempSync(path.join(path.dirname(p.tarball), 'manifest-'));
  await run('tar', ['xzf', p.tarball, '-C', dir, 'package/package.json'], {
    cwd: dir,
    logFile,
  });
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, 'package/package.json'), 'utf8'),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies'])
    for (const [name, range] of Object.entries(manifest[field] ?? {}))
      if (/^(workspace|link|file):/.test(range))
        problems.push(`${field}.${name} is ${range}`);
  if (manifest.private) problems.push('it is private');
  if (!/^(\.\/)?dist\//.test(manifest.main ?? ''))
    problems.push(`main is ${manifest.main}, not in dist/`);
  if (problems.length)
    throw new Error(`${p.name}'s packed package.json: ${problems.join('; ')}`);
  return manifest;
}
