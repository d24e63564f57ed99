import {
  deriveNames,
  type AccessLevel,
  type DatabaseStatus,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import { planFromState, type AppState } from './appState';

/** The access level the login role has now, from its memberships. */
function currentLevel(
  state: AppState,
  appName: string,
  environment: string,
): AccessLevel | undefined {
  const names = deriveNames(appName, environment);
  const memberOf = state.cluster.roles.login.memberOf;
  const levels: Array<[AccessLevel, string]> = [
    ['owner', names.ownerRole],
    ['editor', names.editorRole],
    ['reader', names.readerRole],
  ];
  return levels.find(([, role]) => memberOf.includes(role))?.[0];
}

/** Live state of one app's database and what a plan would change now (drift). */
export function statusFromState(
  environment: RdsEnvironment,
  appName: string,
  state: AppState,
  accessLevel?: AccessLevel,
): DatabaseStatus {
  const names = deriveNames(appName, environment.name);
  const inferred = currentLevel(state, appName, environment.name);
  const request: ProvisionRequest = {
    appName,
    environment: environment.name,
    accessLevel: accessLevel ?? inferred ?? 'reader',
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
    secretPresent:
      state.secret.exists && !state.secret.deletedDate && !state.secret.problem,
    drift: built.plan.drift,
    blockedReason: block?.reason,
  };
}
