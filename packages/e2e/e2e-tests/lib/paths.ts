import path from 'node:path';

/** The repository's root (tests read its files, e.g. the template). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The journeys' named screenshots and files go here, as `yarn test:e2e` always did. */
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
