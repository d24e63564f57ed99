import { z } from 'zod';
import type { PlanTarget, ProvisionResult, RunOutcome } from './types';
import { validateAppNameFormat, validateEnvironmentName } from './validation';

/**
 * What decommissioning does with an app's database, least destructive first:
 * `retain` disables the login and ends its sessions (data and secret kept, undone by
 * provisioning again); `snapshot-and-delete` dumps the database (`pg_dump`), verifies the
 * dump, then deletes; `delete` deletes without a dump.
 *
 * @public
 */
export const DECOMMISSION_POLICIES = [
  'retain',
  'snapshot-and-delete',
  'delete',
] as const;

/**
 * One of {@link DECOMMISSION_POLICIES}.
 *
 * @public
 */
export type DecommissionPolicy = (typeof DECOMMISSION_POLICIES)[number];

/**
 * Whether a request's policy stays within the environment's: a request may only narrow
 * the configured policy to a less destructive one.
 *
 * @public
 */
export function policyAllowed(
  requested: DecommissionPolicy,
  configured: DecommissionPolicy,
): boolean {
  return (
    DECOMMISSION_POLICIES.indexOf(requested) <=
    DECOMMISSION_POLICIES.indexOf(configured)
  );
}

/**
 * What a team asks for: decommission one app's database in one environment.
 *
 * @public
 */
export interface DecommissionRequest {
  /** The app whose database, roles and secret are decommissioned. */
  appName: string;
  /** The configured environment. */
  environment: string;
  /** The policy; the environment's (`rds.environments.<env>.decommission.policy`) when absent. */
  policy?: DecommissionPolicy;
  /** Catalog entity the database belongs to. */
  entityRef?: string;
  /** CI build or scaffolder task that asked. */
  buildId?: string;
  /** Why (free text, e.g. a change ticket), kept in the audit record only. */
  justification?: string;
}

/**
 * The body of the rds backend's `POST /decommission`: the app name may be left out when
 * `entityRef` is given (the entity's app name is used).
 *
 * @public
 */
export type DecommissionRequestBody = Omit<DecommissionRequest, 'appName'> & {
  appName?: string;
  /** The run id of the audit record (the scaffolder passes its task id). */
  runId?: string;
  /** Only plan: the preflight and the steps, nothing changed. */
  dryRun?: boolean;
};

/**
 * A session connected to the database or logged in as one of the app's roles.
 *
 * @public
 */
export interface DecommissionSession {
  /** The backend's process id. */
  pid: number;
  /** The session's login role. */
  user: string;
  /** The database it is connected to. */
  database: string;
  /** Its `application_name`. */
  application: string;
  /** `active`, `idle`, `idle in transaction`, ... */
  state: string;
  /** The role is one of the app's (the run ends it), not someone else's (it blocks). */
  managed: boolean;
}

/**
 * What the preflight found, shown in the plan and the dry run.
 *
 * @public
 */
export interface DecommissionPreflight {
  /** Sessions that the run would end, or that block it. */
  sessions: DecommissionSession[];
  /** Prepared transactions in the database (they block `DROP DATABASE`). */
  preparedTransactions: string[];
  /** Logical replication slots of the database (they would be lost; they block). */
  replicationSlots: string[];
  /** Subscriptions in the database (they would be lost; they block). */
  subscriptions: string[];
  /** What would be dropped (database, roles). */
  drops: string[];
  /** What would be dumped, and where. */
  dumps: string[];
  /** What would be deleted (the secret, with its recovery window). */
  deletes: string[];
  /** What would be disabled (the login). */
  disables: string[];
  /** The `pg_dump` that would run, when the policy dumps. */
  pgDump?: { path: string; version?: string; serverVersion: string };
  /** Dumps of this database already at the destination, newest first. */
  existingDumps: string[];
}

/**
 * What a decommission would do: the preflight and the ordered steps.
 *
 * @public
 */
export interface DecommissionPlan extends PlanTarget {
  /** The request, with the policy resolved. */
  request: DecommissionRequest & { policy: DecommissionPolicy };
  /** What the preflight found. */
  preflight: DecommissionPreflight;
}

/**
 * What a decommission run returns (the fields it shares with a provisioning result, plus its
 * own). Blocked and failed runs are results.
 *
 * @public
 */
export interface DecommissionResult
  extends Pick<
    ProvisionResult,
    | 'runId'
    | 'dryRun'
    | 'outcome'
    | 'environment'
    | 'instance'
    | 'database'
    | 'role'
    | 'secretName'
    | 'steps'
    | 'error'
    | 'approvalRequest'
  > {
  /** The policy applied. */
  policy: DecommissionPolicy;
  /** Where the verified dump is (a path or an `s3://` URL). */
  dumpLocation?: string;
  /** Until when the deleted secret can be restored (ISO 8601). */
  secretRestorableUntil?: string;
  /** What the preflight found. */
  preflight: DecommissionPreflight;
}

/**
 * The decommission facts of an audit record.
 *
 * @public
 */
export interface DecommissionFacts {
  /** The policy applied. */
  policy: DecommissionPolicy;
  /** Where the dump is. */
  dumpLocation?: string;
  /** Until when the secret can be restored (ISO 8601). */
  secretRestorableUntil?: string;
}

/**
 * A database's last decommission, for the Database tab.
 *
 * @public
 */
export interface DecommissionSummary extends DecommissionFacts {
  /** When (ISO 8601). */
  at: string;
  /** Who. */
  by: string;
  /** The run id. */
  runId: string;
  /** How it ended. */
  outcome: RunOutcome;
}

const PRINTABLE = /^[\x20-\x7e]*$/;

const decommissionBodySchema = z
  .object({
    appName: z
      .string()
      .superRefine((value, ctx) => {
        for (const message of validateAppNameFormat(value)) {
          ctx.addIssue({ code: 'custom', message });
        }
      })
      .optional(),
    environment: z.string().superRefine((value, ctx) => {
      for (const message of validateEnvironmentName(value)) {
        ctx.addIssue({ code: 'custom', message });
      }
    }),
    policy: z
      .enum(DECOMMISSION_POLICIES, {
        message: `policy must be one of ${DECOMMISSION_POLICIES.join(', ')}`,
      })
      .optional(),
    entityRef: z.string().max(255).regex(PRINTABLE).optional(),
    buildId: z.string().max(255).regex(PRINTABLE).optional(),
    justification: z.string().max(2000).optional(),
    runId: z.string().min(1).max(255).regex(PRINTABLE).optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine(v => v.appName !== undefined || v.entityRef !== undefined, {
    message: 'give an appName or an entityRef',
  });

/**
 * Checks the body of `POST /decommission`; every problem as one phrase naming its field.
 *
 * @public
 */
export function parseDecommissionRequestBody(
  body: unknown,
):
  | { success: true; data: DecommissionRequestBody }
  | { success: false; problems: string[] } {
  const parsed = decommissionBodySchema.safeParse(body);
  if (parsed.success) return { success: true, data: parsed.data };
  return {
    success: false,
    problems: parsed.error.issues.map(i =>
      i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
    ),
  };
}
