import type {
  AccessLevel,
  DecommissionPreflight,
  DerivedNames,
  StepResult,
} from '@rds-self-service/plugin-rds-common';
import type { DecommissionOutputs } from './execute';
import type { DecommissionState } from './types';

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
