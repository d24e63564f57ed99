import { createBackend } from '@backstage/backend-defaults';
import { BootFailures } from './bootFailures';
import { demoApproverAuthModule } from './demoApproverAuth';

const backend = createBackend();

// A plugin that failed to start says why on its API (app-config.yaml: backend.startup).
const bootFailures = new BootFailures();
backend.add(bootFailures.rootHttpRouter());

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// The embedded demo's second sign-in, as an approver (dev only; see demoApproverAuth.ts).
backend.add(demoApproverAuthModule);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
// The rds policy in place of allow-all: approval outside dev for the platform team only
// (the rds backend adds its own rules on top: named approvers, four eyes; docs/security.md).
backend.add(
  import('@rds-self-service/plugin-permission-backend-module-rds-policy'),
);

// Notifications: approvers hear of new requests, requesters of the decision.
backend.add(import('@backstage/plugin-notifications-backend'));

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
