// The repo's scripts need Node >= 22 (type stripping, Backstage CLI). When started with an
// older node, re-run under the Node that ./yarnw pinned in .toolchain/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

const isModern = () => Number(process.versions.node.split('.')[0]) >= 22;

/** The pinned Node in .toolchain/ and an environment with it first on PATH; exits without one. */
function pinnedNode() {
  const toolchain = path.join(root, '.toolchain');
  const dir = fs.existsSync(toolchain)
    ? fs.readdirSync(toolchain).find(d => d.startsWith('node-v'))
    : undefined;
  if (!dir) {
    console.error(
      'Node >= 22 is required: run through ./yarnw, which fetches it.',
    );
    process.exit(1);
  }
  const bin = path.join(toolchain, dir, 'bin');
  return {
    node: path.join(bin, 'node'),
    env: {
      ...process.env,
      PATH: `${path.join(toolchain, 'bin')}:${bin}:${process.env.PATH}`,
    },
  };
}

export function ensureModernNode() {
  if (isModern()) return;
  const { node, env } = pinnedNode();
  const res = spawnSync(node, process.argv.slice(1), {
    stdio: 'inherit',
    env,
  });
  process.exit(res.status ?? 1);
}

/**
 * Like ensureModernNode, for a script that is a supervisor (`yarn start`): the re-run gets the
 * signals sent to this process, so SIGTERM to this PID still stops it. Await it before anything
 * else; when it re-runs the script, it never resolves and this process exits with the re-run.
 */
export async function runOnModernNode() {
  if (isModern()) return;
  const { node, env } = pinnedNode();
  const child = spawn(node, process.argv.slice(1), { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, () => child.kill(signal));
  child.on('exit', code => process.exit(code ?? 1));
  await new Promise(() => {});
}
