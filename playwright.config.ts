// `yarn test:e2e`: the browser journeys in packages/e2e/e2e-tests, run by Playwright against
// the app that `webServer` starts with its embedded defaults on empty data (a temp
// RDS_DATA_DIR, see scripts/e2e/serve.mjs) and stops afterwards.
// Screenshots: test-results/*.png; Playwright's own artifacts of a failed test (screenshot,
// trace, error context): test-results/playwright/; the HTML report: test-results/html-report/.
import { defineConfig } from '@playwright/test';
import type { E2eOptions } from './packages/e2e/e2e-tests/lib/fixtures';
import {
  APP_URL,
  BACKEND_URL,
  CHROMIUM_ARGS,
  VIEWPORT,
  chromiumPath,
} from './scripts/e2e/browser.mjs';

export default defineConfig<E2eOptions>({
  testDir: 'packages/e2e/e2e-tests',
  // The journeys share one app (and its data) on a machine with 2 cores: one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Bounded but generous: the machine is shared and a journey drives several task runs.
  timeout: 10 * 60_000,
  globalTimeout: 30 * 60_000,
  expect: { timeout: 60_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-results/html-report' }],
    ['./packages/e2e/e2e-tests/lib/summaryReporter.ts'],
  ],
  outputDir: 'test-results/playwright',

  webServer: {
    name: 'app',
    command: `"${process.execPath}" scripts/e2e/serve.mjs`,
    // The frontend answers once its first compile is done; the backend is awaited by the
    // `setup` project (webServer waits for one URL per command).
    url: APP_URL,
    // Never someone else's app: the journeys need empty data.
    reuseExistingServer: false,
    timeout: 5 * 60_000,
    gracefulShutdown: { signal: 'SIGINT', timeout: 60_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },

  use: {
    baseURL: APP_URL,
    backendUrl: BACKEND_URL,
    viewport: VIEWPORT,
    actionTimeout: 60_000,
    navigationTimeout: 120_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },

  projects: [
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    {
      name: 'journeys',
      testMatch: /\.test\.ts$/,
      dependencies: ['setup'],
    },
  ],
});
