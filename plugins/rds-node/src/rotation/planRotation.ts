import type { ProvisionRequest } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { LoginCheck, RoleState } from '../introspect/types';
import type { RolePlanContext } from '../plan/roleSteps';
import { step, type ExecutableStep } from '../plan/types';
import type { SecretState } from '../secrets/SecretsManagerStore';
import { planClone } from './cloneSteps';
import { cloneName, rotationOf } from './config';

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
