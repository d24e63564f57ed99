import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the legacy app mounts the Database tab. */
export const rootRouteRef = createRouteRef({
  id: 'rds',
});

/** Where the legacy app mounts the approval requests page (`/rds/requests`). */
export const requestsRouteRef = createRouteRef({
  id: 'rds-requests',
});
