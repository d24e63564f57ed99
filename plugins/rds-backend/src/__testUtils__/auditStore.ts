import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import { randomUUID } from 'node:crypto';
import { DatabaseRdsAuditStore } from '../store/DatabaseRdsAuditStore';

/** A created run of `payments` in dev for component:default/payments; override what a test needs. */
export function auditRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    runId: randomUUID(),
    buildId: 'build-42',
    timestamp: '2026-11-23T10:00:00.000Z',
    environment: 'dev',
    instance: 'embedded-pg17',
    database: 'payments_dev_db',
    role: 'payments_dev_user',
    accessLevel: 'editor',
    actor: 'user:default/jane',
    entityRef: 'component:default/payments',
    appName: 'payments',
    outcome: 'created',
    dryRun: false,
    steps: [
      {
        id: 'owner-role',
        kind: 'role',
        target: 'payments_dev_owner',
        outcome: 'created',
      },
      {
        id: 'database',
        kind: 'database',
        target: 'payments_dev_db',
        outcome: 'created',
      },
      {
        id: 'secret',
        kind: 'secret',
        target: 'rds/dev/payments',
        outcome: 'no_change',
        message: 'kept',
      },
    ],
    ...overrides,
  };
}

/** The step of a run refused for want of approval in `environment`. */
export function deniedApprovalStep(
  environment: string,
  message?: string,
): AuditRecord['steps'][number] {
  return {
    id: 'approval',
    kind: 'approval',
    target: environment,
    outcome: 'denied',
    ...(message && { message }),
  };
}

/**
 * Test databases for audit store suites (Postgres 17), and a fresh migrated
 * store on one of them.
 */
export function auditStoreDatabases() {
  const databases = TestDatabases.create({ ids: ['POSTGRES_17'] });
  const createStore = async () => {
    const knex = await databases.init('POSTGRES_17');
    const store = await DatabaseRdsAuditStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  };
  return { databases, createStore };
}
