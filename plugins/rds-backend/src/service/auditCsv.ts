import type { AuditRecord } from '@internal/plugin-rds-common';

// The columns of the original script's governance/<env>/rds_provision_audit.csv, plus
// the Backstage context (entity, app, dry run, error) and the per-step outcomes.
const COLUMNS: Array<[string, (record: AuditRecord) => string]> = [
  ['run_id', r => r.runId],
  ['build_id', r => r.buildId ?? ''],
  ['timestamp', r => r.timestamp],
  ['environment', r => r.environment],
  ['instance', r => r.instance],
  ['database', r => r.database],
  ['role', r => r.role],
  ['access_level', r => r.accessLevel],
  ['actor', r => r.actor],
  ['entity_ref', r => r.entityRef ?? ''],
  ['app_name', r => r.appName],
  ['outcome', r => r.outcome],
  ['dry_run', r => String(r.dryRun)],
  ['steps', r => r.steps.map(s => `${s.id}=${s.outcome}`).join(';')],
  ['error', r => r.error ?? ''],
];

/**
 * One CSV cell. Quotes per RFC 4180, and defuses spreadsheet formulas: a cell
 * that starts with = + - @ or a control character is prefixed with a single
 * quote, so a crafted value (e.g. in an error message) cannot run in Excel.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim()
    ? `"${safe.replace(/"/g, '""')}"`
    : safe;
}

/** The audit records as CSV text with a header row and CRLF line ends. */
export function auditRecordsToCsv(records: AuditRecord[]): string {
  const lines = [
    COLUMNS.map(([name]) => name),
    ...records.map(record => COLUMNS.map(([, get]) => get(record))),
  ];
  return lines.map(cells => `${cells.map(csvCell).join(',')}\r\n`).join('');
}
