import { mockCredentials } from '@backstage/backend-test-utils';
import {
  deriveNames,
  type AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { uniqueComponent } from './__testUtils__/testEnvironment';
import { testRouters } from './__testUtils__/testRouter';

const createApp = testRouters();

/** What `rds-provision --report-to` sends for one app: a created run in dev on test-pg17. */
function cliRecord(
  appName: string,
  overrides: Partial<AuditRecord> = {},
): AuditRecord {
  const names = deriveNames(appName, 'dev');
  return {
    runId: `cli-${randomUUID()}`,
    buildId: 'gh-run-4711',
    timestamp: '2026-12-02T01:00:00.000Z',
    environment: 'dev',
    instance: 'test-pg17',
    database: names.database,
    role: names.loginRole,
    accessLevel: 'owner',
    actor: 'ci-bot',
    appName,
    outcome: 'created',
    dryRun: false,
    steps: [
      {
        id: 'database',
        kind: 'database',
        target: names.database,
        outcome: 'created',
      },
    ],
    ...overrides,
  };
}

// A service principal, as a static external-access token gives one.
const ci = mockCredentials.service.header();

describe('POST /audit/records', () => {
  it('stores a CI run in the history of the Component with its app name, once', async () => {
    const c = uniqueComponent('cli');
    const { app, events } = await createApp({
      entities: [c.entity],
    });
    const record = cliRecord(c.appName);

    const res = await request(app)
      .post('/audit/records')
      .set('Authorization', ci)
      .send({ records: [record] });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      items: [
        { runId: record.runId, status: 'recorded', entityRef: c.entityRef },
      ],
    });
    const history = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/audit`,
    );
    expect(history.body).toEqual({
      items: [{ ...record, entityRef: c.entityRef }],
      totalCount: 1,
    });
    expect(events).toContainEqual({
      eventId: 'audit-records-report',
      outcome: 'success',
    });

    // A retried CI job reports the same run again: stored once.
    const again = await request(app)
      .post('/audit/records')
      .set('Authorization', ci)
      .send({ records: [record] });
    expect(again.body.items).toEqual([
      { runId: record.runId, status: 'duplicate' },
    ]);
    expect(
      (
        await request(app).get(
          `/entities/${encodeURIComponent(c.entityRef)}/audit`,
        )
      ).body.totalCount,
    ).toBe(1);
  });

  it('refuses a user: history is written by runs, not by people', async () => {
    const c = uniqueComponent('cli');
    const { app } = await createApp({
      entities: [c.entity],
    });

    const res = await request(app)
      .post('/audit/records')
      .send({ records: [cliRecord(c.appName)] });

    expect(res.status).toBe(403);
    const history = await request(app).get(
      `/entities/${encodeURIComponent(c.entityRef)}/audit`,
    );
    expect(history.body.totalCount).toBe(0);
  });

  it.each([
    [
      'an instance the backend names otherwise',
      { instance: '127.0.0.1' },
      'instance "127.0.0.1" is not the backend\'s "test-pg17" (rds.environments.dev.instance.name); ' +
        'run rds-provision with --config <app-config.yaml> or --instance-name so both name it the same',
    ],
    [
      'names that are not the app name’s',
      { database: 'other_dev_db' },
      'are not the names of app',
    ],
    [
      'a run id that is not a CLI run’s',
      { runId: randomUUID() },
      'runId must start with "cli-": reported runs are CLI runs',
    ],
    [
      'an outcome only the backend gives',
      { outcome: 'denied' as const },
      'records.1.outcome: Invalid option',
    ],
    ['a dry run', { dryRun: true }, 'records.1.dryRun'],
  ])(
    'refuses %s, storing nothing of the report',
    async (_name, overrides, message) => {
      const c = uniqueComponent('cli');
      const { app } = await createApp({
        entities: [c.entity],
      });

      const res = await request(app)
        .post('/audit/records')
        .set('Authorization', ci)
        .send({
          records: [cliRecord(c.appName), cliRecord(c.appName, overrides)],
        });

      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const history = await request(app).get(
        `/entities/${encodeURIComponent(c.entityRef)}/audit`,
      );
      expect(history.body.totalCount).toBe(0);
    },
  );

  it('keeps a run whose app name no Component has, without an entity', async () => {
    const { app } = await createApp({ entities: [] });
    const record = cliRecord('orphan_app');

    const res = await request(app)
      .post('/audit/records')
      .set('Authorization', ci)
      .send({ records: [record] });

    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([
      { runId: record.runId, status: 'recorded' },
    ]);
  });
});
