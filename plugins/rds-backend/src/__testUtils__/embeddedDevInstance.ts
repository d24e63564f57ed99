// Test-only: an instance as rds config gives it, for the tests that read
// config or build the service without connecting anywhere.

/**
 * The dev instance of `yarn dev` (the embedded Postgres 17 on port 5433, its
 * admin with a plain password) as the `instance` of an `rds` environment.
 */
export const embeddedDevInstance = {
  name: 'embedded-postgres-17',
  host: '127.0.0.1',
  port: 5433,
  admin: { user: 'rds_admin', password: 'rds_admin_dev' },
  ssl: { mode: 'disable' as const },
};
