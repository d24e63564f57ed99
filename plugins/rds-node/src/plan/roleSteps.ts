import type {
  AccessLevel,
  DerivedNames,
} from '@rds-self-service/plugin-rds-common';
import type { ClusterState, LoginCheck, RoleState } from '../introspect/types';
import {
  commentOnRole,
  createLoginRole,
  createNologinRole,
  setLoginPassword,
} from '../sql/builders';
import type { SqlStatement } from '../sql/statement';
import { roleDriftMessage, unmanagedRoleMessage } from './guardrails';
import { formatMarker, parseMarker } from './marker';
import { GROUP_LEVELS, roleNames, type RoleKind } from './model';
import { grantProvenance } from './provenance';
import {
  roleFindings,
  type RoleExpectation,
  type RoleFinding,
} from './roleDrift';
import { step, type ExecutableStep } from './types';

/** What the role planners need. */
export interface RolePlanContext {
  cluster: ClusterState;
  names: DerivedNames;
  appName: string;
  environment: string;
  accessLevel: AccessLevel;
  /** The `_clone` login of alternating-users rotation, when it exists and is provably managed. */
  clone?: string;
}

export type StepBase = { id: string; kind: string; target: string };

const marker = (ctx: RolePlanContext, kind: RoleKind, secretVersion?: string) =>
  formatMarker({
    app: ctx.appName,
    env: ctx.environment,
    kind,
    secretVersion,
  });

/**
 * The first check of every role: create it with its provenance and marker (one transaction,
 * so a role never exists without them), or block when the platform cannot prove a role of
 * that name is its own. Undefined when the role exists and is provably managed.
 */
export function createOrBlockRole(
  ctx: RolePlanContext,
  base: StepBase,
  role: RoleState,
  create: () => SqlStatement[],
): ExecutableStep | undefined {
  const { cluster } = ctx;
  if (!role.exists) {
    return step({
      ...base,
      scope: 'cluster',
      action: 'create',
      statements: [...create(), grantProvenance(cluster, role.name)],
      reason: `role ${role.name} does not exist`,
    });
  }
  if (!role.provenance) {
    return step({
      ...base,
      scope: 'none',
      action: 'block',
      reason: unmanagedRoleMessage(
        role.name,
        cluster.provenance.name,
        cluster.admin,
        grantProvenance(cluster, role.name).redacted,
        role.comment,
      ),
    });
  }
  return undefined;
}

/** A block when some finding takes a superuser; else the statements that undo them all. */
export function resolveFindings(
  ctx: RolePlanContext,
  base: StepBase,
  role: RoleState,
  findings: RoleFinding[],
): { block?: ExecutableStep; statements: SqlStatement[]; why: string[] } {
  const why = findings.map(f => f.problem);
  const needSuperuser = findings.filter(f => !f.adminCan);
  if (needSuperuser.length) {
    return {
      block: step({
        ...base,
        scope: 'none',
        action: 'block',
        reason: roleDriftMessage(
          role.name,
          ctx.cluster.admin,
          why,
          needSuperuser.map(f => f.fix.redacted),
        ),
      }),
      statements: [],
      why,
    };
  }
  return { statements: findings.map(f => f.fix), why };
}

/** A role's cluster step: `update` with the statements that put it right, else `none`. */
export function roleUpdateStep(
  base: StepBase,
  statements: SqlStatement[],
  reason: { changed: string; unchanged: string },
): ExecutableStep {
  return step({
    ...base,
    scope: 'cluster',
    action: statements.length ? 'update' : 'none',
    statements,
    transaction: true,
    reason: statements.length ? reason.changed : reason.unchanged,
  });
}

/** The NOLOGIN owner and group roles: created, blocked, reverted to what the platform gives, or left. */
export function planGroupRoles(ctx: RolePlanContext): ExecutableStep[] {
  const { cluster, names } = ctx;
  const login = roleNames(names).login;
  return (['owner', ...GROUP_LEVELS] as const).map(kind => {
    const role = cluster.roles[kind];
    const base = { id: `role.${kind}`, kind: 'role', target: role.name };
    const createOrBlock = createOrBlockRole(ctx, base, role, () => [
      createNologinRole(role.name),
      commentOnRole(role.name, marker(ctx, kind)),
    ]);
    if (createOrBlock) return createOrBlock;
    const expected: RoleExpectation = {
      nologin: true,
      inherit: false,
      neverExpires: false,
      memberOf: [],
      members: [login],
    };
    const { block, statements, why } = resolveFindings(
      ctx,
      base,
      role,
      roleFindings(cluster, role, expected),
    );
    if (block) return block;
    return roleUpdateStep(base, statements, {
      changed: `role ${role.name} ${why.join('; ')}: revert`,
      unchanged: `role ${role.name} exists and is managed`,
    });
  });
}

/** The login role's password: which secret version it was set from, and whether it logs in. */
export interface LoginPassword {
  password: () => string;
  secretVersion: string;
  /** The version is the one this run writes: reasons must not name it as existing. */
  newVersion?: boolean;
  check?: LoginCheck;
  /**
   * Rotation is on: the rotation function sets passwords, so a new secret version is no reason
   * to set one; only the secret's current user (the login or its clone) is checked.
   */
  rotation?: { currentUser: string };
}

/**
 * The login role: created with the secret's password, blocked, or converged (attributes and
 * memberships reverted, password set again when it no longer matches the secret).
 */
export function planLoginRole(
  ctx: RolePlanContext,
  secret: LoginPassword,
): { step: ExecutableStep; setsPassword: boolean } {
  const { cluster, names } = ctx;
  const login = cluster.roles.login;
  const roles = roleNames(names);
  const base = { id: 'role.login', kind: 'role', target: login.name };
  const createOrBlock = createOrBlockRole(ctx, base, login, () => [
    createLoginRole(login.name, secret.password),
    commentOnRole(login.name, marker(ctx, 'login', secret.secretVersion)),
  ]);
  // A new role's password is not proved by a login: nothing but this run set it.
  if (createOrBlock) return { step: createOrBlock, setsPassword: false };
  const expected: RoleExpectation = {
    nologin: false,
    inherit: true,
    neverExpires: true,
    // The login.membership step converges which of them it is in.
    memberOf: [roles.owner, roles.reader, roles.editor],
    // Alternating-users rotation's clone is a member of the login (see rotation/).
    members: ctx.clone ? [ctx.clone] : [],
  };
  const { block, statements, why } = resolveFindings(
    ctx,
    base,
    login,
    roleFindings(cluster, login, expected),
  );
  if (block) return { step: block, setsPassword: false };

  const stored = parseMarker(login.comment)?.secretVersion;
  const passwordWhy: string[] = [];
  if (secret.rotation && !secret.newVersion) {
    // The clone holds the current password; the login keeps the previous one until the next rotation.
    if (
      secret.rotation.currentUser === login.name &&
      secret.check?.result === 'rejected'
    ) {
      passwordWhy.push(
        `the secret's password no longer logs in (${secret.check.message}); it was changed outside the platform and its rotation`,
      );
    }
  } else if (secret.newVersion) {
    passwordWhy.push(
      "the secret gets a new value in this run, and the role's password follows it",
    );
  } else if (stored !== secret.secretVersion) {
    passwordWhy.push(
      stored
        ? `its password was set from secret version ${stored}, the secret's current version is ${secret.secretVersion}`
        : `its password is not known to match the secret`,
    );
  } else if (secret.check?.result === 'rejected') {
    passwordWhy.push(
      `the secret's password no longer logs in (${secret.check.message}); it was changed outside the platform`,
    );
  }
  if (!login.canLogin) passwordWhy.push('it cannot log in');
  const setsPassword = passwordWhy.length > 0;
  const all = [...why, ...passwordWhy];
  return {
    step: step({
      ...base,
      scope: 'cluster',
      action: all.length ? 'update' : 'none',
      statements: [
        ...statements,
        ...(setsPassword
          ? [
              setLoginPassword(login.name, secret.password),
              commentOnRole(
                login.name,
                marker(ctx, 'login', secret.secretVersion),
              ),
            ]
          : []),
      ],
      transaction: true,
      reason: all.length
        ? `role ${login.name}: ${all.join('; ')}`
        : `role ${login.name} has the secret's password`,
    }),
    setsPassword,
  };
}
