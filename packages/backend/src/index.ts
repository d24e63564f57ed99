import { createBackend } from '@backstage/backend-defaults';
import { rdsDevPermissionPolicyModule } from './permissionPolicy';

const backend = createBackend();

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
backend.add(import('@internal/plugin-rds-backend'));
backend.add(import('@internal/plugin-scaffolder-backend-module-rds'));

backend.start();
