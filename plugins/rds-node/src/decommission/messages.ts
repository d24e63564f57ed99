import type { DecommissionPolicy } from '@rds-self-service/plugin-rds-common';
import { quoteIdent } from '../sql/quote';
import type { ForeignDependency } from './types';

/** Block: the request asks for a more destructive policy than the environment allows. */
export function policyMessage(
  environment: string,
  requested: DecommissionPolicy,
  configured: DecommissionPolicy,
): string {
  return (
    `environment "${environment}" allows decommission policies up to "${configured}" ` +
    `(rds.environments.${environment}.decommission.policy), and "${requested}" goes further. ` +
    `Fix: ask for "${configured}" or a less destructive policy, or have the platform team change that setting.`
  );
}

/** Block: the database exists with an owner the platform did not set. */
export function foreignDatabaseOwner(
  database: string,
  owner: string,
  expected: string,
): string {
  return (
    `database "${database}" is owned by "${owner}", not by the platform's owner role "${expected}": ` +
    `the platform never drops or disables what it did not create, so nothing was changed. ` +
    `Fix: have "${owner}" decommission it, or hand it over as docs/runbook.md describes, then re-run.`
  );
}

/** Block: the environment needs approval for a decommission that changes something. */
export function decommissionApprovalMessage(
  environment: string,
  changes: number,
): string {
  return (
    `environment "${environment}" requires explicit approval before a database is decommissioned ` +
    `(${changes} step${
      changes === 1 ? '' : 's'
    } would change). Fix: have the run approved ` +
    `(in Backstage, a user whom the permission policy allows rds.environment.provision in "${environment}"; ` +
    `in the CLI, set ALLOW_DB_PROVISION=true).`
  );
}

/** Block: something on the instance would be lost with the database, or keeps it from being dropped. */
export function blockingObjectsMessage(
  database: string,
  what: string,
  names: string[],
  fix: string,
): string {
  return `database "${database}" has ${what} (${names.join(
    ', ',
  )}); dropping it would fail or lose them, so nothing was changed. Fix: ${fix}, then re-run.`;
}

/** Block: the app's roles own or hold objects outside the database. */
export function dependenciesMessage(deps: ForeignDependency[]): string {
  const list = deps.map(
    d =>
      `${d.role} ${d.kind} objects in ${
        d.database ? `database "${d.database}"` : 'shared objects'
      }`,
  );
  const roles = [...new Set(deps.map(d => quoteIdent(d.role)))].join(', ');
  return (
    `the app's roles are used outside its database: ${list.join(
      '; ',
    )}. Dropping the roles would fail, and what they own there is not the platform's to drop. ` +
    `Fix: in each of those databases, REASSIGN OWNED BY ${roles} TO <its owner> and revoke their ` +
    `privileges (or DROP OWNED BY ${roles} if nothing there is needed), then re-run.`
  );
}

/** Block: sessions of roles the platform does not manage are connected to the database. */
export function foreignSessionsMessage(
  database: string,
  users: string[],
): string {
  return (
    `roles the platform does not manage are connected to database "${database}" (${users.join(
      ', ',
    )}); a drop would cut them off, so nothing was changed. Fix: have them disconnect (or end their ` +
    `sessions with pg_terminate_backend as a platform DBA), then re-run.`
  );
}

/** Block: the dump cannot be made. */
export function pgDumpMessage(problem: string, serverMajor: number): string {
  return (
    `the dump before the delete cannot be made: ${problem}. Nothing was changed. ` +
    `Fix: set rds.environments.<env>.decommission.pgDumpPath to a pg_dump of major version ${serverMajor} ` +
    `or newer (e.g. Debian's postgresql-client-${serverMajor}, /usr/lib/postgresql/${serverMajor}/bin/pg_dump), ` +
    `or decommission with policy "retain".`
  );
}
