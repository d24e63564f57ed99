import {
  ACCESS_LEVELS,
  isAccessLevelDowngrade,
  type AccessLevel,
  type DerivedNames,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { ClusterState } from '../introspect/types';
import { accessLevelDowngradeMessage } from './guardrails';
import { levelRole } from './model';
import { blockStep, type ExecutableStep } from './types';

/** The access level the login role has now, from its memberships; undefined when none. */
export function currentAccessLevel(
  cluster: ClusterState,
  names: DerivedNames,
): AccessLevel | undefined {
  const memberOf = cluster.roles.login.memberOf;
  return ACCESS_LEVELS.find(level =>
    memberOf.includes(levelRole(names, level)),
  );
}

/**
 * A run that would take privileges away from an existing login role (owner to editor, say:
 * its migrations lose DDL) is blocked unless the request confirms the change. Undefined when
 * the level stays, goes up, or the change is confirmed.
 */
export function planAccessLevelChange(
  cluster: ClusterState,
  names: DerivedNames,
  request: Pick<ProvisionRequest, 'accessLevel' | 'confirmAccessLevelChange'>,
): ExecutableStep | undefined {
  const current = currentAccessLevel(cluster, names);
  if (
    !current ||
    request.confirmAccessLevelChange ||
    !isAccessLevelDowngrade(current, request.accessLevel)
  ) {
    return undefined;
  }
  return blockStep(
    'access_level',
    names.loginRole,
    accessLevelDowngradeMessage(names.loginRole, current, request.accessLevel),
  );
}
