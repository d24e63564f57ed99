import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import { CsvAuditSink } from './CsvAuditSink';
import { auditRecordsToCsv, csvCell } from './csv';

const record: AuditRecord = {
  runId: 'r1',
  buildId: 'b,1',
  timestamp: '2026-01-01T00:00:00.000Z',
  environment: 'dev',
  instance: 'main',
  database: 'pay_dev_db',
  role: 'pay_dev_user',
  accessLevel: 'editor',
  actor: 'user:default/jane',
  appName: 'pay',
  outcome: 'failed',
  dryRun: false,
  steps: [
    {
      id: 'role.owner',
      kind: 'role',
      target: 'pay_dev_owner',
      outcome: 'created',
    },
    { id: 'secret', kind: 'secret', target: 'rds/dev/pay', outcome: 'failed' },
  ],
  error: 'step secret failed: "quoted"\nsecond line',
};

describe('audit CSV', () => {
  it('quotes cells per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tlooks empty', "'\tlooks empty"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('defuses the formula %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes line breaks and surrounding spaces, and keeps plain values as they are', () => {
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('payments_dev_db')).toBe('payments_dev_db');
  });

  it('writes the header once and one line per record', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rds-csv-'));
    const sink = CsvAuditSink.forEnvironment(
      path.join(dir, 'governance'),
      'dev',
    );
    expect(sink.file).toBe(
      path.join(dir, 'governance', 'dev', 'rds_provision_audit.csv'),
    );
    await Promise.all([
      sink.write(record),
      sink.write({
        ...record,
        runId: 'r2',
        outcome: 'no_change',
        error: undefined,
      }),
    ]);
    const text = readFileSync(sink.file, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'run_id,build_id,timestamp,environment,instance,database,role,access_level,actor,entity_ref,app_name,outcome,dry_run,steps,error,justification,request_id,requested_by,decided_by',
    );
    expect(text.match(/^run_id,/gm)).toHaveLength(1);
    expect(text).toContain(
      'r1,"b,1",2026-01-01T00:00:00.000Z,dev,main,pay_dev_db,pay_dev_user,editor,user:default/jane,,pay,failed,false,role.owner=created;secret=failed,"step secret failed: ""quoted""\nsecond line",,,,\r\n',
    );
    expect(text).toContain('\r\nr2,');
  });

  it('has the header first and every line whole when many runs write a new file at once', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'rds-csv-race-'));
      const sink = CsvAuditSink.forEnvironment(dir, 'dev');
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          sink.write({ ...record, runId: `run-${i}`, error: undefined }),
        ),
      );
      const lines = readFileSync(sink.file, 'utf8').trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^run_id,build_id,/);
      expect(
        lines
          .slice(1)
          .map(l => l.split(',')[0])
          .sort(),
      ).toEqual(Array.from({ length: 20 }, (_, i) => `run-${i}`).sort());
      // No temp file is left behind.
      expect(readdirSync(path.dirname(sink.file))).toEqual([
        'rds_provision_audit.csv',
      ]);
    }
  });

  it('writes a whole file: header, one row per record, the justification last with formulas defused', () => {
    const lines = auditRecordsToCsv([
      { ...record, error: undefined, justification: 'Ledger, CHG-1042' },
      { ...record, error: undefined, justification: '=HYPERLINK("http://x")' },
    ]).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^run_id,.*,justification,request_id,requested_by,decided_by$/,
    );
    expect(lines[1]).toMatch(
      /,role\.owner=created;secret=failed,,"Ledger, CHG-1042",,,$/,
    );
    expect(lines[2]).toMatch(
      /,role\.owner=created;secret=failed,,"'=HYPERLINK\(""http:\/\/x""\)",,,$/,
    );
    expect(lines[3]).toBe('');
    expect(auditRecordsToCsv([])).toMatch(
      /^run_id,.*,justification,request_id,requested_by,decided_by\r\n$/,
    );
  });
});
