import type { JsonObject } from '@backstage/types';
import type { ProvisionResult } from '@rds-self-service/plugin-rds-common';

/**
 * What was asked, for the auditor: only the named fields of a request body, and only
 * strings (cut at 2000 characters) and booleans, so no secret or unknown field ever
 * reaches an audit event.
 */
export function requestMetaOf(body: unknown, keys: string[]): JsonObject {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const meta: JsonObject = {};
  for (const key of keys) {
    const value = b[key];
    if (typeof value === 'string' || typeof value === 'boolean') {
      meta[key] = typeof value === 'string' ? value.slice(0, 2000) : value;
    }
  }
  return meta;
}

/** The fields of a request body that every run request (provision, decommission) has. */
const runRequestFields = [
  'environment',
  'appName',
  'entityRef',
  'buildId',
  'runId',
  'dryRun',
];

/**
 * The auditor's meta of a run request: the fields every run has and the
 * `fields` of its kind (see {@link requestMetaOf}).
 */
export function runRequestMeta(
  ...fields: string[]
): (body: unknown) => JsonObject {
  const keys = [...runRequestFields, ...fields];
  return body => requestMetaOf(body, keys);
}

/** The auditor's meta of a run's result: what every run (provision, decommission) reports. */
export function runResultMeta(
  result: Pick<
    ProvisionResult,
    'runId' | 'outcome' | 'dryRun' | 'instance' | 'database'
  >,
): JsonObject {
  const { runId, outcome, dryRun, instance, database } = result;
  return { runId, outcome, dryRun, instance, database };
}
