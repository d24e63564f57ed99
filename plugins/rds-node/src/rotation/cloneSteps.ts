import type { RolePlanContext } from '../plan/roleSteps';
import {
  createOrBlockRole,
  resolveFindings,
  roleUpdateStep,
} from '../plan/roleSteps';
import { formatMarker } from '../plan/marker';
import { roleFindings } from '../plan/roleDrift';
import { changeAction, step, type ExecutableStep } from '../plan/types';
import {
  commentOnRole,
  grantRole,
  resetSessionRole,
  setLoginPassword,
  setSessionRole,
} from '../sql/builders';
import { quoteIdent } from '../sql/quote';
import { sql, type SqlStatement } from '../sql/statement';
import { cloneNameProblem } from './config';
import type { CloneState, RotationContext } from './planRotation';

/**
 * The clone login of alternating-users rotation, created by the platform before rotation is
 * turned on, so the rotation function only ever sets its password (`ALTER USER`) and never
 * creates a role the platform would have to adopt: LOGIN without a password, the platform's
 * provenance, member of the login only (it gets the access level through the login), and for
 * owner-level apps the session role of the login. A role of that name the platform did not
 * create is blocked, never handed the app's credentials.
 */
export function planClone(
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
      roleUpdateStep(base, statements, {
        changed: `role ${role.name}: ${why.join('; ')}`,
        unchanged: `role ${role.name} is the login's rotation clone, created by the platform`,
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
