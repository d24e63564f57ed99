import type {
  AccessLevel,
  DecommissionPreflight,
  DerivedNames,
  StepResult,
} from '@rds-self-service/plugin-rds-common';
import type { DecommissionOutputs } from './execute';
import type { DecommissionState, DecommissionStep } from './types';

export const DRY_RUN_OUTCOMES: Record<string, StepResult['outcome']> = {
  none: 'no_change',
  block: 'blocked',
};

/** One result per planned step, with its reason as the message. */
export function resultsOf(
  steps: DecommissionStep[],
  outcome: (s: DecommissionStep) => StepResult['outcome'],
): StepResult[] {
  return steps.map(s => ({
    id: s.id,
    kind: s.kind,
    target: s.target,
    outcome: outcome(s),
    message: s.reason,
  }));
}

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
