import {
  ACCESS_LEVELS,
  AccessLevel,
  JUSTIFICATION_MAX_LENGTH,
  OUTCOME_PRECEDENCE,
  StepOutcome,
  RDS_APP_NAME_ANNOTATION,
  accessLevelDescriptions,
} from '@rds-self-service/plugin-rds-common';
import type { z as zod } from 'zod/v3';
import { sharedFields } from './schemaFields';

// The per-field form createTemplateAction takes (see schemaFields.ts); naming zod
// here lets tsc write the inferred input and output types into declarations.
type SchemaFields = Record<string, (zImpl: typeof zod) => zod.ZodType>;

/** What `rds:provision` takes; every field is described on `/create/actions`. */
export const provisionInput = {
  entityRef: sharedFields.entityRef(
    'Catalog entity that owns the database, e.g. component:default/payments. ' +
      'Its Database tab shows the status and the audit history.',
  ),
  appName: sharedFields.appName(
    'App name the names derive from: database <app>_<env>_db, login role <app>_<env>_user. ' +
      'Lowercase letter first, then a-z, 0-9 or _. Optional: without it the rds backend uses ' +
      `the entity's app name (its ${RDS_APP_NAME_ANNOTATION} annotation, else its name with - as _).`,
  ),
  environment: sharedFields.environment(
    'Environment whose Postgres instance gets the database, e.g. dev or prod ' +
      '(as configured in the rds backend). Some environments need approval.',
  ),
  accessLevel: z =>
    z
      .enum(ACCESS_LEVELS as [AccessLevel, ...AccessLevel[]])
      .describe(
        `What the login role may do. ${ACCESS_LEVELS.map(
          level => `${level}: ${accessLevelDescriptions[level]}`,
        ).join(' ')}`,
      ),
  buildId: z =>
    z
      .string()
      .optional()
      .describe(
        'Optional id of the CI build or change that asked for the database; kept in the audit record.',
      ),
  justification: z =>
    z
      .string()
      .max(JUSTIFICATION_MAX_LENGTH)
      .optional()
      .describe(
        'Why the database is needed. Required for environments that need approval (e.g. prod); ' +
          'kept in the audit record of the run (Database tab history and CSV).',
      ),
  rotatePassword: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Generate a new password and store it in the secret. Without it a re-run keeps the ' +
          'existing password.',
      ),
  confirmAccessLevelChange: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Confirms a lower access level than the existing login role has (owner to editor or reader, ' +
          'editor to reader). Without it such a run is blocked and nothing changes.',
      ),
  dryRun: z =>
    z
      .boolean()
      .optional()
      .describe(
        "Only plan: log the plan (passwords redacted) and change nothing, as the template editor's dry run does.",
      ),
} satisfies SchemaFields;

/** What `rds:provision` outputs, for the template's later steps and its output links. */
export const provisionOutput = {
  database: z => z.string().describe('Name of the database.'),
  role: z => z.string().describe('Login role the application connects as.'),
  secretName: z =>
    z
      .string()
      .describe(
        'Secrets Manager secret that holds the credentials (RDS rotation JSON shape).',
      ),
  secretArn: z =>
    z.string().optional().describe('ARN of the secret; not set in a dry run.'),
  outcome: z =>
    z
      .enum(OUTCOME_PRECEDENCE as [StepOutcome, ...StepOutcome[]])
      .describe(
        'How the run ended: created, updated, no_change; planned in a dry run (blocked if a real ' +
          'run would be blocked); pending_approval when the environment requires an approval the ' +
          'user cannot give: a pending request was made and nothing changed.',
      ),
  outcomeLabel: z =>
    z
      .string()
      .describe(
        'The outcome as people read it, the same words as the Database tab: Created, Updated, ' +
          'No change; Planned or Blocked in a dry run.',
      ),
  connect: z =>
    z
      .object({
        host: z.string().describe('Host of the Postgres instance.'),
        port: z.number().describe('Port of the Postgres instance.'),
        database: z.string().describe('Name of the database.'),
        user: z.string().describe('Login role, the secret’s username.'),
        secretName: z.string().describe('Name of the secret.'),
        secretArn: z.string().optional().describe('ARN of the secret.'),
        region: z.string().describe('Secrets Manager region of the secret.'),
        secretsManagerEndpoint: z
          .string()
          .optional()
          .describe(
            'Secrets Manager endpoint, when the rds backend uses one other than AWS’s (e.g. a local one).',
          ),
        readSecretCommand: z
          .string()
          .describe(
            'AWS CLI command that prints the secret’s JSON, with its region (and endpoint).',
          ),
        psqlCommand: z
          .string()
          .describe(
            'psql command that connects as the login role, reading the password from the secret (needs jq).',
          ),
        consoleUrl: z
          .string()
          .optional()
          .describe(
            'The secret in the AWS console; only when Secrets Manager is AWS’s endpoint.',
          ),
      })
      .optional()
      .describe(
        'How to connect: host, port, database, user, the secret and the commands that read it. ' +
          'Never the password. Not set in a dry run.',
      ),
  databaseTabUrl: z =>
    z
      .string()
      .describe("Absolute link to the Database tab of the entity's page."),
  databaseTabPath: z =>
    z
      .string()
      .describe(
        "The same link relative to the app, for the template's output links (they open in the same tab).",
      ),
  approvalRequestUrl: z =>
    z
      .string()
      .optional()
      .describe(
        'Absolute link to the pending approval request; only when the outcome is pending_approval.',
      ),
  approvalRequestPath: z =>
    z.string().optional().describe('The same link relative to the app.'),
} satisfies SchemaFields;
