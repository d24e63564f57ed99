import {
  policyAllowed,
  type DecommissionPolicy,
  type DecommissionPreflight,
  type DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import type { RoleState } from '../introspect/types';
import { unmanagedRoleMessage } from '../plan/guardrails';
import { ROLE_KINDS, roleNames } from '../plan/model';
import { grantProvenance, planProvenance } from '../plan/provenance';
import { MANAGED_BY } from '../plan/secretSteps';
import { quoteIdent } from '../sql/quote';
import { sql } from '../sql/statement';
import type { resolveDecommissionConfig } from './config';
import {
  blockingObjectsMessage,
  decommissionApprovalMessage,
  dependenciesMessage,
  foreignDatabaseOwner,
  foreignSessionsMessage,
  pgDumpMessage,
  policyMessage,
} from './messages';
import { dropRolesSql, terminateSql } from './sql';
import type {
  BuiltDecommission,
  DecommissionState,
  DecommissionStep,
} from './types';

/** What the decommission planner needs; all read before any change. */
export interface DecommissionPlanInputs {
  environment: string;
  names: DerivedNames;
  policy: DecommissionPolicy;
  config: ReturnType<typeof resolveDecommissionConfig>;
  state: DecommissionState;
  approved: boolean;
  /** The destination's name for a new dump, e.g. `s3://bucket/dev/`. */
  dumpTarget: string;
}

type Base = Pick<DecommissionStep, 'id' | 'kind' | 'target'>;

const check = (base: Base, reason: string): DecommissionStep => ({
  ...base,
  action: 'none',
  sql: [],
  reason,
  run: { op: 'none' },
});
const block = (base: Base, reason: string): DecommissionStep => ({
  ...base,
  action: 'block',
  sql: [],
  reason,
  run: { op: 'none' },
});

/** The checks that keep the run from touching anything that is not provably the platform's. */
function preflightBlocks(inputs: DecommissionPlanInputs): DecommissionStep[] {
  const { state, names, policy, config, environment } = inputs;
  const { cluster } = state;
  const deletes = policy !== 'retain';
  const out: DecommissionStep[] = [];
  if (!policyAllowed(policy, config.policy)) {
    out.push(
      block(
        { id: 'policy', kind: 'policy', target: environment },
        policyMessage(environment, policy, config.policy),
      ),
    );
  }
  const provenance = planProvenance(cluster);
  if (provenance.action === 'block') {
    out.push(block(provenance, provenance.reason));
  }
  for (const kind of ROLE_KINDS) {
    const role: RoleState = cluster.roles[kind];
    const base = {
      id: `preflight.role.${kind}`,
      kind: 'role',
      target: role.name,
    };
    if (role.exists && !role.provenance) {
      out.push(
        block(
          base,
          unmanagedRoleMessage(
            role.name,
            cluster.provenance.name,
            cluster.admin,
            grantProvenance(cluster, role.name).redacted,
            role.comment,
          ),
        ),
      );
    } else if (role.exists && role.superuser) {
      out.push(
        block(
          base,
          `role "${
            role.name
          }" was made a superuser outside the platform; the platform admin cannot change or drop it. Fix: have a superuser run ALTER ROLE ${quoteIdent(
            role.name,
          )} NOSUPERUSER, then re-run.`,
        ),
      );
    }
  }
  const db = cluster.database;
  const dbBase = {
    id: 'preflight.database',
    kind: 'database',
    target: db.name,
  };
  if (db.exists && db.owner !== names.ownerRole) {
    out.push(
      block(
        dbBase,
        foreignDatabaseOwner(db.name, db.owner ?? '?', names.ownerRole),
      ),
    );
  }
  if (!deletes) return out;
  const lost: Array<[string, string[], string]> = [
    [
      'prepared transactions',
      state.preparedTransactions,
      'have their owner COMMIT PREPARED or ROLLBACK PREPARED them',
    ],
    [
      'logical replication slots',
      state.replicationSlots,
      'make sure their consumers are gone and drop them with pg_drop_replication_slot()',
    ],
    [
      'subscriptions',
      state.subscriptions,
      'DROP SUBSCRIPTION them once nothing depends on them',
    ],
  ];
  for (const [what, list, fix] of lost) {
    if (list.length)
      out.push(block(dbBase, blockingObjectsMessage(db.name, what, list, fix)));
  }
  const foreign = state.sessions.filter(
    s => !s.managed && s.database === db.name,
  );
  if (foreign.length) {
    out.push(
      block(
        { id: 'preflight.sessions', kind: 'session', target: db.name },
        foreignSessionsMessage(db.name, [...new Set(foreign.map(s => s.user))]),
      ),
    );
  }
  if (state.dependencies.length) {
    out.push(
      block(
        { id: 'preflight.dependencies', kind: 'role', target: names.base },
        dependenciesMessage(state.dependencies),
      ),
    );
  }
  const secret = state.secret;
  if (secret.exists && secret.tags.ManagedBy !== MANAGED_BY) {
    out.push(
      block(
        { id: 'preflight.secret', kind: 'secret', target: state.secretName },
        `secret "${
          state.secretName
        }" is not managed by the platform (tag ManagedBy is ${
          secret.tags.ManagedBy
            ? JSON.stringify(secret.tags.ManagedBy)
            : 'missing'
        }); the platform never deletes secrets it did not create, so nothing was changed. Fix: delete it yourself if it is not needed, or decommission with policy "retain".`,
      ),
    );
  }
  if (policy === 'snapshot-and-delete' && db.exists) {
    const serverMajor = Math.floor(cluster.serverVersion / 10000);
    const dump = state.pgDump;
    const base = {
      id: 'preflight.pg_dump',
      kind: 'dump',
      target: dump?.path ?? 'pg_dump',
    };
    if (!config.destination) {
      out.push(
        block(
          { ...base, target: environment },
          `policy "snapshot-and-delete" needs a dump destination, and rds.environments.${environment}.decommission.destination is not set. Nothing was changed. Fix: configure a folder or an S3 bucket there, or decommission with policy "retain".`,
        ),
      );
    } else if (!dump || dump.error) {
      out.push(
        block(
          base,
          pgDumpMessage(dump?.error ?? 'pg_dump was not checked', serverMajor),
        ),
      );
    } else if ((dump.major ?? 0) < serverMajor) {
      out.push(
        block(
          base,
          pgDumpMessage(
            `${dump.path} is version ${dump.version}, older than the server (Postgres ${serverMajor}), and pg_dump refuses to dump a newer server`,
            serverMajor,
          ),
        ),
      );
    }
  }
  return out;
}

/** The steps that change something, per policy; each `none` when it is done already. */
function changeSteps(inputs: DecommissionPlanInputs): DecommissionStep[] {
  const { state, names, policy, config } = inputs;
  const { cluster } = state;
  const roles = roleNames(names);
  const login = cluster.roles.login;
  const db = cluster.database;
  const steps: DecommissionStep[] = [];
  const disable = sql(`ALTER ROLE ${quoteIdent(login.name)} NOLOGIN`);
  const loginBase = { id: 'login.disable', kind: 'role', target: login.name };
  steps.push(
    login.exists && login.canLogin
      ? {
          ...loginBase,
          action: 'update',
          sql: [disable.redacted],
          reason: `role ${login.name} can log in: disable its logins (NOLOGIN)`,
          run: { op: 'sql', statements: [disable] },
        }
      : check(
          loginBase,
          login.exists
            ? `role ${login.name} cannot log in`
            : `role ${login.name} does not exist`,
        ),
  );
  const existing = ROLE_KINDS.map(k => cluster.roles[k])
    .filter(r => r.exists)
    .map(r => r.name);
  const deletes = policy !== 'retain';
  const ending = state.sessions.filter(s =>
    deletes ? s.managed : existing.includes(s.user),
  );
  const terminate = {
    op: 'terminate' as const,
    roles: existing,
    database: deletes && db.exists ? db.name : '',
  };
  const sessionsBase = {
    id: 'sessions.terminate',
    kind: 'session',
    target: deletes ? db.name : login.name,
  };
  steps.push(
    ending.length
      ? {
          ...sessionsBase,
          action: 'update',
          sql: terminateSql(terminate, cluster.serverVersion).map(
            s => s.redacted,
          ),
          reason: `end ${ending.length} session${
            ending.length === 1 ? '' : 's'
          } (${[...new Set(ending.map(s => s.user))].join(', ')})`,
          run: terminate,
        }
      : check(sessionsBase, 'no sessions to end'),
  );
  if (!deletes) return steps;

  const dumpBase = { id: 'dump', kind: 'dump', target: db.name };
  if (policy === 'snapshot-and-delete') {
    steps.push(
      db.exists
        ? {
            ...dumpBase,
            action: 'create',
            sql: [],
            reason: `pg_dump ${db.name} (custom format) to ${inputs.dumpTarget}, verified with pg_restore --list and read back before anything is dropped`,
            run: { op: 'dump', database: db.name },
          }
        : check(
            dumpBase,
            `database ${db.name} does not exist: nothing to dump${
              state.existingDumps[0]
                ? ` (its latest dump: ${state.existingDumps[0]})`
                : ''
            }`,
          ),
    );
  }
  const drop = sql(
    `DROP DATABASE IF EXISTS ${quoteIdent(db.name)} WITH (FORCE)`,
  );
  steps.push(
    db.exists
      ? {
          ...dumpBase,
          id: 'database.drop',
          kind: 'database',
          action: 'delete',
          sql: [drop.redacted],
          reason: `drop database ${db.name}`,
          run: { op: 'dropDatabase', database: db.name },
        }
      : check(
          { ...dumpBase, id: 'database.drop', kind: 'database' },
          `database ${db.name} does not exist`,
        ),
  );
  const order = [roles.login, roles.editor, roles.reader, roles.owner].filter(
    r => existing.includes(r),
  );
  const rolesBase = {
    id: 'roles.drop',
    kind: 'role',
    target: order.join(', ') || names.base,
  };
  steps.push(
    order.length
      ? {
          ...rolesBase,
          action: 'delete',
          sql: dropRolesSql(order, cluster.serverVersion).map(s => s.redacted),
          reason: `drop roles ${order.join(
            ', ',
          )} (and revoke what they still hold)`,
          run: { op: 'dropRoles', roles: order },
        }
      : check(rolesBase, `no role of ${names.base} exists`),
  );
  const secret = state.secret;
  const secretBase = {
    id: 'secret.delete',
    kind: 'secret',
    target: state.secretName,
  };
  steps.push(
    secret.exists && !secret.deletedDate
      ? {
          ...secretBase,
          action: 'delete',
          sql: [],
          reason: `schedule secret ${state.secretName} for deletion with a ${config.secretRecoveryDays}-day recovery window (aws secretsmanager restore-secret undoes it)`,
          run: {
            op: 'deleteSecret',
            name: state.secretName,
            recoveryDays: config.secretRecoveryDays,
          },
        }
      : check(
          secretBase,
          secret.deletedDate
            ? `secret ${
                state.secretName
              } is scheduled for deletion since ${secret.deletedDate.toISOString()}`
            : `secret ${state.secretName} does not exist`,
        ),
  );
  return steps;
}

/** What the preflight found, for people: sessions, what blocks, what goes. */
function preflightSummary(
  inputs: DecommissionPlanInputs,
  steps: DecommissionStep[],
): DecommissionPreflight {
  const { state } = inputs;
  const of = (id: string) =>
    steps.find(s => s.id === id && s.action !== 'none');
  const serverMajor = Math.floor(state.cluster.serverVersion / 10000);
  return {
    sessions: state.sessions,
    preparedTransactions: state.preparedTransactions,
    replicationSlots: state.replicationSlots,
    subscriptions: state.subscriptions,
    drops: [of('database.drop'), of('roles.drop')]
      .filter(Boolean)
      .map(s => `${s!.kind} ${s!.target}`),
    dumps: of('dump')
      ? [`database ${state.cluster.database.name} to ${inputs.dumpTarget}`]
      : [],
    deletes: of('secret.delete')
      ? [
          `secret ${state.secretName} (recovery window ${inputs.config.secretRecoveryDays} days)`,
        ]
      : [],
    disables: of('login.disable')
      ? [`logins of role ${state.cluster.roles.login.name}`]
      : [],
    ...(state.pgDump && {
      pgDump: {
        path: state.pgDump.path,
        ...(state.pgDump.version && { version: state.pgDump.version }),
        serverVersion: String(serverMajor),
      },
    }),
    existingDumps: state.existingDumps,
  };
}

/** state + request → preflight blocks, approval, then the steps of the policy. */
export function buildDecommissionPlan(
  inputs: DecommissionPlanInputs,
): BuiltDecommission {
  const blocks = preflightBlocks(inputs);
  const changes = changeSteps(inputs);
  const changing = changes.filter(s => s.action !== 'none').length;
  const steps = [...blocks, ...changes];
  if (inputs.config.requiresApproval && !inputs.approved && changing > 0) {
    steps.unshift(
      block(
        { id: 'approval', kind: 'approval', target: inputs.environment },
        decommissionApprovalMessage(inputs.environment, changing),
      ),
    );
  }
  return {
    policy: inputs.policy,
    steps,
    preflight: preflightSummary(inputs, changes),
    blocked: steps.some(s => s.action === 'block'),
  };
}
