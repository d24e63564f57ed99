import { InputError } from '@backstage/errors';
import {
  ACCESS_LEVELS,
  CLI_RUN_ID_PREFIX,
  JUSTIFICATION_MAX_LENGTH,
  type AccessLevel,
  type AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import { z } from 'zod';

/** The most records one report may carry (a CI job reports one run per app). */
export const MAX_REPORTED_RECORDS = 200;

const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x20-\x7e]*$/, 'must be printable ASCII');

// The outcomes an engine run can end in; approval outcomes are the backend's own.
const RUN_OUTCOMES = [
  'created',
  'updated',
  'no_change',
  'blocked',
  'failed',
] as const;

const stepSchema = z.object({
  id: printable(100),
  kind: printable(100),
  target: z.string().max(300),
  outcome: z.enum(RUN_OUTCOMES),
  message: z.string().max(4000).optional(),
});

const recordSchema = z.object({
  runId: printable(255).refine(id => id.startsWith(CLI_RUN_ID_PREFIX), {
    message: `runId must start with "${CLI_RUN_ID_PREFIX}": reported runs are CLI runs`,
  }),
  buildId: printable(255).optional(),
  timestamp: z.string().datetime({ offset: true }),
  environment: printable(63),
  instance: printable(255),
  database: printable(63),
  role: printable(63),
  accessLevel: z.enum(ACCESS_LEVELS as [AccessLevel, ...AccessLevel[]]),
  actor: printable(255),
  entityRef: printable(255).optional(),
  appName: printable(63),
  justification: z.string().max(JUSTIFICATION_MAX_LENGTH).optional(),
  outcome: z.enum(RUN_OUTCOMES),
  // A dry run changed nothing; the CLI keeps those in its CSV.
  dryRun: z.literal(false),
  steps: z.array(stepSchema).max(100),
  error: z.string().max(4000).optional(),
});

const bodySchema = z.object({
  records: z.array(recordSchema).min(1).max(MAX_REPORTED_RECORDS),
});

/** The body of `POST /audit/records`, or an InputError naming every problem. */
export function parseReportedRecords(body: unknown): AuditRecord[] {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid audit records: ${parsed.error.issues
        .map(issue => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.records as AuditRecord[];
}
