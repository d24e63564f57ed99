import type {
  DecommissionPolicy,
  DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import { ROLE_KINDS, roleNames } from '../plan/model';
import { quoteIdent } from '../sql/quote';
import { sql } from '../sql/statement';
import type { resolveDecommissionConfig } from './config';
import { decommissionApprovalMessage } from './messages';
import { preflightBlocks, preflightSummary } from './preflight';
import { dropRolesSql, terminateSql } from './sql';
import { block, check } from './steps';
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

/** The steps that change something, per policy; each `none` when it is done already. */
function changeSteps(inputs: DecommissionPlanInputs): DecommissionStep[] {
  const { state, names, policy, config } = inputs;
  const { cluster } = state;
  const roles = roleNames(names);
  const login = cluster.roles.login;
  const db = cluster.database;
  const steps: DecommissionStep[] = [];
  const logins = [login, ...(state.clone ? [state.clone] : [])];
  const canLogin = logins.filter(r => r.exists && r.canLogin);
  const disable = canLogin.map(r =>
    sql(`ALTER ROLE ${quoteIdent(r.name)} NOLOGIN`),
  );
  const loginBase = {
    id: 'login.disable',
    kind: 'role',
    target: logins.map(r => r.name).join(', '),
  };
  steps.push(
    canLogin.length
      ? {
          ...loginBase,
          action: 'update',
          sql: disable.map(s => s.redacted),
          reason: `role${canLogin.length > 1 ? 's' : ''} ${canLogin
            .map(r => r.name)
            .join(', ')} can log in: disable logins (NOLOGIN)`,
          run: { op: 'sql', statements: disable },
        }
      : check(
          loginBase,
          login.exists
            ? `role ${login.name} cannot log in`
            : `role ${login.name} does not exist`,
        ),
  );
  const existing = [
    ...ROLE_KINDS.map(k => cluster.roles[k]),
    ...(state.clone ? [state.clone] : []),
  ]
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
  const order = [
    `${roles.login}_clone`,
    roles.login,
    roles.editor,
    roles.reader,
    roles.owner,
  ].filter(r => existing.includes(r));
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
