/**
 * The path of the Database tab below an entity's page, where the rds frontend
 * plugin mounts its entity content.
 *
 * @public
 */
export const RDS_DATABASE_TAB_PATH = '/database';

/**
 * The Database tab of an entity, relative to the app: its page at Backstage's
 * default entity route (`/catalog/<namespace>/<kind>/<name>`, kind lowercased)
 * plus {@link RDS_DATABASE_TAB_PATH}. Every part is URL-encoded.
 *
 * @public
 */
export function databaseTabPath(entity: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const parts = [
    entity.namespace,
    entity.kind.toLocaleLowerCase('en-US'),
    entity.name,
  ].map(encodeURIComponent);
  return `/catalog/${parts.join('/')}${RDS_DATABASE_TAB_PATH}`;
}
