import { createBackend } from '@backstage/backend-defaults';
import { BootFailures } from './bootFailures';
import { rdsDevPermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

// A plugin that failed to start says why on its API (app-config.yaml: backend.startup).
const bootFailures = new BootFailures();
backend.add(bootFailures.rootHttpRouter());

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// Allows everything in dev; provisioning where approval is required only for the platform team.
backend.add(rdsDevPermissionPolicyModule);

backend.add(import('@backstage/plugin-user-settings-backend'));

// Self-service Postgres: the rds backend plugin and the rds:provision scaffolder action.
backend.add(import('@rds-self-service/plugin-rds-backend'));
backend.add(import('@rds-self-service/plugin-scaffolder-backend-module-rds'));

backend.start().then(
  ({ result }) => bootFailures.record(result),
  error => {
    // onPluginBootFailure `abort`: the plugins that started keep serving; still say why.
    if (error?.result) bootFailures.record(error.result);
    throw error;
  },
);
