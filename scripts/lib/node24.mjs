// The repo's scripts need Node >= 22 (type stripping, Backstage CLI). When started with an
// older node, re-run under the Node that ./yarnw pinned in .toolchain/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export function ensureModernNode() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return;
  const dir = fs
    .readdirSync(path.join(root, '.toolchain'))
    .find(d => d.startsWith('node-v'));
  if (!dir) {
    console.error(
      'Node >= 22 is required: run through ./yarnw, which fetches it.',
    );
    process.exit(1);
  }
  const bin = path.join(root, '.toolchain', dir, 'bin');
  const env = {
    ...process.env,
    PATH: `${path.join(root, '.toolchain', 'bin')}:${bin}:${process.env.PATH}`,
  };
  const res = spawnSync(path.join(bin, 'node'), process.argv.slice(1), {
    stdio: 'inherit',
    env,
  });
  process.exit(res.status ?? 1);
}
