import type {
  DecommissionPolicy,
  DecommissionPreflight,
  DecommissionSession,
  PlanStep,
} from '@rds-self-service/plugin-rds-common';
import type { ClusterState, RoleState } from '../introspect/types';
import type { SecretState } from '../secrets/SecretsManagerStore';
import type { SqlStatement } from '../sql/statement';

/** What a decommission step does, as data; the executor runs it. */
export type DecommissionOp =
  /** Nothing to run (a check, or already done). */
  | { op: 'none' }
  /** Statements in one transaction on the admin session. */
  | { op: 'sql'; statements: SqlStatement[] }
  /**
   * Ends the sessions of the app's roles and on its database. The admin takes the app's roles
   * for the transaction only (pg_terminate_backend needs their privileges) and rolls it back.
   */
  | { op: 'terminate'; roles: string[]; database: string }
  /** pg_dump to the destination, verified readable. */
  | { op: 'dump'; database: string }
  /** `DROP DATABASE ... WITH (FORCE)`, outside a transaction. */
  | { op: 'dropDatabase'; database: string }
  /** Drops what the roles still own or hold (shared objects), then the roles. */
  | { op: 'dropRoles'; roles: string[] }
  /** Schedules the secret's deletion with a recovery window. */
  | { op: 'deleteSecret'; name: string; recoveryDays: number };

/** A plan step plus how to run it. */
export interface DecommissionStep extends PlanStep {
  run: DecommissionOp;
}

/** The `pg_dump` that a snapshot would run. */
export interface PgDumpInfo {
  path: string;
  /** `pg_dump --version`'s version, e.g. `15.18`. */
  version?: string;
  major?: number;
  /** Why it could not be run. */
  error?: string;
}

/** A role of the app with objects or privileges the run cannot drop with the database. */
export interface ForeignDependency {
  role: string;
  /** The database they are in; empty for shared objects. */
  database: string;
  /** `owns` or `holds privileges on`. */
  kind: string;
}

/** Everything the decommission planner reads, before any change. */
export interface DecommissionState {
  cluster: ClusterState;
  /**
   * `<login>_clone`, the alternating-users rotation login, when it exists and is provably the
   * platform's (one that is not is left alone).
   */
  clone?: RoleState;
  sessions: DecommissionSession[];
  preparedTransactions: string[];
  replicationSlots: string[];
  subscriptions: string[];
  dependencies: ForeignDependency[];
  secret: SecretState;
  secretName: string;
  pgDump?: PgDumpInfo;
  existingDumps: string[];
}

/** A built decommission plan. */
export interface BuiltDecommission {
  policy: DecommissionPolicy;
  steps: DecommissionStep[];
  preflight: DecommissionPreflight;
  blocked: boolean;
}

/** A built plan with the state it was read from. */
export interface PlannedDecommission extends BuiltDecommission {
  state: DecommissionState;
}
