import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Standalone development backend for the rds plugin (`yarn start` in this
// package): reads the repository's app-config.yaml (the embedded dev
// environment), with mocked auth and a one-entity catalog. Try:
//
//   curl http://localhost:7007/api/rds/environments
//   curl http://localhost:7007/api/rds/provision -H 'Content-Type: application/json' \
//     -d '{"appName":"sample","environment":"dev","accessLevel":"editor","entityRef":"component:default/sample"}'
//   curl http://localhost:7007/api/rds/entities/component%3Adefault%2Fsample/databases

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service', owner: 'group:default/platform-team' },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();
