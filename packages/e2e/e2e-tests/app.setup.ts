// Before the journeys: the app that webServer started (webServer waits for the frontend)
// has a ready backend, has ingested the example catalog, and runs on empty data.
import { COMPONENT, DRY_RUN_COMPONENT, TEMPLATE_REF } from './lib/entities';
import { test, expect } from './lib/fixtures';
import { ENVIRONMENT } from './lib/scaffolder';

// The backend starts and ingests its catalog files a little after the frontend serves.
const START_MS = 5 * 60_000;

test.describe.configure({ mode: 'serial' });

test('the backend is ready', async ({ playwright, backendUrl }) => {
  const request = await playwright.request.newContext({ baseURL: backendUrl });
  await expect
    .poll(
      () =>
        request
          .get('/.backstage/health/v1/readiness')
          .then(res => res.status())
          .catch((e: Error) => e.message),
      { message: `${backendUrl} is ready`, timeout: START_MS },
    )
    .toBe(200);
  await request.dispose();
});

test('the app has the example catalog and empty data', async ({ backend }) => {
  await test.step('the catalog has the entities the journeys use', async () => {
    await expect
      .poll(
        () =>
          backend.missingEntities([
            COMPONENT.ref,
            DRY_RUN_COMPONENT.ref,
            TEMPLATE_REF,
          ]),
        { message: 'entities missing from the catalog', timeout: START_MS },
      )
      .toEqual([]);
  });

  await test.step(`the rds backend has the '${ENVIRONMENT.name}' environment`, async () => {
    const names = (await backend.environments()).map(e => e.name);
    expect(names).toContain(ENVIRONMENT.name);
  });

  // The rds journey expects "created" first, which only holds on data without these databases.
  await test.step('no database of the journeys exists yet', async () => {
    for (const component of [COMPONENT, DRY_RUN_COMPONENT]) {
      const status = await backend.databaseStatus(
        component.ref,
        ENVIRONMENT.name,
      );
      expect(
        status?.exists ?? false,
        `${component.database} exists already: run the journeys on empty data (yarn test:e2e)`,
      ).toBe(false);
    }
  });
});
