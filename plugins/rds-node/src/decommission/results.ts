import {
  deriveNames,
  type AccessLevel,
  type DecommissionPlan,
  type DecommissionPreflight,
  type DerivedNames,
  type StepResult,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { DecommissionOutputs } from './execute';
import type { DecommissionState, PlannedDecommission } from './types';

export { resultsOf } from '../provisioner/results';

export const DRY_RUN_OUTCOMES: Record<string, StepResult['outcome']> = {
  none: 'no_change',
  block: 'blocked',
};

export function outputsOf(o: DecommissionOutputs) {
  return {
    ...(o.dumpLocation && { dumpLocation: o.dumpLocation }),
    ...(o.secretRestorableUntil && {
      secretRestorableUntil: o.secretRestorableUntil,
    }),
  };
}

export function emptyPreflight(): DecommissionPreflight {
  return {
    sessions: [],
    preparedTransactions: [],
    replicationSlots: [],
    subscriptions: [],
    drops: [],
    dumps: [],
    deletes: [],
    disables: [],
    existingDumps: [],
  };
}

/** The access level the login role has now, for the audit record (`owner` when unknown). */
export function levelOf(
  state: DecommissionState,
  names: DerivedNames,
): AccessLevel {
  const memberOf = state.cluster.roles.login.memberOf;
  if (memberOf.includes(names.readerRole)) return 'reader';
  if (memberOf.includes(names.editorRole)) return 'editor';
  return 'owner';
}

/** The plan as the API shows it: the steps without what runs them. */
export function publicPlanOf(
  env: RdsEnvironment,
  request: DecommissionPlan['request'],
  planned: PlannedDecommission,
): DecommissionPlan {
  const names = deriveNames(request.appName, env.name);
  return {
    request,
    instance: env.instance.name,
    database: names.database,
    role: names.loginRole,
    secretName: planned.state.secretName,
    steps: planned.steps.map(({ run: _run, ...s }) => ({
      ...s,
      sql: [...s.sql],
    })),
    blocked: planned.blocked,
    preflight: planned.preflight,
  };
}
