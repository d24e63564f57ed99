import type { ProvisionResult } from '@rds-self-service/plugin-rds-common';

/** A plain-text table; the last column is not padded. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map(r => (r[i] ?? '').length)),
  );
  return rows
    .map(r =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One line per app: what it is, how it ended, what changed or why not. */
export function summaryTable(
  results: Array<{ appName: string; result: ProvisionResult }>,
): string {
  const rows = [['APP', 'DATABASE', 'ROLE', 'ACCESS', 'OUTCOME', 'DETAILS']];
  for (const { appName, result: r } of results) {
    const changed = r.steps
      .filter(
        s =>
          s.outcome === 'created' ||
          s.outcome === 'updated' ||
          s.outcome === 'planned',
      )
      .map(s => `${s.id}:${s.outcome}`);
    const blocked = r.steps.find(
      s => s.outcome === 'blocked' && !s.message?.startsWith('not run'),
    );
    const details =
      r.error ?? blocked?.message ?? (changed.length ? changed.join(' ') : '-');
    rows.push([appName, r.database, r.role, r.accessLevel, r.outcome, details]);
  }
  return formatTable(rows);
}
