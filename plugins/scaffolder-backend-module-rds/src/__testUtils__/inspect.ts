import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AuditRecord } from '@rds-self-service/plugin-rds-common';
import { Client } from 'pg';
import { RdsTestEnv } from './testEnv';

/** What {@link Inspector.objectsOf} finds of an app that has nothing on the instance. */
export const NO_OBJECTS = { roles: [], databases: [], owners: {} };

/**
 * Reads what a run left behind, straight from the real servers: Postgres
 * catalogs as the admin, the secret through the real AWS SDK, audit rows
 * through the rds backend's API.
 */
export class Inspector {
  private readonly secrets: SecretsManagerClient;

  constructor(private readonly env: RdsTestEnv) {
    this.secrets = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: env.secretsEndpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.env.adminUrl.href });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Roles and databases whose name starts with the app's `<app>_` stem. */
  async objectsOf(appName: string) {
    const prefix = `${appName}\\_%`;
    const roles = await this.query<{ rolname: string }>(
      'SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY 1',
      [prefix],
    );
    const databases = await this.query<{ datname: string; owner: string }>(
      `SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database
       WHERE datname LIKE $1 ORDER BY 1`,
      [prefix],
    );
    return {
      roles: roles.map(r => r.rolname),
      databases: databases.map(d => d.datname),
      owners: Object.fromEntries(databases.map(d => [d.datname, d.owner])),
    };
  }

  /** The secret's JSON value, or undefined when there is no such secret. */
  async readSecret(
    secretId: string,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const out = await this.secrets.send(
        new GetSecretValueCommand({ SecretId: secretId }),
      );
      return JSON.parse(out.SecretString ?? '{}');
    } catch (e) {
      if (e instanceof ResourceNotFoundException) return undefined;
      throw e;
    }
  }

  /** Connects as the created login role with the password from its secret. */
  async connectAs(secretId: string, database: string) {
    const secret = await this.readSecret(secretId);
    if (!secret) throw new Error(`no secret ${secretId}`);
    const client = new Client({
      host: this.env.adminUrl.hostname,
      port: Number(this.env.adminUrl.port),
      user: String(secret.username),
      password: String(secret.password),
      database,
    });
    await client.connect();
    return client;
  }

  close() {
    this.secrets.destroy();
  }
}

export async function fetchAudit(
  baseUrl: string,
  entityRef: string,
): Promise<AuditRecord[]> {
  const res = await fetch(
    `${baseUrl}/api/rds/entities/${encodeURIComponent(entityRef)}/audit`,
  );
  if (!res.ok) {
    throw new Error(
      `audit ${entityRef}: HTTP ${res.status} ${await res.text()}`,
    );
  }
  return (await res.json()).items;
}
