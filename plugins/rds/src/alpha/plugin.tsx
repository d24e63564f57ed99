import {
  ApiBlueprint,
  createFrontendPlugin,
  OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { RDS_DATABASE_TAB_PATH } from '@rds-self-service/plugin-rds-common';
import { RdsClient, rdsApiRef } from '../api';
import { backendClientFactory } from '../api/backendClientFactory';
import { rdsApprovalsApi, rdsRequestsPage } from './approvals';

// Explicit types for the exported extensions, named through the blueprints that make them:
// inferred ones name packages of the blueprints' own (such as @backstage/filter-predicates),
// which an app may hold in another version (TS2742 in the app's `yarn tsc`).
/**
 * The type of an entity content extension made by `EntityContentBlueprint`.
 *
 * @alpha
 */
export type EntityContentExtension<TName extends string> = ReturnType<
  typeof EntityContentBlueprint.make<TName, any, any>
>;
/**
 * The type of an entity card extension made by `EntityCardBlueprint`.
 *
 * @alpha
 */
export type EntityCardExtension<TName extends string> = ReturnType<
  typeof EntityCardBlueprint.make<TName, any, any>
>;

/**
 * The rds API, for the tab and the card.
 *
 * @alpha
 */
export const rdsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams(backendClientFactory(rdsApiRef, RdsClient)),
});

/**
 * The "Database" tab on Component pages: status per environment and history.
 *
 * @alpha
 */
export const rdsEntityContent: EntityContentExtension<'database'> =
  EntityContentBlueprint.make({
    name: 'database',
    params: {
      path: RDS_DATABASE_TAB_PATH,
      title: 'Database',
      filter: { kind: 'component' },
      loader: () =>
        import('../components/EntityRdsContent').then(m => (
          <m.EntityRdsContent />
        )),
    },
  });

/**
 * The audit history as a card for the Overview tab. Off by default because the
 * Database tab already shows it; enable it in app-config to have both.
 *
 * @alpha
 */
export const rdsAuditEntityCard: EntityCardExtension<'audit'> =
  EntityCardBlueprint.make({
    name: 'audit',
    disabled: true,
    params: {
      type: 'content',
      filter: { kind: 'component' },
      loader: () =>
        import('../components/EntityRdsAuditCard').then(m => (
          <m.EntityRdsAuditCard />
        )),
    },
  });

/**
 * The scaffolder form field `ui:field: RdsEnvironmentPicker`: the environments
 * configured in the rds backend as a select. Attaches to the scaffolder
 * plugin's form fields API, so templates can use it wherever the scaffolder is
 * installed.
 *
 * @alpha
 */
export const rdsEnvironmentPickerFormField = FormFieldBlueprint.make({
  name: 'environment-picker',
  params: {
    field: () =>
      import('./fields/RdsEnvironmentPicker').then(m => m.RdsEnvironmentPicker),
  },
});

/**
 * The scaffolder form field `ui:field: RdsJustification`: a justification asked
 * for exactly where the chosen environment requires approval.
 *
 * @alpha
 */
export const rdsJustificationFormField = FormFieldBlueprint.make({
  name: 'justification',
  params: {
    field: () =>
      import('./fields/RdsJustification').then(m => m.RdsJustification),
  },
});

/**
 * The scaffolder form field `ui:field: RdsPlanReview`: what the run will do,
 * and a confirmation where it lowers the access level.
 *
 * @alpha
 */
export const rdsPlanReviewFormField = FormFieldBlueprint.make({
  name: 'plan-review',
  params: {
    field: () => import('./fields/RdsPlanReview').then(m => m.RdsPlanReview),
  },
});

/**
 * The rds plugin for apps on the new frontend system.
 *
 * @alpha
 */
const rdsPlugin: OverridableFrontendPlugin<
  {},
  {},
  {
    'api:rds': typeof rdsApi;
    'entity-content:rds/database': typeof rdsEntityContent;
    'entity-card:rds/audit': typeof rdsAuditEntityCard;
    'scaffolder-form-field:rds/environment-picker': typeof rdsEnvironmentPickerFormField;
    'scaffolder-form-field:rds/justification': typeof rdsJustificationFormField;
    'scaffolder-form-field:rds/plan-review': typeof rdsPlanReviewFormField;
  }
> = createFrontendPlugin({
  pluginId: 'rds',
  title: 'Databases',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    rdsApi,
    rdsApprovalsApi,
    rdsRequestsPage,
    rdsEntityContent,
    rdsAuditEntityCard,
    rdsEnvironmentPickerFormField,
    rdsJustificationFormField,
    rdsPlanReviewFormField,
  ],
});

export default rdsPlugin;
