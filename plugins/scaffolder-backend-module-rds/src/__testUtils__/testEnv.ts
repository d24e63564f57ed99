import { randomBytes } from 'node:crypto';

/** Servers started by scripts/with-test-env.mjs. */
export interface RdsTestEnv {
  /** Non-superuser admin (CREATEROLE CREATEDB), like the RDS master user. */
  adminUrl: URL;
  /** Superuser of the same server: Backstage's own databases and inspection only. */
  superUrl: string;
  secretsEndpoint: string;
}

export function readTestEnv(): RdsTestEnv {
  const admin = process.env.RDS_TEST_PG17_ADMIN_URL;
  const superUrl = process.env.RDS_TEST_PG17_SUPER_URL;
  const secretsEndpoint = process.env.RDS_TEST_SECRETS_ENDPOINT;
  if (!admin || !superUrl || !secretsEndpoint) {
    throw new Error(
      'These tests need real Postgres and Secrets Manager endpoints; run them through ' +
        '`node scripts/with-test-env.mjs`, e.g. `CI=1 node scripts/with-test-env.mjs ./yarnw --cwd ' +
        'plugins/scaffolder-backend-module-rds backstage-cli package test`',
    );
  }
  return { adminUrl: new URL(admin), superUrl, secretsEndpoint };
}

/** App names unique per test, so parallel test files never share objects. */
export function uniqueAppName(stem: string): string {
  return `${stem}_${randomBytes(4).toString('hex')}`;
}
