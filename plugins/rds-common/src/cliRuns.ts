/**
 * The run id prefix of runs started outside Backstage: the `rds-provision` CLI
 * and the CI jobs that call it. Such runs have no scaffolder task page; the
 * rds backend takes reported records only with it, and the Database tab shows
 * them as CI runs.
 *
 * @public
 */
export const CLI_RUN_ID_PREFIX = 'cli-';

/**
 * Whether an audit record is of a run the CLI (or CI) started and reported.
 *
 * @public
 */
export function isCliRun(record: { runId: string }): boolean {
  return record.runId.startsWith(CLI_RUN_ID_PREFIX);
}
