/** Postgres truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const POSTGRES_IDENTIFIER_MAX_BYTES = 63;

/**
 * Names that must never be used as an app or environment name: Postgres' and RDS's own
 * databases and roles, and SQL keywords that role specifications treat specially.
 */
export const RESERVED_NAMES: readonly string[] = [
  'postgres',
  'template0',
  'template1',
  'rdsadmin',
  'rdsrepladmin',
  'rdstopmgr',
  'rds_superuser',
  'public',
  'none',
  'all',
  'default',
  'user',
  'current_user',
  'current_role',
  'session_user',
  'admin',
];

/** Prefixes Postgres (`pg_`) and RDS (`rds_`, `rdsadmin`) reserve for their own roles. */
export const RESERVED_PREFIXES: readonly string[] = ['pg_', 'rds_', 'rdsadmin'];

/**
 * Every Postgres object name the platform derives for one app in one environment.
 *
 * @public
 */
export interface DerivedNames {
  /** `<app>_<env>`: the common stem. */
  base: string;
  /** The database, `<app>_<env>_db`. */
  database: string;
  /** The login role handed to the app through the secret, `<app>_<env>_user`. */
  loginRole: string;
  /** NOLOGIN role that owns the database and the objects in it, `<app>_<env>_owner`. */
  ownerRole: string;
  /** NOLOGIN group role with read-only grants, `<app>_<env>_reader`. */
  readerRole: string;
  /** NOLOGIN group role with read/write grants, `<app>_<env>_editor`. */
  editorRole: string;
  /**
   * The role Secrets Manager's alternating-users rotation creates (`<login>_clone`).
   * Not created by the platform, but it must fit the identifier limit too.
   */
  rotationCloneRole: string;
}

/**
 * Derives all object names. Does not validate: call {@link validateAppName} first.
 *
 * @public
 */
export function deriveNames(
  appName: string,
  environment: string,
): DerivedNames {
  const base = `${appName}_${environment}`;
  return {
    base,
    database: `${base}_db`,
    loginRole: `${base}_user`,
    ownerRole: `${base}_owner`,
    readerRole: `${base}_reader`,
    editorRole: `${base}_editor`,
    rotationCloneRole: `${base}_user_clone`,
  };
}

/** Characters every derived name adds to `<app><env>`: the separator plus the longest suffix. */
const LONGEST_ADDITION = Math.max(
  ...Object.values(deriveNames('', '')).map(name => name.length),
);

/** The longest app name allowed in an environment. */
export function maxAppNameLength(environment: string): number {
  return POSTGRES_IDENTIFIER_MAX_BYTES - LONGEST_ADDITION - environment.length;
}

/**
 * Renders a secret name from a pattern with `{env}`, `{app}`, `{database}` and `{role}`
 * placeholders, e.g. `rds/{env}/{app}` → `rds/dev/payments`.
 *
 * @public
 */
export function renderSecretName(
  pattern: string,
  appName: string,
  environment: string,
): string {
  const names = deriveNames(appName, environment);
  return pattern
    .replace(/\{env\}/g, environment)
    .replace(/\{app\}/g, appName)
    .replace(/\{database\}/g, names.database)
    .replace(/\{role\}/g, names.loginRole);
}
