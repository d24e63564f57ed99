// The foundation's acceptance: the catalog shows the example entities (screenshot kept).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export default async function catalogJourney() {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'scripts/screenshot-catalog.mjs'),
      'test-results/catalog.png',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
