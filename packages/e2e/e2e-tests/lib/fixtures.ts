import fs from 'node:fs';
import path from 'node:path';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import type {
  AuditPage,
  DatabasesResponse,
  DatabaseStatus,
  EnvironmentsResponse,
  EnvironmentSummary,
} from '@rds-self-service/plugin-rds-common';
import { RESULTS_DIR } from './paths';

/** Options set in playwright.config.ts (`use`). */
export interface E2eOptions {
  /** The backend's base URL (the app's frontend is `baseURL`). */
  backendUrl: string;
}

/** How long the UI and the backend get for one thing, and a scaffolder task for its run. */
export const UI_MS = 60_000;
export const TASK_MS = 120_000;

/**
 * Runs `fn` until it neither throws nor fails an `expect`, for at most `timeout` ms: calls to
 * the (watching) dev backend fail for a moment when it restarts because a file changed.
 */
export async function eventually<T>(
  fn: () => Promise<T>,
  timeout: number = UI_MS,
): Promise<T> {
  let result: { value: T } | undefined;
  await expect(async () => {
    result = { value: await fn() };
  }).toPass({ timeout });
  if (!result) throw new Error('unreachable: toPass passed without a result');
  return result.value;
}

export interface ScaffolderTask {
  id: string;
  status: string;
}

/** The backend's REST API as the guest user. */
export class Backend {
  private readonly request: APIRequestContext;
  private readonly headers: Record<string, string>;

  constructor(request: APIRequestContext, token: string) {
    this.request = request;
    this.headers = { Authorization: `Bearer ${token}` };
  }

  /** Signs in as the guest (the sign-in page's "Enter") and returns the API for that user. */
  static async signIn(request: APIRequestContext): Promise<Backend> {
    const token = await eventually(async () => {
      const res = await request.post('/api/auth/guest/refresh');
      expect(
        res.ok(),
        `guest sign-in: ${res.status()} ${await res.text()}`,
      ).toBe(true);
      const body = await res.json();
      return String(body.backstageIdentity.token);
    });
    return new Backend(request, token);
  }

  async getJson<T>(apiPath: string): Promise<T> {
    return eventually(async () => {
      const res = await this.request.get(apiPath, { headers: this.headers });
      expect(
        res.ok(),
        `GET ${apiPath}: ${res.status()} ${await res.text()}`,
      ).toBe(true);
      return (await res.json()) as T;
    });
  }

  /** Which of these entity refs the catalog does not have (yet). */
  async missingEntities(entityRefs: string[]): Promise<string[]> {
    return eventually(async () => {
      const res = await this.request.post('/api/catalog/entities/by-refs', {
        headers: this.headers,
        data: { entityRefs, fields: ['metadata.name'] },
      });
      expect(res.ok(), `catalog by-refs: ${res.status()}`).toBe(true);
      const { items } = (await res.json()) as { items: unknown[] };
      return entityRefs.filter((_, i) => !items[i]);
    });
  }

  async environments(): Promise<EnvironmentSummary[]> {
    const { items } = await this.getJson<EnvironmentsResponse>(
      '/api/rds/environments',
    );
    return items;
  }

  async databaseStatus(
    entityRef: string,
    environment: string,
  ): Promise<DatabaseStatus | undefined> {
    const { items } = await this.getJson<DatabasesResponse>(
      `/api/rds/entities/${encodeURIComponent(entityRef)}/databases`,
    );
    return items.find(item => item.environment === environment);
  }

  async audit(entityRef: string): Promise<AuditPage> {
    return this.getJson<AuditPage>(
      `/api/rds/entities/${encodeURIComponent(entityRef)}/audit`,
    );
  }

  /** Waits for the scaffolder task to end (any status but open/processing) and returns it. */
  async finishedTask(taskId: string): Promise<ScaffolderTask> {
    const taskPath = `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}`;
    await expect
      .poll(async () => (await this.getJson<ScaffolderTask>(taskPath)).status, {
        message: `task ${taskId} ends within ${TASK_MS / 1000}s`,
        timeout: TASK_MS,
      })
      .not.toMatch(/^(open|processing)$/);
    return this.getJson<ScaffolderTask>(taskPath);
  }

  /** The last lines of a task's log, for the message of a failed run. */
  async taskLogTail(taskId: string, lines = 8): Promise<string> {
    const events = await this.getJson<Array<{ body?: { message?: string } }>>(
      `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/events`,
    ).catch(() => []);
    return events
      .map(e => e.body?.message)
      .filter(Boolean)
      .slice(-lines)
      .join('\n  ');
  }
}

export const test = base.extend<{ backend: Backend }, E2eOptions>({
  backendUrl: ['http://localhost:7007', { option: true, scope: 'worker' }],
  // Every journey's page: on a failed test, the dev server's runtime-error overlay.
  page: async ({ page }, use) => {
    await use(page);
    await attachErrorOverlay(page);
  },
  backend: async ({ playwright, backendUrl }, use) => {
    const request = await playwright.request.newContext({
      baseURL: backendUrl,
    });
    await use(await Backend.signIn(request));
    await request.dispose();
  },
});

/** Saves a screenshot as test-results/<name> and attaches it to the report. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const file = path.join(RESULTS_DIR, name);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: options.fullPage });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

/** On a failed test, attaches the text of the dev server's runtime-error overlay, if it shows. */
export async function attachErrorOverlay(page: Page): Promise<void> {
  const info = test.info();
  if (info.status === info.expectedStatus) return;
  const overlay = await page
    .frameLocator('#webpack-dev-server-client-overlay')
    .locator('body')
    .innerText({ timeout: 1000 })
    .catch(() => '');
  if (overlay) {
    await info.attach('the page shows a runtime error', {
      body: overlay.slice(0, 2000),
      contentType: 'text/plain',
    });
  }
}

export { expect };
