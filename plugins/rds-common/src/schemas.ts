import { z } from 'zod';
import { ACCESS_LEVELS, type AccessLevel } from './accessLevels';
import {
  validateAppNameFormat,
  validateEnvironmentName,
  validateNameLength,
} from './validation';
import type { ProvisionRequest } from './types';

/** Build ids and entity refs end up in tags and CSV cells: printable ASCII only. */
const PRINTABLE = /^[\x20-\x7e]*$/;

/** The longest justification a request may carry. */
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

/**
 * zod schema of a {@link ProvisionRequest}. App name and environment are checked together
 * (the identifier limit depends on both); each problem is reported on `appName` or
 * `environment` with a message saying what is allowed.
 */
export const provisionRequestSchema = z
  .object({
    // Field-level checks run even when another field fails, so every problem is reported.
    appName: z.string().superRefine((value, ctx) => {
      for (const message of validateAppNameFormat(value)) {
        ctx.addIssue({ code: 'custom', message });
      }
    }),
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
  })
  .superRefine((value, ctx) => {
    const tooLong = validateNameLength(value.appName, value.environment);
    if (tooLong)
      ctx.addIssue({ code: 'custom', path: ['appName'], message: tooLong });
  });

/** Result of {@link parseProvisionRequest}. */
export type ParseResult =
  | { success: true; data: ProvisionRequest }
  | { success: false; problems: string[] };

/** Parses an untrusted request into a {@link ProvisionRequest} or a list of readable problems. */
export function parseProvisionRequest(input: unknown): ParseResult {
  const parsed = provisionRequestSchema.safeParse(input);
  if (parsed.success) {
    return { success: true, data: parsed.data as ProvisionRequest };
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
