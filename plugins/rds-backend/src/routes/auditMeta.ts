import type { JsonObject } from '@backstage/types';

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
