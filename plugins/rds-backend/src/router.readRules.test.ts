import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { uniqueComponent } from './__testUtils__/testEnvironment';
import { catalogWithReadRule, testRouters } from './__testUtils__/testRouter';

const createApp = testRouters();

const owner = 'user:default/mock';
const outsider = mockCredentials.user.header('user:default/outsider');

describe('catalog read rules on the per-entity routes', () => {
  it.each(['databases', 'audit', 'audit.csv'])(
    'answers 404 on /entities/:entityRef/%s when the catalog hides the entity from the caller, and leaks nothing',
    async route => {
      const c = uniqueComponent();
      const missing = uniqueComponent();
      // rds.database.read is allowed for everyone; only the catalog tells them apart.
      const { app } = await createApp({
        catalog: catalogWithReadRule([c.entity], caller => caller === owner),
      });
      const justification = `Secret reason ${c.appName}`;
      const run = await request(app)
        .post('/provision')
        .send(
          c.body({
            runId: `run-${c.appName}`,
            justification,
          }),
        );
      expect(run.status).toBe(200);

      const path = `/entities/${encodeURIComponent(c.entityRef)}/${route}`;

      // The owner sees the entity, so the data is there to leak.
      const seen = await request(app).get(path);
      expect(seen.status).toBe(200);
      expect(seen.text).toContain(c.appName);

      const hidden = await request(app)
        .get(path)
        .query({ environment: 'dev' })
        .set('Authorization', outsider);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toEqual(
        expect.objectContaining({
          name: 'NotFoundError',
          message: `No entity ${c.entityRef} in the catalog`,
        }),
      );
      for (const secret of [
        `run-${c.appName}`,
        `${c.appName}_dev`,
        justification,
        owner,
      ]) {
        expect(hidden.text).not.toContain(secret);
      }

      // Hidden looks exactly like missing: the answer does not tell it exists.
      const absent = await request(app)
        .get(`/entities/${encodeURIComponent(missing.entityRef)}/${route}`)
        .set('Authorization', outsider);
      expect(absent.status).toBe(404);
      expect(absent.body.error.message).toBe(
        `No entity ${missing.entityRef} in the catalog`,
      );
    },
  );
});
