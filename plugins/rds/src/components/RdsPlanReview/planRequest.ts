import {
  isAccessLevel,
  isAccessLevelDowngrade,
  type AccessLevel,
  type Plan,
  type PlanRequestBody,
} from '@rds-self-service/plugin-rds-common';

/**
 * The plan request of the template's form (templates/rds-database: `component`,
 * `appName`, `environment`, `accessLevel`, `rotatePassword`, `justification`),
 * or undefined while the form lacks what a plan needs. The plan is asked with
 * the confirmation given, so it shows what the run will do once confirmed.
 */
export function planRequestFromForm(
  formData: { [key: string]: unknown } | undefined,
): PlanRequestBody | undefined {
  const form = formData ?? {};
  const text = (key: string) => {
    const value = form[key];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const entityRef = text('component');
  const appName = text('appName');
  const environment = text('environment');
  const accessLevel = form.accessLevel;
  if (!environment || !isAccessLevel(accessLevel) || !(entityRef || appName)) {
    return undefined;
  }
  return {
    environment,
    accessLevel,
    ...(entityRef && { entityRef }),
    ...(appName && { appName }),
    ...(form.rotatePassword === true && { rotatePassword: true }),
    ...(text('justification') && { justification: text('justification') }),
    confirmAccessLevelChange: true,
  };
}

/** The change of access level a plan makes to an existing login role, if any. */
export interface AccessLevelChange {
  from: AccessLevel;
  to: AccessLevel;
  /** It takes privileges away: the run needs the requester's confirmation. */
  downgrade: boolean;
}

/** The plan's change of access level; undefined when the level stays or the role is new. */
export function accessLevelChange(plan: Plan): AccessLevelChange | undefined {
  const from = plan.current?.accessLevel;
  const to = plan.request.accessLevel;
  if (!from || from === to) return undefined;
  return { from, to, downgrade: isAccessLevelDowngrade(from, to) };
}

/** What the checkbox says, and the validation asks for. */
export function confirmationLabel(change: AccessLevelChange): string {
  return `I confirm lowering the access level from ${change.from} to ${change.to}`;
}
