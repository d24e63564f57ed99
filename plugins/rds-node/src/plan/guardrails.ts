import { MARKER_PREFIX } from './marker';

/** Block message: a role with the platform's name exists but is not marked as managed. */
export function unmanagedRoleMessage(role: string, comment?: string): string {
  const found = comment
    ? `its comment is ${JSON.stringify(comment.slice(0, 80))}`
    : 'it has no comment';
  return (
    `role "${role}" exists but is not managed by the platform (${found}; the marker is "${MARKER_PREFIX}"). ` +
    `The platform does not take over roles it did not create. Fix: choose another app name, or, if the role ` +
    `should be managed by the platform, have its owner run COMMENT ON ROLE "${role}" IS '${MARKER_PREFIX}' and re-run.`
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
    `The platform does not take over databases it did not create. Fix: choose another app name, or have ` +
    `"${owner}" rename or drop the existing database if it is not in use, or transfer it with ` +
    `ALTER DATABASE "${database}" OWNER TO "${expectedOwner}" once that role exists.`
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
