import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import {
  BackendFeature,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the tests run the real rds backend
import rdsPlugin from '@rds-self-service/plugin-rds-backend';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { scaffolderModuleRds } from '../module';
import { testPermissions } from './testPermissions';
import { readTestEnv, RdsTestEnv } from './testEnv';

export const APP_BASE_URL = 'http://localhost:3000';

/** The real template, as the catalog would serve it. */
export function loadRdsDatabaseTemplate(): Entity {
  const file = path.resolve(
    __dirname,
    '../../../../templates/rds-database/template.yaml',
  );
  return parse(fs.readFileSync(file, 'utf8'));
}

export function componentEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'team-a' },
  };
}

/**
 * rds config for the test servers: `dev` on the embedded Postgres 17 with its
 * RDS-like admin, and `prod` on the same server but needing approval. (`prod`
 * keeps `dev: true` only because the throw-away server has no TLS and a plain
 * admin password; the approval rule is what the tests exercise.)
 */
export function rdsTestConfig(env: RdsTestEnv) {
  const instance = {
    name: 'pg17-test',
    host: env.adminUrl.hostname,
    port: Number(env.adminUrl.port),
    adminDatabase: env.adminUrl.pathname.slice(1) || 'postgres',
    admin: {
      user: decodeURIComponent(env.adminUrl.username),
      password: decodeURIComponent(env.adminUrl.password),
    },
    ssl: { mode: 'disable' },
  };
  return {
    secretsManager: {
      region: 'us-east-1',
      endpoint: env.secretsEndpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
    environments: {
      dev: { instance, decommission: { policy: 'delete' } },
      // The mock user is prod's named approver; whether they may provision
      // directly is the policy's (StartOptions.approve).
      prod: {
        dev: true,
        requiresApproval: true,
        approval: { approvers: ['user:default/mock'] },
        instance,
      },
    },
  };
}

export interface StartOptions {
  /** Also run the scaffolder with this module. */
  scaffolder?: boolean;
  /** Catalog entities besides the rds-database template. */
  entities?: Entity[];
  /** Grant the approval that environments with requiresApproval need (default: no). */
  approve?: boolean;
}

/**
 * Starts a real backend on a random port: the rds backend (engine on the test
 * Postgres, real Secrets Manager SDK against the local endpoint) with Backstage's
 * own databases on Postgres too, and optionally the scaffolder with this module.
 */
/** A started test backend: the rds backend (and the scaffolder, when asked) on a random port. */
export interface RdsTestBackend {
  backend: TestBackend;
  server: TestBackend['server'];
  baseUrl: string;
  discovery: DiscoveryService;
  env: RdsTestEnv;
  stop(): Promise<void>;
}

export async function startRdsTestBackend(
  options: StartOptions = {},
): Promise<RdsTestBackend> {
  const env = readTestEnv();
  const config = {
    app: { baseUrl: APP_BASE_URL },
    backend: {
      database: {
        client: 'pg',
        connection: env.superUrl,
        // One set of Backstage databases per backend, so test files can run in parallel.
        prefix: `scaffrds_${randomBytes(4).toString('hex')}_`,
      },
    },
    rds: rdsTestConfig(env),
  };

  const features: BackendFeature[] = [
    mockServices.rootConfig.factory({ data: config }),
    databaseServiceFactory,
    testPermissions({ approve: options.approve ?? false }),
    rdsPlugin,
  ];
  if (options.scaffolder) {
    features.push(scaffolderPlugin, scaffolderModuleRds);
  }
  // The catalog both backends read: the real template and the test's entities.
  features.push(
    catalogServiceMock.factory({
      entities: [loadRdsDatabaseTemplate(), ...(options.entities ?? [])],
    }),
  );

  const backend = await startTestBackend({ features });
  const baseUrl = `http://localhost:${backend.server.port()}`;
  const discovery: DiscoveryService = HostDiscovery.fromConfig(
    new ConfigReader({
      backend: { baseUrl, listen: { port: backend.server.port() } },
    }),
  );
  return {
    backend,
    server: backend.server,
    baseUrl,
    discovery,
    env,
    stop: () => backend.stop(),
  };
}
