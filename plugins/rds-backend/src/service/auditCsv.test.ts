import type { AuditRecord } from '@internal/plugin-rds-common';
import { auditRecordsToCsv } from './auditCsv';

const record: AuditRecord = {
  runId: 'task-1',
  timestamp: '2026-11-23T10:00:00.000Z',
  environment: 'dev',
  instance: 'embedded-pg17',
  database: 'payments_dev_db',
  role: 'payments_dev_user',
  accessLevel: 'editor',
  actor: 'user:default/jane',
  entityRef: 'component:default/payments',
  appName: 'payments',
  outcome: 'blocked',
  dryRun: false,
  steps: [
    {
      id: 'role',
      kind: 'role',
      target: 'payments_dev_user',
      outcome: 'blocked',
    },
    {
      id: 'database',
      kind: 'database',
      target: 'payments_dev_db',
      outcome: 'planned',
    },
  ],
  error:
    'role "payments_dev_user" exists, but is not managed by the platform, "hands off"',
};

describe('auditRecordsToCsv', () => {
  it('writes a header and one quoted-where-needed row per record', () => {
    expect(auditRecordsToCsv([record]).split('\r\n')).toEqual([
      'run_id,build_id,timestamp,environment,instance,database,role,access_level,actor,entity_ref,app_name,outcome,dry_run,steps,error,justification',
      'task-1,,2026-11-23T10:00:00.000Z,dev,embedded-pg17,payments_dev_db,payments_dev_user,editor,user:default/jane,component:default/payments,payments,blocked,false,role=blocked;database=planned,' +
        '"role ""payments_dev_user"" exists, but is not managed by the platform, ""hands off""",',
      '',
    ]);
  });

  it('writes the justification last, with formulas defused', () => {
    const lines = auditRecordsToCsv([
      { ...record, error: undefined, justification: 'Ledger, CHG-1042' },
      { ...record, error: undefined, justification: '=HYPERLINK("http://x")' },
    ]).split('\r\n');
    expect(lines[1]).toMatch(
      /,role=blocked;database=planned,,"Ledger, CHG-1042"$/,
    );
    expect(lines[2]).toMatch(
      /,role=blocked;database=planned,,"'=HYPERLINK\(""http:\/\/x""\)"$/,
    );
  });

  it('writes only the header when there are no records', () => {
    expect(auditRecordsToCsv([])).toMatch(/^run_id,.*,justification\r\n$/);
  });
});
