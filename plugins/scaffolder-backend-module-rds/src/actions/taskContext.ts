import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  databaseTabPath,
  outcomeLabel,
  type ApprovalRequestLink,
  type RunOutcome,
} from '@rds-self-service/plugin-rds-common';
import { outputPendingApproval } from './pendingApproval';
import { withoutStack } from './taskErrors';

// What rds:provision and rds:decommission both take from the task: the entity
// it names, a token of the user who started it, and the links into the app.

/** `app.baseUrl`, which makes the links the actions output absolute ('' leaves them paths). */
export function appBaseUrlOf(config: Config | undefined): string {
  return config?.getOptionalString('app.baseUrl') ?? '';
}

/** The entity an input's `entityRef` names (namespace `default` unless given). */
export function parseEntityRefInput(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, { defaultNamespace: 'default' });
  } catch (e) {
    throw withoutStack(
      new InputError(
        `entityRef '${entityRef}' is not an entity reference like component:default/payments (${
          (e as Error).message
        })`,
      ),
    );
  }
}

/** A token for the rds backend on behalf of the user who started the task. */
export async function rdsTokenForInitiator(
  auth: AuthService,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
): Promise<string> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await ctx.getInitiatorCredentials(),
    targetPluginId: 'rds',
  });
  return token;
}

/**
 * The outputs every run of either action has: its outcome (and the label the Database tab
 * gives it), the database, the entity's Database tab (path, and URL in the app), and the
 * request's link when the run became an approval request.
 */
export function outputRunResult(
  ctx: {
    logger: Pick<LoggerService, 'info'>;
    output(
      name:
        | 'outcome'
        | 'outcomeLabel'
        | 'database'
        | 'databaseTabPath'
        | 'databaseTabUrl'
        | 'approvalRequestPath'
        | 'approvalRequestUrl',
      value: string,
    ): void;
  },
  result: {
    outcome: RunOutcome;
    database: string;
    approvalRequest?: ApprovalRequestLink;
  },
  entity: CompoundEntityRef,
  appBaseUrl: string,
): void {
  ctx.output('outcome', result.outcome);
  ctx.output('outcomeLabel', outcomeLabel(result.outcome));
  ctx.output('database', result.database);
  const tabPath = databaseTabPath(entity);
  ctx.output('databaseTabUrl', `${appBaseUrl}${tabPath}`);
  ctx.output('databaseTabPath', tabPath);
  if (result.approvalRequest)
    outputPendingApproval(ctx, result.approvalRequest, appBaseUrl);
}
