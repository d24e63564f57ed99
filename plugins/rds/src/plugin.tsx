import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/rds',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const rdsPlugin = createFrontendPlugin({
  pluginId: 'rds',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
