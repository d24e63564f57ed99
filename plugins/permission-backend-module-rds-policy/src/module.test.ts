import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import policyModule from './index';

describe('permissionModuleRdsPolicy', () => {
  it('is the permission backend’s policy, with permission.rds.platformGroups from config', async () => {
    const backend = await startTestBackend({
      features: [
        permissionBackend,
        policyModule,
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              rds: { platformGroups: ['user:default/pat'] },
            },
          },
        }),
        mockServices.userInfo.factory(),
      ],
    });
    try {
      const ask = (user: string) =>
        request(backend.server)
          .post('/api/permission/authorize')
          .set('Authorization', mockCredentials.user.header(user))
          .send({
            items: [
              {
                id: '1',
                permission: {
                  type: 'resource',
                  name: 'rds.environment.approve',
                  attributes: { action: 'update' },
                  resourceType: 'rds-environment',
                },
                resourceRef: 'prod',
              },
            ],
          });
      const denied = await ask('user:default/dana');
      expect([denied.status, denied.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      expect(denied.body.items).toEqual([
        { id: '1', result: AuthorizeResult.DENY },
      ]);
      const allowed = await ask('user:default/pat');
      expect(allowed.body.items).toEqual([
        { id: '1', result: AuthorizeResult.ALLOW },
      ]);
    } finally {
      await backend.stop();
    }
  });
});
