import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AuditPageQuery,
  parsePlanRequestBody,
  PlanRequestBody,
  validateEnvironmentName,
} from '@rds-self-service/plugin-rds-common';
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

/** Kind, namespace and name of up to 63 characters each fit with room to spare. */
const ENTITY_REF_MAX_LENGTH = 255;
/** Environment names become part of Postgres identifiers of at most 63 bytes. */
const ENVIRONMENT_MAX_LENGTH = 63;
/** No audit history is this long; anything above is a mistake, not a page. */
const OFFSET_MAX = 1_000_000_000;

/**
 * A single string path or query value, checked in order: bounded, then
 * printable, then `check`. Only the first problem is reported, so a huge or
 * binary value is never echoed back in the message (nor sent to Postgres,
 * which refuses NUL in text).
 */
function boundedText(
  field: string,
  maxLength: number,
  check: (value: string) => string | undefined,
) {
  return z
    .string({ message: `${field} must be given once, as text` })
    .superRefine((value, ctx) => {
      let problem: string | undefined;
      if (value.length > maxLength) {
        problem = `${field} must be at most ${maxLength} characters`;
      } else if (!PRINTABLE.test(value)) {
        problem = `${field} must be printable ASCII, without control characters`;
      } else {
        problem = check(value);
      }
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** `:entityRef` of the per-entity routes. */
const entityRefSchema = boundedText(
  'entityRef',
  ENTITY_REF_MAX_LENGTH,
  value => {
    try {
      parseEntityRef(value);
      return undefined;
    } catch {
      return `entityRef '${value}' is not an entity reference kind:namespace/name, like component:default/payments`;
    }
  },
);

/** `?environment=`: the name format of configured environments. */
const environmentSchema = boundedText(
  'environment',
  ENVIRONMENT_MAX_LENGTH,
  value =>
    value === ''
      ? 'environment must not be empty; leave it out for every environment'
      : validateEnvironmentName(value)[0],
);

/** A whole number from a query string: digits only, so no 1e3, 0x10, -0 or ' 5'. */
function wholeNumber(field: string, min: number, max: number, range: string) {
  return z
    .string({ message: `${field} must be given once, as a whole number` })
    .superRefine((value, ctx) => {
      if (!/^[0-9]+$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `${field} must be a whole number`,
        });
      } else if (Number(value) < min || Number(value) > max) {
        ctx.addIssue({ code: 'custom', message: `${field} must be ${range}` });
      }
    })
    .transform(Number);
}

/** Query of `GET /entities/:entityRef/audit.csv`. */
const auditCsvQuerySchema = z.object({
  environment: environmentSchema.optional(),
});

/** Query of `GET /entities/:entityRef/audit`. */
const auditQuerySchema = auditCsvQuerySchema.extend({
  limit: wholeNumber('limit', 1, 500, 'between 1 and 500').optional(),
  offset: wholeNumber(
    'offset',
    0,
    OFFSET_MAX,
    `between 0 and ${OFFSET_MAX}`,
  ).optional(),
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

/**
 * The request of `POST /plan` and `POST /provision` from an untrusted body, or
 * an InputError saying what to change. The app name may be left to the entity
 * (`entityRef`); the service fills it in before the engine sees the request.
 */
export function parseRequestBody(body: unknown): PlanRequestBody {
  const parsed = parsePlanRequestBody(body);
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

/** The entity ref of a per-entity route, or an InputError saying what is wrong. */
export function parseEntityRefParam(value: unknown): string {
  const parsed = entityRefSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`Invalid path: ${problems(parsed.error)}`);
  }
  return parsed.data;
}

/** The audit list query (rds-common's AuditPageQuery), with the defaults filled in. */
export function parseAuditQuery(
  query: unknown,
): AuditPageQuery & { limit: number; offset: number } {
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(`Invalid query: ${problems(parsed.error)}`);
  }
  const { environment, limit = 50, offset = 0 } = parsed.data;
  return { environment, limit, offset };
}

/** The audit CSV query (every row up to the export limit, so no paging). */
export function parseAuditCsvQuery(query: unknown) {
  const parsed = auditCsvQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError(`Invalid query: ${problems(parsed.error)}`);
  }
  return parsed.data;
}
