import { InputError } from '@backstage/errors';
import type {
  ApprovalRequestStatus,
  ApproveRequestBody,
  RejectRequestBody,
} from '@rds-self-service/plugin-rds-common';
import { z } from 'zod';

const COMMENT_MAX_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const comment = z
  .string({ message: 'comment must be text' })
  .max(
    COMMENT_MAX_LENGTH,
    `comment must be at most ${COMMENT_MAX_LENGTH} characters`,
  );

const approveSchema = z
  .object({
    planHash: z
      .string({
        message: 'planHash is required: the SHA-256 of the plan you approve',
      })
      .regex(
        /^[0-9a-f]{64}$/,
        'planHash must be the plan’s SHA-256, 64 hex digits',
      ),
    comment: comment.optional(),
  })
  .strict();

const rejectSchema = z
  .object({
    comment: comment.refine(c => c.trim().length > 0, 'comment must say why'),
  })
  .strict();

const STATUSES = [
  'pending',
  'applying',
  'approved',
  'failed',
  'rejected',
  'expired',
  'all',
] as const;
const listQuerySchema = z.object({
  status: z
    .enum(STATUSES, {
      message: `status must be one of: ${STATUSES.join(', ')}`,
    })
    .optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      )
      .join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return parsed.data;
}

/** `:id` of the request routes. */
export function parseRequestId(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new InputError('Invalid path: the request id must be a UUID');
  }
  return value;
}

/** The body of `POST /requests/:id/approve`. */
export function parseApproveBody(body: unknown): ApproveRequestBody {
  const parsed = parse(approveSchema, body, 'approval');
  const text = parsed.comment?.trim();
  return { planHash: parsed.planHash, ...(text && { comment: text }) };
}

/** The body of `POST /requests/:id/reject`. */
export function parseRejectBody(body: unknown): RejectRequestBody {
  return { comment: parse(rejectSchema, body, 'rejection').comment.trim() };
}

/** `?status=` of the list routes: pending by default, `all` for every status. */
export function parseListQuery(query: unknown): {
  status?: ApprovalRequestStatus;
} {
  const { status = 'pending' } = parse(listQuerySchema, query, 'query');
  return status === 'all' ? {} : { status };
}
