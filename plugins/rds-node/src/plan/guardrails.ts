import { MARKER_PREFIX } from './marker';

/**
 * Block message: a role with the platform's name exists but the platform cannot prove it made
 * it (no membership in the provenance role granted by the admin). A comment proves nothing.
 */
export function unmanagedRoleMessage(
  role: string,
  provenanceRole: string,
  admin: string,
  adoptSql: string,
  comment?: string,
): string {
  const claims = comment?.startsWith(MARKER_PREFIX)
    ? ` Its comment claims it is ("${MARKER_PREFIX}..."), but anyone with ADMIN on a role can write a comment.`
    : '';
  return (
    `role "${role}" exists but was not created by the platform: it is not a member of "${provenanceRole}" ` +
    `granted by the platform admin "${admin}".${claims} The platform does not take over roles it did not create. ` +
    `Fix: choose another app name, or drop or rename the role if nothing uses it. If an earlier version of ` +
    `the platform created it, have the platform admin check it and run ${adoptSql}, then re-run.`
  );
}

/** Block message: a managed role differs from what the platform gives it, and the admin cannot undo it. */
export function roleDriftMessage(
  role: string,
  admin: string,
  problems: string[],
  superuserFixes: string[],
): string {
  return (
    `role "${role}" was changed outside the platform: it ${problems.join(
      '; it ',
    )}. ` +
    `Undoing ${
      problems.length > superuserFixes.length ? 'part of this' : 'this'
    } takes a superuser, which the platform admin "${admin}" is not, so nothing was changed ` +
    `(a role is never left with more than its access level gives). Fix: have a superuser run ` +
    `${superuserFixes.join(
      '; ',
    )}; then re-run, and the platform reverts the rest.`
  );
}

/** Block message: the provenance role exists but cannot be trusted. */
export function untrustedProvenanceMessage(
  role: string,
  problems: Array<{ problem: string; fix: string }>,
): string {
  return (
    `role "${role}", whose members are the roles the platform created, cannot be trusted: ` +
    `${problems
      .map(p => p.problem)
      .join('; ')}. Nothing is changed until it is fixed. ` +
    `Fix: ${problems.map(p => p.fix).join('; ')}; then re-run.`
  );
}

/** Block message: the database exists with an owner other than the platform's owner role. */
export function foreignDatabaseMessage(
  database: string,
  owner: string,
  expectedOwner: string,
): string {
  return (
    `database "${database}" exists and is owned by "${owner}", not by the platform's owner role "${expectedOwner}". ` +
    `The platform does not take over databases it did not create, so nothing was changed. Fix: choose another ` +
    `app name; or, if the platform should own this database, have "${owner}" rename or drop it when it is not ` +
    `in use, or have the platform team hand it over as the runbook describes (docs/runbook.md, "Blocked"), then re-run.`
  );
}

/** Block message: the secret exists without the platform's ManagedBy tag. */
export function foreignSecretMessage(
  secretName: string,
  managedBy?: string,
): string {
  return (
    `secret "${secretName}" exists but is not managed by the platform (tag ManagedBy is ${
      managedBy ? JSON.stringify(managedBy) : 'missing'
    }, expected "backstage-rds"). The platform does not overwrite secrets it did not create. Fix: choose another ` +
    `app name, change the environment's secret name pattern, or tag the secret ManagedBy=backstage-rds if its value may be replaced.`
  );
}

/** Block message: the secret is scheduled for deletion. */
export function deletedSecretMessage(
  secretName: string,
  deletedDate: Date,
): string {
  return (
    `secret "${secretName}" is scheduled for deletion (since ${deletedDate.toISOString()}). ` +
    `Fix: restore it (aws secretsmanager restore-secret --secret-id '${secretName}') and re-run, or wait until the deletion completes.`
  );
}

/**
 * Block message: Secrets Manager rotates the secret but the environment configures no rotation
 * (a CLI on environment variables, a config that lost the block). Writing the secret or the
 * login's password would fight the rotation function, so the platform changes neither.
 */
export function unconfiguredRotationMessage(
  secretName: string,
  lambdaArn: string | undefined,
  environment: string,
): string {
  return (
    `secret ${secretName} is rotated by Secrets Manager (${
      lambdaArn ?? 'no function named'
    }), but this environment has no secrets.rotation, so a run would overwrite what rotation maintains. ` +
    `Fix: configure secrets.rotation for ${environment} as the backend has it (the CLI reads it with --config app-config.yaml), ` +
    `or turn rotation off for the secret (aws secretsmanager cancel-rotate-secret --secret-id ${secretName}); then re-run.`
  );
}

/** Block message: the environment needs approval for changes. */
export function approvalMessage(environment: string, changes: number): string {
  return (
    `environment "${environment}" requires explicit approval before the platform changes anything ` +
    `(${changes} step${
      changes === 1 ? '' : 's'
    } would change). Fix: have the run approved ` +
    `(in Backstage, a user allowed to approve; in the CLI, set ALLOW_DB_PROVISION=true).`
  );
}

/** Block message: the run would lower an existing login role's access level without a confirmation. */
export function accessLevelDowngradeMessage(
  role: string,
  current: string,
  requested: string,
): string {
  return (
    `role "${role}" has access level ${current} and this run asks for ${requested}, which takes privileges ` +
    `away (an application that runs its own migrations may stop working), so nothing was changed. Fix: re-run ` +
    `with access level ${current} to keep it, or confirm the change (in the template, tick the confirmation ` +
    `on the review step; in the API, confirmAccessLevelChange: true).`
  );
}
