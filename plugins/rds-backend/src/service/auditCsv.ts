import type { AuditRecord } from '@internal/plugin-rds-common';
import { csvCell } from '@internal/plugin-rds-node';

// The columns of the original script's governance/<env>/rds_provision_audit.csv, plus
// the Backstage context (entity, app, dry run, error, justification) and the per-step
// outcomes. New columns go at the end, for readers that go by position.
const COLUMNS: Array<[string, (record: AuditRecord) => string | undefined]> = [
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
  ['dry_run', r => String(r.dryRun)],
  ['steps', r => r.steps.map(s => `${s.id}=${s.outcome}`).join(';')],
  ['error', r => r.error],
  ['justification', r => r.justification],
];

/**
 * The audit records as CSV text with a header row and CRLF line ends. Cells go
 * through the engine's csvCell, which defuses spreadsheet formulas in free
 * text (error messages, justifications).
 */
export function auditRecordsToCsv(records: AuditRecord[]): string {
  const lines = [
    COLUMNS.map(([name]) => name),
    ...records.map(record => COLUMNS.map(([, get]) => get(record))),
  ];
  return lines.map(cells => `${cells.map(csvCell).join(',')}\r\n`).join('');
}
