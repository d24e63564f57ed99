import type { Plan } from '@rds-self-service/plugin-rds-common';
import type {
  ClusterState,
  DatabaseState,
  LoginCheck,
} from '../introspect/types';
import { currentAccessLevel, planAccessLevelChange } from './accessLevelChange';
import { planApproval } from './approval';
import { planClusterDatabase } from './clusterSteps';
import { planDatabaseSteps } from './databaseSteps';
import { planLoginAccess } from './loginAccess';
import { planProvenance } from './provenance';
import { planRdsIamGuard } from './rdsIam';
import { planGroupRoles, planLoginRole } from './roleSteps';
import { planSecret, type SecretPlanInputs } from './secretSteps';
import { publicStep, type ExecutableStep } from './types';
import {
  planRotationSteps,
  rotationContext,
  type CloneState,
} from '../rotation/planRotation';

/** Everything the planner needs; all of it read before any change. */
export interface PlanInputs extends SecretPlanInputs {
  cluster: ClusterState;
  database: DatabaseState;
  approved: boolean;
  /** A real login with the secret's password, when there is one to try. */
  loginCheck?: LoginCheck;
  /** The `_clone` login, read when the environment rotates with alternating users. */
  clone?: CloneState;
}

/** A plan with what apply needs to run it. `password` never leaves the engine. */
export interface BuiltPlan {
  plan: Plan;
  steps: ExecutableStep[];
  /** Secret ARN known before apply (existing secret). */
  secretArn?: string;
  /** The password that the secret holds or will hold; apply writes it, redaction hides it. */
  password: () => string;
  /** An existing login role's password is set again: apply proves it logs in afterwards. */
  setsPassword: boolean;
}

/**
 * introspected state + request → ordered steps, one planner per object kind. Pure apart from
 * generating a password; the steps are data (statements and secret writes), no closures.
 */
export function buildPlan(inputs: PlanInputs): BuiltPlan {
  const { request, names, cluster, environment, secret, secretName } = inputs;
  const rotation = rotationContext(
    environment,
    secret,
    inputs.clone,
    inputs.loginCheck,
  );
  const roleCtx = {
    cluster,
    names,
    appName: request.appName,
    environment: request.environment,
    accessLevel: request.accessLevel,
    clone: rotation.managedClone,
  };
  // The secret first: it is the password's home, so a secret store that refuses the write
  // stops the run before anything exists in Postgres, and the login role never gets a
  // password that no secret holds.
  const secretPlan = planSecret(inputs);
  const login = planLoginRole(roleCtx, {
    password: secretPlan.password,
    secretVersion: secretPlan.secretVersion,
    newVersion: secretPlan.newVersion,
    check: rotation.check,
    rotation: rotation.currentUser
      ? { currentUser: rotation.currentUser }
      : undefined,
  });
  const downgrade = planAccessLevelChange(cluster, names, request);
  const iamTrap = planRdsIamGuard(
    cluster,
    names,
    request.accessLevel,
    'iam' in environment.instance.admin,
  );
  const steps: ExecutableStep[] = [
    planProvenance(cluster),
    ...(iamTrap ? [iamTrap] : []),
    ...(downgrade ? [downgrade] : []),
    secretPlan.secretStep,
    ...planGroupRoles(roleCtx),
    ...planClusterDatabase(cluster, names),
    ...planDatabaseSteps(names, inputs.database),
    login.step,
    ...planLoginAccess(cluster, names, request.accessLevel),
    ...planRotationSteps({
      environment,
      request,
      secret,
      secretName,
      secretStep: secretPlan.secretStep,
      roleCtx,
      clone: inputs.clone,
      rotation,
      password: secretPlan.password,
    }),
  ];
  const approval = planApproval(
    steps,
    {
      name: request.environment,
      requiresApproval: environment.requiresApproval,
    },
    inputs.approved,
  );
  if (approval) steps.unshift(approval);

  const plan: Plan = {
    request,
    instance: environment.instance.name,
    database: names.database,
    role: names.loginRole,
    secretName,
    steps: steps.map(publicStep),
    blocked: steps.some(s => s.action === 'block'),
    drift: steps
      .filter(s => s.action === 'create' || s.action === 'update')
      .map(s => `${s.id}: ${s.reason}`),
    current: {
      database: cluster.database.exists,
      role: cluster.roles.login.exists,
      secret: secret.exists && !secret.deletedDate,
      accessLevel: currentAccessLevel(cluster, names),
    },
  };
  return {
    plan,
    steps,
    secretArn: secret.arn,
    password: secretPlan.password,
    setsPassword: login.setsPassword,
  };
}
