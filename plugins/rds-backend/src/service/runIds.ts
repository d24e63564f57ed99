import { randomUUID } from 'node:crypto';

/**
 * The run id of a run whose caller gave none (a call to the REST API rather than a scaffolder
 * task, which passes its task id). Not a bare UUID: the frontend links run ids shaped like
 * scaffolder task ids to the task page, and these runs have no task.
 */
export function newApiRunId(): string {
  return `api-${randomUUID()}`;
}
