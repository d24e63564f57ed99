import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the legacy app mounts the Database tab. */
export const rootRouteRef = createRouteRef({
  id: 'rds',
});
