import type { AuditRecord } from '@internal/plugin-rds-common';
import { auditRecordsToCsv, csvCell } from './auditCsv';

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
      'run_id,build_id,timestamp,environment,instance,database,role,access_level,actor,entity_ref,app_name,outcome,dry_run,steps,error',
      'task-1,,2026-11-23T10:00:00.000Z,dev,embedded-pg17,payments_dev_db,payments_dev_user,editor,user:default/jane,component:default/payments,payments,blocked,false,role=blocked;database=planned,' +
        '"role ""payments_dev_user"" exists, but is not managed by the platform, ""hands off"""',
      '',
    ]);
  });

  it('writes only the header when there are no records', () => {
    expect(auditRecordsToCsv([])).toMatch(/^run_id,.*,error\r\n$/);
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlooks empty', "'\tlooks empty"],
  ])('defuses the formula %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes line breaks and keeps plain values as they are', () => {
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('payments_dev_db')).toBe('payments_dev_db');
  });
});
