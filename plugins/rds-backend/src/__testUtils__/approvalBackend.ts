// Test-only: the rds plugin with the real permission backend (the stock
// allow-all policy unless another is given) and the real notifications
// backend, over real Postgres and the local Secrets Manager endpoint.
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { JsonObject } from '@backstage/types';
import { Server } from 'node:http';
import request from 'supertest';
import { rdsPlugin } from '../plugin';
import { httpAuthWithOboActors } from './httpAuthWithOboActors';
import { testAdmin, testSecretsManager } from './testEnvironment';

/** The people of the approval tests and the groups the sign-in gives them. */
export const people = {
  requester: 'user:default/guest',
  approver: 'user:default/pat',
  secondApprover: 'user:default/alex',
  outsider: 'user:default/eve',
} as const;
const groups: Record<string, string[]> = {
  [people.requester]: ['group:default/team-payments'],
  [people.approver]: ['group:default/platform-team'],
  [people.secondApprover]: ['group:default/platform-team'],
};

/** The catalog's view of them: users, and the platform team with its members. */
export const orgEntities: Entity[] = [
  ...Object.values(people).map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: {},
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: people.approver },
      { type: 'hasMember', targetRef: people.secondApprover },
    ],
  },
];

/** User info as a sign-in resolver gives it: the user plus their groups. */
const userInfoWithGroups = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(groups[ref] ?? [])],
      };
    },
  }),
});

/**
 * The environments: `gated` requires approval by the platform team (no
 * self-approval), `sandbox` is a dev one that requires approval and allows
 * self-approval, `brief` expires requests after a second, `locked` requires
 * approval and names no approvers, `teardown` requires it for decommissions only.
 */
export function approvalRdsConfig(): JsonObject {
  const { host, port, user, password } = testAdmin();
  const instance = {
    name: 'test-pg17',
    host,
    port,
    admin: { user, password },
    ssl: { mode: 'disable' },
  };
  const approvers = ['group:default/platform-team'];
  return {
    secretsManager: testSecretsManager(),
    environments: {
      // Not dev, but on the test instance: a plain admin and no TLS are dev-only.
      gated: {
        dev: true,
        requiresApproval: true,
        approval: { approvers, selfApproval: false, expiresAfter: '1h' },
        instance,
      },
      sandbox: {
        dev: true,
        requiresApproval: true,
        approval: { approvers },
        instance,
      },
      brief: {
        dev: true,
        requiresApproval: true,
        approval: { approvers, selfApproval: false, expiresAfter: 'PT1S' },
        instance,
      },
      locked: { dev: true, requiresApproval: true, instance },
      // Provisioning needs no approval; decommissioning (policy delete) does.
      teardown: {
        dev: true,
        requiresApproval: false,
        approval: { approvers, selfApproval: false },
        decommission: {
          requiresApproval: true,
          policy: 'delete',
          secretRecoveryDays: 7,
        },
        instance,
      },
    },
  };
}

/** A permission policy as a backend module, in place of the allow-all one. */
export function policyModule(policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy: point }) {
          point.setPolicy(policy);
        },
      });
    },
  });
}

/** Starts the backend; `as(user)` gives supertest calls as that user. */
export async function startApprovalBackend(
  databases: TestDatabases,
  options: {
    entities: Entity[];
    policy?: PermissionPolicy;
    catalog?: BackendFeature;
  },
) {
  const knex = await databases.init('POSTGRES_17');
  // A database per plugin, as Backstage gives them: the rds plugin's is `knex`.
  const perPlugin = createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: async ({ plugin }) =>
      mockServices.database({
        knex:
          plugin.getId() === 'rds' ? knex : await databases.init('POSTGRES_17'),
      }),
  });
  const backend = await startTestBackend({
    features: [
      rdsPlugin,
      permissionBackend,
      options.policy ? policyModule(options.policy) : allowAllPolicy,
      ...(options.catalog ? [] : [notificationsBackend]),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          rds: approvalRdsConfig(),
        },
      }),
      perPlugin,
      httpAuthWithOboActors,
      userInfoWithGroups,
      options.catalog ??
        catalogServiceMock.factory({
          entities: [...orgEntities, ...options.entities],
        }),
    ],
  });
  const header = (user: string) => mockCredentials.user.header(user);
  const as = (user: string) => {
    const post = (path: string, body: object = {}) =>
      request(backend.server)
        .post(path)
        .set('Authorization', header(user))
        .send(body);
    return {
      get: (path: string) =>
        request(backend.server).get(path).set('Authorization', header(user)),
      post,
      /** Approves request `id` (`body`: its planHash, a comment). */
      approve: (id: string, body: object) =>
        post(`/api/rds/requests/${id}/approve`, body),
      /** Rejects request `id` (`body`: the comment). */
      reject: (id: string, body: object) =>
        post(`/api/rds/requests/${id}/reject`, body),
    };
  };
  /** The titles and links of the notifications a user has, newest first. */
  const notificationsOf = async (user: string) => {
    const res = await as(user).get('/api/notifications/notifications');
    expect(res.status).toBe(200);
    return (
      res.body.notifications as Array<{
        payload: { title: string; link?: string };
      }>
    ).map(n => ({ title: n.payload.title, link: n.payload.link }));
  };
  // A plain http.Server: backend-test-utils' own type names its nested backend-defaults (TS2742).
  const server: Server = backend.server;
  return {
    server,
    knex,
    as,
    notificationsOf,
    stop: () => backend.stop(),
  };
}
