import type { AccessLevel } from '@rds-self-service/plugin-rds-common';

/** Where the "Postgres database" template lives on the Create page. */
export const RDS_TEMPLATE_PATH = '/create/templates/default/rds-database';

/** What the Database tab knows when it links to the template. */
export interface TemplatePrefill {
  entityRef: string;
  appName: string;
  environment?: string;
  /** The level the database has now, so a re-run keeps it instead of the form's default. */
  accessLevel?: AccessLevel;
}

/**
 * Link to the template, prefilled for this entity. The scaffolder reads the
 * `formData` query parameter as the initial form state; the keys are the
 * template's parameter names (templates/rds-database: `component`, `appName`,
 * `environment`, `accessLevel`).
 */
export function provisionTemplateUrl(prefill: TemplatePrefill): string {
  const formData = {
    component: prefill.entityRef,
    appName: prefill.appName,
    ...(prefill.environment ? { environment: prefill.environment } : {}),
    ...(prefill.accessLevel ? { accessLevel: prefill.accessLevel } : {}),
  };
  return `${RDS_TEMPLATE_PATH}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

// Scaffolder task ids are UUIDs; runs started elsewhere (the CLI, CI) are not
// scaffolder tasks and have no page to link to.
const TASK_ID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Link to the scaffolder task that ran, when the run id is a task id. */
export function scaffolderTaskUrl(runId: string | undefined) {
  if (!runId || !TASK_ID_PATTERN.test(runId)) {
    return undefined;
  }
  return `/create/tasks/${runId}`;
}
