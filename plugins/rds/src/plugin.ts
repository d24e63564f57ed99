import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import type { JSX } from 'react';
import {
  RdsApprovalsClient,
  RdsClient,
  rdsApiRef,
  rdsApprovalsApiRef,
} from './api';
import { backendClientFactory } from './api/backendClientFactory';
import type { EntityRdsAuditCardProps } from './components/EntityRdsAuditCard';
import {
  RdsEnvironmentPicker,
  RdsEnvironmentPickerFieldSchema,
  rdsEnvironmentPickerValidation,
} from './components/RdsEnvironmentPicker';
import {
  RdsJustificationField,
  RdsJustificationFieldSchema,
  rdsJustificationValidation,
} from './components/RdsJustificationField';
import {
  RdsPlanReview,
  RdsPlanReviewFieldSchema,
  rdsPlanReviewValidation,
} from './components/RdsPlanReview';
import { requestsRouteRef, rootRouteRef } from './routes';

// The doc comment must not spell out the package name: with stripInternal, tsc
// drops every declaration whose leading comments contain the internal tag.
/**
 * The rds plugin for apps on the legacy frontend system. Apps on the new
 * frontend system use the default export of this package's `/alpha` entry
 * point.
 *
 * @public
 */
export const rdsPlugin = createPlugin({
  id: 'rds',
  apis: [
    backendClientFactory(rdsApiRef, RdsClient),
    backendClientFactory(rdsApprovalsApiRef, RdsApprovalsClient),
  ],
  routes: {
    root: rootRouteRef,
    requests: requestsRouteRef,
  },
});

/**
 * Content for the entity page's "Database" tab: status per environment and
 * the audit history.
 *
 * @public
 */
export const EntityRdsContent: () => JSX.Element = rdsPlugin.provide(
  createRoutableExtension({
    name: 'EntityRdsContent',
    component: () =>
      import('./components/EntityRdsContent').then(m => m.EntityRdsContent),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The approval requests page: every pending request the user may see, with
 * the plan, who asked and why, and Approve / Reject for approvers. Mount it
 * at `/rds/requests` (the path the backend's links use).
 *
 * @public
 */
export const RdsRequestsPage: () => JSX.Element = rdsPlugin.provide(
  createRoutableExtension({
    name: 'RdsRequestsPage',
    component: () =>
      import('./components/ApprovalRequests').then(m => m.RdsRequestsPage),
    mountPoint: requestsRouteRef,
  }),
);

/**
 * Card with the audit history of the entity's databases.
 *
 * @public
 */
export const EntityRdsAuditCard: (
  props: EntityRdsAuditCardProps,
) => JSX.Element = rdsPlugin.provide(
  createComponentExtension({
    name: 'EntityRdsAuditCard',
    component: {
      lazy: () =>
        import('./components/EntityRdsAuditCard').then(
          m => m.EntityRdsAuditCard,
        ),
    },
  }),
);

// provide() leaves a field extension as it is, so rdsPlugin serves as well as
// the scaffolder's plugin and spares a dependency on another frontend plugin.
/**
 * Scaffolder field `ui:field: RdsEnvironmentPicker` for the legacy frontend
 * system: a select of the environments configured in the rds backend. Put it
 * inside `<ScaffolderFieldExtensions>` of the app's `ScaffolderPage`.
 *
 * @public
 */
export const RdsEnvironmentPickerFieldExtension = rdsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RdsEnvironmentPicker',
    component: RdsEnvironmentPicker,
    validation: rdsEnvironmentPickerValidation,
    schema: RdsEnvironmentPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `ui:field: RdsJustification` for the legacy frontend system:
 * a justification asked for exactly where the environment chosen in the form
 * requires approval. Put it inside `<ScaffolderFieldExtensions>` next to
 * {@link RdsEnvironmentPickerFieldExtension}.
 *
 * @public
 */
export const RdsJustificationFieldExtension = rdsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RdsJustification',
    component: RdsJustificationField,
    validation: rdsJustificationValidation,
    schema: RdsJustificationFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `ui:field: RdsPlanReview` for the legacy frontend system:
 * on the template's last page, what the run will do (the rds backend's plan)
 * and a confirmation where it lowers the access level. Put it inside
 * `<ScaffolderFieldExtensions>` next to {@link RdsEnvironmentPickerFieldExtension}.
 *
 * @public
 */
export const RdsPlanReviewFieldExtension = rdsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'RdsPlanReview',
    component: RdsPlanReview,
    validation: rdsPlanReviewValidation,
    schema: RdsPlanReviewFieldSchema.schema,
  }),
);
