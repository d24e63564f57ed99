import type { ProvisionRequest } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { LoginCheck, RoleState } from '../introspect/types';
import { formatMarker } from '../plan/marker';
import {
  createOrBlockRole,
  resolveFindings,
  type RolePlanContext,
} from '../plan/roleSteps';
import { roleFindings } from '../plan/roleDrift';
import { changeAction, step, type ExecutableStep } from '../plan/types';
import type { SecretState } from '../secrets/SecretsManagerStore';
import {
  commentOnRole,
  grantRole,
  resetSessionRole,
  setLoginPassword,
  setSessionRole,
} from '../sql/builders';
import { quoteIdent } from '../sql/quote';
import { sql, type SqlStatement } from '../sql/statement';
import { cloneName, cloneNameProblem, rotationOf } from './config';

/** The clone of alternating-users rotation as introspected (see introspectRole). */
export interface CloneState {
  role: RoleState;
  /** Its `ALTER ROLE ... IN DATABASE` settings in the app database. */
  settings: string[];
}

/** What rotation changes in the login's planning: whose password is current, which clone is ours. */
export interface RotationContext {
  /** Set when rotation is on and the secret exists: the user its AWSCURRENT value names. */
  currentUser?: string;
  /** The clone, when it exists and is provably the platform's (provenance). */
  managedClone?: string;
  /** The login check, unless a rotation is under way (then passwords are mid-change). */
  check?: LoginCheck;
}

/** Reads who holds the current password and whether the clone can be trusted. */
export function rotationContext(
  env: RdsEnvironment,
  secret: SecretState,
  clone: CloneState | undefined,
  check: LoginCheck | undefined,
): RotationContext {
  const rotation = rotationOf(env);
  const stored = secret.payload?.username;
  const managed = clone?.role.exists && clone.role.provenance;
  return {
    currentUser:
      rotation && secret.exists && typeof stored === 'string'
        ? stored
        : undefined,
    managedClone: managed ? clone!.role.name : undefined,
    check: secret.rotation?.pending ? undefined : check,
  };
}

/**
 * The clone login of alternating-users rotation, created by the platform before rotation is
 * turned on, so the rotation function only ever sets its password (`ALTER USER`) and never
 * creates a role the platform would have to adopt: LOGIN without a password, the platform's
 * provenance, member of the login only (it gets the access level through the login), and for
 * owner-level apps the session role of the login. A role of that name the platform did not
 * create is blocked, never handed the app's credentials.
 */
function planClone(
  ctx: RolePlanContext,
  clone: CloneState,
  rotation: RotationContext,
  password: () => string,
): ExecutableStep[] {
  const { cluster, names } = ctx;
  const role = clone.role;
  const login = names.loginRole;
  const base = { id: 'role.clone', kind: 'role', target: role.name };
  const tooLong = cloneNameProblem(login);
  if (tooLong) {
    return [
      step({
        ...base,
        scope: 'none',
        action: 'block',
        reason: `alternating-users rotation needs the login ${login}_clone: ${tooLong}. Fix: a shorter app name, or single-user rotation for this environment`,
      }),
    ];
  }
  const marker = formatMarker({
    app: ctx.appName,
    env: ctx.environment,
    kind: 'clone',
  });
  const created = createOrBlockRole(ctx, base, role, () => [
    sql(`CREATE ROLE ${quoteIdent(role.name)} LOGIN PASSWORD NULL`),
    commentOnRole(role.name, marker),
  ]);
  const steps: ExecutableStep[] = [];
  if (created) {
    if (created.action === 'block') {
      created.reason += ` Alternating-users rotation would give it the app's credentials.`;
      return [created];
    }
    steps.push(created);
  } else {
    const { block, statements, why } = resolveFindings(
      ctx,
      base,
      role,
      roleFindings(cluster, role, {
        nologin: false,
        inherit: true,
        neverExpires: true,
        memberOf: [login],
        members: [],
      }),
    );
    if (block) return [block];
    const current = rotation.currentUser === role.name;
    if (current && rotation.check?.result === 'rejected') {
      statements.push(setLoginPassword(role.name, password));
      why.push(
        `the secret's password no longer logs in (${rotation.check.message}); it was changed outside the platform and its rotation`,
      );
    }
    steps.push(
      step({
        ...base,
        scope: 'cluster',
        action: statements.length ? 'update' : 'none',
        statements,
        transaction: true,
        reason: statements.length
          ? `role ${role.name}: ${why.join('; ')}`
          : `role ${role.name} is the login's rotation clone, created by the platform`,
      }),
    );
  }
  const grants: SqlStatement[] = role.memberOf.includes(login)
    ? []
    : [grantRole(login, role.name, cluster.serverVersion)];
  steps.push(
    step({
      id: 'clone.membership',
      kind: 'membership',
      target: `${role.name} in ${login}`,
      scope: 'cluster',
      action: changeAction(grants.length, role.exists),
      statements: grants,
      reason: grants.length
        ? `${role.name} gets the access level through ${login}`
        : `${role.name} has the access level of ${login}`,
    }),
  );
  const wanted =
    ctx.accessLevel === 'owner' ? `role=${names.ownerRole}` : undefined;
  const setting = clone.settings.find(s => s.startsWith('role='));
  const settings: SqlStatement[] = [];
  if (wanted && setting !== wanted) {
    settings.push(setSessionRole(role.name, names.database, names.ownerRole));
  } else if (!wanted && setting) {
    settings.push(resetSessionRole(role.name, names.database));
  }
  steps.push(
    step({
      id: 'clone.settings',
      kind: 'role_setting',
      target: role.name,
      scope: 'cluster',
      action: changeAction(settings.length, role.exists),
      statements: settings,
      reason: settings.length
        ? `sessions of ${role.name} in ${names.database} should ${
            wanted
              ? `run as ${names.ownerRole}, so new objects belong to it`
              : 'not switch role'
          }`
        : 'session role setting matches the access level',
    }),
  );
  return steps;
}

/** Rotation on for the app's secret, idempotently: no call when it is already set up so. */
function planSecretRotation(
  env: RdsEnvironment,
  secret: SecretState,
  secretName: string,
  request: ProvisionRequest,
): ExecutableStep | undefined {
  const rotation = rotationOf(env);
  if (!rotation) return undefined;
  const base = { id: 'secret.rotation', kind: 'secret', target: secretName };
  const r = secret.rotation;
  const rotateNow = Boolean(request.rotatePassword) && secret.exists;
  const what = `${rotation.strategy} rotation with ${rotation.lambdaArn} every ${rotation.afterDays} days`;
  const why: string[] = [];
  if (!secret.exists) why.push(`turn on ${what} for the new secret`);
  else if (!r?.enabled)
    why.push(`rotation is off for the secret: turn on ${what}`);
  else if (
    r.lambdaArn !== rotation.lambdaArn ||
    r.afterDays !== rotation.afterDays
  ) {
    why.push(
      `rotation runs ${r.lambdaArn ?? 'no function'} every ${
        r.afterDays ?? '?'
      } days: change to ${what}`,
    );
  }
  if (rotateNow && r?.pending) {
    return step({
      ...base,
      scope: 'none',
      action: 'block',
      reason: `a rotation of ${secretName} is under way (a version is AWSPENDING): retry when it has finished, or see docs/runbook.md if it is stuck`,
    });
  }
  if (rotateNow) {
    why.push(
      'password rotation requested: the rotation function rotates it now',
    );
  }
  if (!why.length) {
    return step({
      ...base,
      scope: 'secret',
      action: 'none',
      reason: `${what} is on`,
    });
  }
  return step({
    ...base,
    scope: 'secret',
    action: secret.exists && r?.enabled ? 'update' : 'create',
    reason: why.join('; '),
    secretWrite: {
      op: 'rotation',
      name: secretName,
      arn: secret.arn,
      lambdaArn: rotation.lambdaArn,
      afterDays: rotation.afterDays,
      rotateNow,
    },
  });
}

/**
 * The steps rotation adds after the login's: the clone (alternating users), then rotation
 * on for the secret, so the rotation function only runs once the roles it needs exist.
 * None when the environment does not rotate, or the secret step is blocked.
 */
export function planRotationSteps(inputs: {
  environment: RdsEnvironment;
  request: ProvisionRequest;
  secret: SecretState;
  secretName: string;
  secretStep: ExecutableStep;
  roleCtx: RolePlanContext;
  clone?: CloneState;
  rotation: RotationContext;
  password: () => string;
}): ExecutableStep[] {
  const { environment, secretStep } = inputs;
  if (!rotationOf(environment) || secretStep.action === 'block') return [];
  const steps: ExecutableStep[] = [];
  if (cloneName(environment, inputs.roleCtx.names) && inputs.clone) {
    steps.push(
      ...planClone(
        inputs.roleCtx,
        inputs.clone,
        inputs.rotation,
        inputs.password,
      ),
    );
  }
  const rotation = planSecretRotation(
    environment,
    inputs.secret,
    inputs.secretName,
    inputs.request,
  );
  if (rotation) steps.push(rotation);
  return steps;
}
