import { z } from 'zod';
import { ACCESS_LEVELS, type AccessLevel } from './accessLevels';
import {
  validateAppNameFormat,
  validateEnvironmentName,
  validateNameLength,
} from './validation';
import type { PlanRequestBody, ProvisionRequest } from './types';

/** Build ids and entity refs end up in tags and CSV cells: printable ASCII only. */
const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The longest justification a request may carry.
 *
 * @public
 */
export const JUSTIFICATION_MAX_LENGTH = 2000;

// Free text, but no control characters besides tab and line breaks: Postgres
// refuses NUL in text, and the others only hide content in the audit views.
function hasControlChars(value: string): boolean {
  return [...value].some(ch => {
    const code = ch.charCodeAt(0);
    const lineBreakOrTab = ch === '\t' || ch === '\n' || ch === '\r';
    return (code < 0x20 && !lineBreakOrTab) || code === 0x7f;
  });
}

/** Each problem of an app name on its own is an issue of its own. */
const appNameSchema = z.string().superRefine((value, ctx) => {
  for (const message of validateAppNameFormat(value)) {
    ctx.addIssue({ code: 'custom', message });
  }
});

// Field-level checks run even when another field fails, so every problem is reported.
const requestFields = {
  appName: appNameSchema,
  environment: z.string().superRefine((value, ctx) => {
    for (const message of validateEnvironmentName(value)) {
      ctx.addIssue({ code: 'custom', message });
    }
  }),
  accessLevel: z.enum(ACCESS_LEVELS as [AccessLevel, ...AccessLevel[]], {
    message: `accessLevel must be one of ${ACCESS_LEVELS.join(', ')}`,
  }),
  entityRef: z
    .string()
    .max(255)
    .regex(PRINTABLE, 'entityRef must be printable ASCII')
    .optional(),
  buildId: z
    .string()
    .max(255)
    .regex(PRINTABLE, 'buildId must be printable ASCII')
    .optional(),
  rotatePassword: z.boolean().optional(),
  confirmAccessLevelChange: z.boolean().optional(),
  justification: z
    .string()
    .max(
      JUSTIFICATION_MAX_LENGTH,
      `justification must be at most ${JUSTIFICATION_MAX_LENGTH} characters`,
    )
    .refine(value => !hasControlChars(value), {
      message:
        'justification must not contain control characters (tabs and line breaks are fine)',
    })
    .optional(),
};

/** App name and environment together: the identifier limit depends on both. */
function checkNameLength(
  value: { appName?: string; environment: string },
  ctx: z.RefinementCtx,
) {
  if (value.appName === undefined) return;
  const tooLong = validateNameLength(value.appName, value.environment);
  if (tooLong)
    ctx.addIssue({ code: 'custom', path: ['appName'], message: tooLong });
}

/**
 * zod schema of a {@link ProvisionRequest}, what the engine takes. App name and
 * environment are checked together (the identifier limit depends on both); each
 * problem is reported on `appName` or `environment` with a message saying what
 * is allowed.
 */
export const provisionRequestSchema = z
  .object(requestFields)
  .superRefine(checkNameLength);

/**
 * What a request without an app name and without an entity ref is told.
 *
 * @public
 */
export const APP_NAME_OR_ENTITY_REF_MESSAGE =
  'appName is required without an entityRef: give an appName, or the entityRef of the catalog entity ' +
  "whose app name to use (its rds.platform/app-name annotation, else its name with '-' as '_')";

/**
 * zod schema of a {@link PlanRequestBody}, what the rds backend's `POST /plan`
 * and `POST /provision` take: a {@link ProvisionRequest} whose app name may be
 * left out when `entityRef` names the entity it belongs to. A given app name is
 * checked exactly as {@link provisionRequestSchema} checks it.
 */
export const planRequestBodySchema = z
  .object({ ...requestFields, appName: appNameSchema.optional() })
  .superRefine((value, ctx) => {
    if (value.appName === undefined && value.entityRef === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['appName'],
        message: APP_NAME_OR_ENTITY_REF_MESSAGE,
      });
    }
    checkNameLength(value, ctx);
  });

/**
 * Result of {@link parseProvisionRequest} and {@link parsePlanRequestBody}.
 *
 * @public
 */
export type ParseResult<T = ProvisionRequest> =
  | { success: true; data: T }
  | { success: false; problems: string[] };

/** The data, or the problems as readable sentences that name their field. */
function toParseResult<T>(
  parsed: ReturnType<z.ZodType['safeParse']>,
): ParseResult<T> {
  if (parsed.success) {
    return { success: true, data: parsed.data as T };
  }
  const problems = parsed.error.issues.map(issue => {
    const field = issue.path.join('.');
    // Our own messages already name the field ("app name ..."); zod's built-in ones do not.
    const named =
      issue.code === 'custom' ||
      issue.message.startsWith(String(issue.path[0]));
    return field && !named ? `${field}: ${issue.message}` : issue.message;
  });
  return { success: false, problems };
}

/**
 * Parses an untrusted request into a {@link ProvisionRequest} (app name
 * required, as the engine needs it) or a list of readable problems.
 *
 * @public
 */
export function parseProvisionRequest(input: unknown): ParseResult {
  return toParseResult(provisionRequestSchema.safeParse(input));
}

/**
 * Parses an untrusted rds backend request body into a {@link PlanRequestBody}
 * (app name optional with an entity ref) or a list of readable problems.
 *
 * @public
 */
export function parsePlanRequestBody(
  input: unknown,
): ParseResult<PlanRequestBody> {
  return toParseResult(planRequestBodySchema.safeParse(input));
}
