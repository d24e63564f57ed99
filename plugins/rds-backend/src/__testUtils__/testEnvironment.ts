// Test-only helpers: the throw-away servers of scripts/with-test-env.mjs.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { RdsEnvironmentConfig, RdsSecretsManagerConfig } from '../config/types';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests under node scripts/with-test-env.mjs`,
    );
  }
  return value;
}

/** The RDS-like admin (CREATEROLE CREATEDB, not superuser) of the test Postgres 17. */
export function testAdmin() {
  const url = new URL(requiredEnv('RDS_TEST_PG17_ADMIN_URL'));
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The local Secrets Manager endpoint, as rds config. */
export function testSecretsManager(): Required<RdsSecretsManagerConfig> {
  return {
    region: 'us-east-1',
    endpoint: requiredEnv('RDS_TEST_SECRETS_ENDPOINT'),
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

/** The real AWS SDK client against the local endpoint, to inspect secrets. */
export function testSecretsClient(): SecretsManagerClient {
  const { region, endpoint, credentials } = testSecretsManager();
  return new SecretsManagerClient({ region, endpoint, credentials });
}

/** `dev` (no approval) and `prod` (approval required), both on the test instance. */
export function testEnvironments(): RdsEnvironmentConfig[] {
  const { host, port, user, password } = testAdmin();
  const instance = {
    name: 'test-pg17',
    host,
    port,
    adminDatabase: 'postgres',
    admin: { user, password },
    ssl: { mode: 'disable' as const },
  };
  return [
    {
      name: 'dev',
      dev: true,
      requiresApproval: false,
      approval: { approvers: [], selfApproval: true, requestTtlMs: 60_000 },
      instance,
      secrets: { namePattern: 'rds/{env}/{app}' },
    },
    {
      name: 'prod',
      dev: false,
      requiresApproval: true,
      // The mock user may approve and provision directly (self-approval on).
      approval: {
        approvers: ['user:default/mock'],
        selfApproval: true,
        requestTtlMs: 60_000,
      },
      instance,
      secrets: { namePattern: 'rds/{env}/{app}' },
    },
  ];
}

/** The same environments as `rds` app-config, for startTestBackend. */
export function testRdsConfig() {
  const { host, port, user, password } = testAdmin();
  return {
    secretsManager: testSecretsManager(),
    environments: {
      dev: {
        instance: {
          name: 'test-pg17',
          host,
          port,
          admin: { user, password },
          ssl: { mode: 'disable' },
        },
      },
    },
  };
}

/** A catalog Component with a unique name, so parallel runs never share an app. */
export function uniqueComponent(prefix = 'svc') {
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/payments-team' },
  };
  const entityRef = stringifyEntityRef(entity);
  const appName = name.replace(/-/g, '_');
  /** A request body naming the app alone (no entity): dev, reader, unless `fields` say otherwise. */
  const appBody = (fields: Record<string, unknown> = {}) => ({
    appName,
    environment: 'dev',
    accessLevel: 'reader',
    ...fields,
  });
  return {
    entity,
    entityRef,
    appName,
    appBody,
    /** A request body for this component (app and entity): dev, reader, unless `fields` say otherwise. */
    body: (fields: Record<string, unknown> = {}) =>
      appBody({ entityRef, ...fields }),
  };
}

/** Runs a query as the test admin on the instance's admin database. */
export async function queryAsAdmin<T extends Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const { host, port, user, password } = testAdmin();
  const client = new Client({
    host,
    port,
    user,
    password,
    database: 'postgres',
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Whether the test instance has a database of this name. */
export async function databaseExists(name: string): Promise<boolean> {
  const rows = await queryAsAdmin(
    'select 1 from pg_database where datname = $1',
    [name],
  );
  return rows.length === 1;
}

/** Whether the test instance has a role of this name. */
export async function roleExists(name: string): Promise<boolean> {
  const rows = await queryAsAdmin('select 1 from pg_roles where rolname = $1', [
    name,
  ]);
  return rows.length === 1;
}
