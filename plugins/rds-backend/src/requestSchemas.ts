import { InputError } from '@backstage/errors';
import {
  parseProvisionRequest,
  ProvisionRequest,
} from '@internal/plugin-rds-common';
import { z } from 'zod';

const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The run options `POST /provision` takes besides the request itself (the
 * justification is part of the request: it goes to the audit record).
 */
const provisionOptionsSchema = z.object({
  dryRun: z.boolean({ message: 'dryRun must be true or false' }).optional(),
  runId: z
    .string()
    .min(1, 'runId must not be empty')
    .max(255, 'runId must be at most 255 characters')
    .regex(PRINTABLE, 'runId must be printable ASCII')
    .optional(),
});

/** Query of `GET /entities/:entityRef/audit`. */
const auditQuerySchema = z.object({
  environment: z.string().min(1).optional(),
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be between 1 and 500')
    .max(500, 'limit must be between 1 and 500')
    .default(50),
  offset: z.coerce
    .number({ message: 'offset must be a number' })
    .int('offset must be a whole number')
    .min(0, 'offset must be 0 or more')
    .default(0),
});

function problems(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = issue.path.join('.');
      return field && !issue.message.startsWith(field)
        ? `${field}: ${issue.message}`
        : issue.message;
    })
    .join('; ');
}

/** A ProvisionRequest from an untrusted body, or an InputError saying what to change. */
export function parseRequestBody(body: unknown): ProvisionRequest {
  const parsed = parseProvisionRequest(body);
  if (!parsed.success) {
    throw new InputError(`Invalid request: ${parsed.problems.join('; ')}`);
  }
  return parsed.data;
}

/** The request and run options of `POST /provision`. */
export function parseProvisionBody(body: unknown) {
  const request = parseRequestBody(body);
  const options = provisionOptionsSchema.safeParse(body);
  if (!options.success) {
    throw new InputError(`Invalid request: ${problems(options.error)}`);
  }
  return { request, ...options.data, dryRun: options.data.dryRun ?? false };
}

/** The audit list query, with defaults. */
export function parseAuditQuery(query: unknown) {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(`Invalid query: ${problems(parsed.error)}`);
  }
  return parsed.data;
}
