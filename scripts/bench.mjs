#!/usr/bin/env node
// `yarn bench`: every package benchmark, one after the other, inside the test environment
// that `yarn bench` sets up (scripts/with-test-env.mjs). Each prints its own table of
// milliseconds and ratios measured side by side in the same run.
import { spawnSync } from 'node:child_process';

const benches = [
  ['engine (plugins/rds-node)', '@rds-self-service/plugin-rds-node'],
  [
    'scaffolder vs engine (plugins/scaffolder-backend-module-rds)',
    '@rds-self-service/plugin-scaffolder-backend-module-rds',
  ],
];

let failed = false;
for (const [title, workspace] of benches) {
  console.log(`\n=== ${title} ===`);
  const res = spawnSync('yarn', ['workspace', workspace, 'bench'], {
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    console.error(`bench ${workspace} failed with exit code ${res.status}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
