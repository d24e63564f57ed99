import type { AuditRecord } from '@rds-self-service/plugin-rds-common';

/**
 * The audit CSV, the one format of every audit file (the CLI's
 * `governance/<env>/rds_provision_audit.csv` and the backend's export): the original script's
 * columns in its order (run, build, time, where, what, who, step outcomes), plus the Backstage
 * context. New columns go at the end, for readers that go by position.
 */
const COLUMNS: Array<[string, (record: AuditRecord) => unknown]> = [
  ['run_id', r => r.runId],
  ['build_id', r => r.buildId],
  ['timestamp', r => r.timestamp],
  ['environment', r => r.environment],
  ['instance', r => r.instance],
  ['database', r => r.database],
  ['role', r => r.role],
  ['access_level', r => r.accessLevel],
  ['actor', r => r.actor],
  ['entity_ref', r => r.entityRef],
  ['app_name', r => r.appName],
  ['outcome', r => r.outcome],
  ['dry_run', r => r.dryRun],
  ['steps', r => r.steps.map(s => `${s.id}=${s.outcome}`).join(';')],
  ['error', r => r.error],
  ['justification', r => r.justification],
  // The approval workflow: the request a record belongs to, who asked, who decided.
  ['request_id', r => r.requestId],
  ['requested_by', r => r.requestedBy],
  ['decided_by', r => r.decidedBy],
];

/** Column names of the audit CSV, in order. */
export const AUDIT_CSV_COLUMNS: readonly string[] = COLUMNS.map(([n]) => n);

/** RFC 4180 line end. */
const EOL = '\r\n';

/**
 * One CSV cell, for every audit CSV (the CLI's file and the backend's export).
 * RFC 4180 quoting (also around leading or trailing spaces, which spreadsheets
 * drop otherwise), plus a leading `'` for cells a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR): audit files get opened in spreadsheets,
 * and error messages and justifications are free text.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** One CSV line (with its CRLF) for a record. Steps read `id=outcome;id=outcome`. */
export function auditCsvLine(record: AuditRecord): string {
  return `${COLUMNS.map(([, get]) => csvCell(get(record))).join(',')}${EOL}`;
}

/** The header line (with its CRLF). */
export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}${EOL}`;
}

/**
 * Records as a whole CSV file: the header, then one line per record.
 *
 * @public
 */
export function auditRecordsToCsv(records: AuditRecord[]): string {
  return auditCsvHeader() + records.map(auditCsvLine).join('');
}
