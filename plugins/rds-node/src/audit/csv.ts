import type { AuditRecord } from '@internal/plugin-rds-common';

/** Columns of the audit CSV, in order (the original script's file, extended). */
export const AUDIT_CSV_COLUMNS = [
  'timestamp',
  'run_id',
  'build_id',
  'environment',
  'instance',
  'database',
  'role',
  'access_level',
  'actor',
  'entity_ref',
  'app',
  'outcome',
  'dry_run',
  'steps',
  'error',
] as const;

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

/** One CSV line (with `\n`) for a record. Steps read `id:outcome;id:outcome`. */
export function auditCsvLine(record: AuditRecord): string {
  const cells = [
    record.timestamp,
    record.runId,
    record.buildId,
    record.environment,
    record.instance,
    record.database,
    record.role,
    record.accessLevel,
    record.actor,
    record.entityRef,
    record.appName,
    record.outcome,
    record.dryRun,
    record.steps.map(s => `${s.id}:${s.outcome}`).join(';'),
    record.error,
  ];
  return `${cells.map(csvCell).join(',')}\n`;
}

/** The header line (with `\n`). */
export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\n`;
}
