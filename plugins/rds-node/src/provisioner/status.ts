import {
  deriveNames,
  type AccessLevel,
  type DatabaseStatus,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import { currentAccessLevel } from '../plan/accessLevelChange';
import { rotationStatus } from '../rotation/status';
import { planFromState, type AppState } from './appState';

/** Live state of one app's database and what a plan would change now (drift). */
export function statusFromState(
  environment: RdsEnvironment,
  appName: string,
  state: AppState,
  accessLevel?: AccessLevel,
): DatabaseStatus {
  const names = deriveNames(appName, environment.name);
  const inferred = currentAccessLevel(state.cluster, names);
  const request: ProvisionRequest = {
    appName,
    environment: environment.name,
    accessLevel: accessLevel ?? inferred ?? 'reader',
    // The status shows drift from the level last asked for, not a confirmation to give.
    confirmAccessLevelChange: true,
  };
  const built = planFromState(
    environment,
    state,
    request,
    { runId: 'status', actor: 'status' },
    true,
  );
  const block = built.plan.steps.find(s => s.action === 'block');
  return {
    environment: environment.name,
    instance: environment.instance.name,
    appName,
    database: names.database,
    role: names.loginRole,
    accessLevel: inferred,
    exists: state.cluster.database.exists,
    owner: state.cluster.database.owner,
    secretName: built.plan.secretName,
    secretArn: state.secret.exists ? state.secret.arn : undefined,
    rotation: rotationStatus(environment, state.secret),
    secretPresent:
      state.secret.exists && !state.secret.deletedDate && !state.secret.problem,
    drift: built.plan.drift,
    blockedReason: block?.reason,
  };
}
