import {
  DECOMMISSION_POLICIES,
  type DecommissionPolicy,
} from '@rds-self-service/plugin-rds-common';
import { provisionOutput } from './provision.schema';
import type { z as zod } from 'zod/v3';
import { sharedFields } from './schemaFields';

// The per-field form createTemplateAction takes (see schemaFields.ts); naming zod
// here lets tsc write the inferred input and output types into declarations.
type SchemaFields = Record<string, (zImpl: typeof zod) => zod.ZodType>;

/** What `rds:decommission` takes; every field is described on `/create/actions`. */
export const decommissionInput = {
  entityRef: sharedFields.entityRef(
    'Catalog entity that owns the database, e.g. component:default/payments; its app name names the database unless appName is given.',
  ),
  appName: sharedFields.appName(
    "App whose database <app>_<env>_db is decommissioned. Optional: the entity's app name otherwise.",
  ),
  environment: sharedFields.environment(
    'Environment of the database, e.g. dev or prod. Outside dev a decommission needs approval.',
  ),
  policy: z =>
    z
      .enum(
        DECOMMISSION_POLICIES as unknown as [
          DecommissionPolicy,
          ...DecommissionPolicy[],
        ],
      )
      .optional()
      .describe(
        "retain: logins disabled and sessions ended, data and secret kept (provisioning again brings it back). snapshot-and-delete: pg_dump to the environment's destination, verified, then delete. delete: drop database and roles, delete the secret (restorable within its recovery window). Default: the environment's policy; a request may only ask for a less destructive one.",
      ),
  justification: z =>
    z
      .string()
      .max(2000)
      .optional()
      .describe('Why (e.g. a change ticket), kept in the audit record only.'),
  confirm: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Must be true for a run that deletes anything (policy snapshot-and-delete or delete); a dry run needs no confirmation.',
      ),
} satisfies SchemaFields;

/** What `rds:decommission` returns. */
export const decommissionOutput = {
  outcome: z =>
    z
      .string()
      .describe(
        'How the run ended: deleted, updated, no_change, planned, blocked, pending_approval.',
      ),
  outcomeLabel: z =>
    z.string().describe('The outcome as people read it, e.g. Deleted.'),
  policy: z => z.string().describe('The policy applied.'),
  database: z => z.string().describe('The database.'),
  dumpLocation: z =>
    z
      .string()
      .optional()
      .describe('Where the verified dump is (snapshot-and-delete).'),
  secretRestorableUntil: z =>
    z
      .string()
      .optional()
      .describe('Until when the deleted secret can be restored (ISO 8601).'),
  databaseTabUrl: z => z.string().describe("The entity's Database tab."),
  databaseTabPath: z =>
    z.string().describe("The entity's Database tab, relative to the app."),
  approvalRequestUrl: provisionOutput.approvalRequestUrl,
  approvalRequestPath: provisionOutput.approvalRequestPath,
} satisfies SchemaFields;
