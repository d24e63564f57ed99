import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  parseDecommissionRequestBody,
  type DecommissionRequestBody,
  type DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import type { RdsDecommissionApi } from '../client/RdsBackendClient';
import { decommissionExamples } from './decommission.examples';
import { decommissionInput, decommissionOutput } from './decommission.schema';
import {
  blockedError,
  blockMessages,
  refusalError,
  withoutStack,
} from './taskErrors';
import {
  appBaseUrlOf,
  outputRunResult,
  parseEntityRefInput,
  rdsTokenForInitiator,
} from './taskContext';

/**
 * What {@link createRdsDecommissionAction} needs.
 *
 * @public
 */
export interface RdsDecommissionActionOptions {
  /** The rds backend; `module.ts` passes the HTTP client, `RdsBackendClient`. */
  client: RdsDecommissionApi;
  /** Issues the tokens on behalf of the task's user. */
  auth: AuthService;
  /** Root config; `app.baseUrl` makes `databaseTabUrl` absolute. */
  config?: Config;
}

/**
 * Creates the `rds:decommission` action: a thin client of the rds backend's
 * `POST /decommission`, on behalf of the user who started the task. A dry run
 * shows the preflight and the steps and changes nothing. Where decommissioning
 * needs an approval the user cannot give, the run ends as a pending approval
 * request (outcome `pending_approval`, its link in `approvalRequestUrl`).
 *
 * @public
 */
export function createRdsDecommissionAction(
  options: RdsDecommissionActionOptions,
): TemplateAction<any, any, 'v2'> {
  const { client, auth } = options;
  const appBaseUrl = appBaseUrlOf(options.config);
  return createTemplateAction({
    id: 'rds:decommission',
    description:
      'Decommissions a Postgres database through the rds backend by policy: retain (logins disabled, data and secret kept), ' +
      'snapshot-and-delete (verified pg_dump first) or delete. Preflight first: nothing foreign is ever dropped. ' +
      'Idempotent; a dry run shows the preflight and the steps.',
    examples: decommissionExamples,
    supportsDryRun: true,
    schema: { input: decommissionInput, output: decommissionOutput },

    async handler(ctx) {
      const { input } = ctx;
      const entity = parseEntityRefInput(input.entityRef);
      const justification = input.justification?.trim();
      const body: DecommissionRequestBody = {
        ...(input.appName ? { appName: input.appName } : {}),
        environment: input.environment,
        ...(input.policy ? { policy: input.policy } : {}),
        entityRef: stringifyEntityRef(entity),
        ...(justification ? { justification } : {}),
        buildId: ctx.task.id,
      };
      const parsed = parseDecommissionRequestBody(body);
      if (!parsed.success) {
        throw withoutStack(
          new InputError(`Invalid input: ${parsed.problems.join('; ')}`),
        );
      }
      const dryRun = Boolean(ctx.isDryRun);
      const deletes = input.policy !== undefined && input.policy !== 'retain';
      if (!dryRun && deletes && input.confirm !== true) {
        throw withoutStack(
          new InputError(
            `Policy ${input.policy} deletes the database; set confirm: true (the template's confirmation box) to go ahead, or run it as a dry run first`,
          ),
        );
      }
      const token = await rdsTokenForInitiator(auth, ctx);
      ctx.logger.info(
        `${dryRun ? 'Planning the decommission' : 'Decommissioning'} of ${
          input.appName ?? "the entity's app"
        } in ${input.environment} (policy ${
          input.policy ?? "the environment's"
        }) for ${body.entityRef}`,
      );
      const run = async () => {
        const result = await client
          .decommission({ ...body, runId: ctx.task.id, dryRun }, token)
          .catch(error => {
            if ((error as Error)?.name === 'ConflictError') {
              for (const m of blockMessages((error as Error).message))
                ctx.logger.warn(`Blocked: ${m}`);
            }
            throw refusalError(error);
          });
        for (const s of result.steps) {
          ctx.logger.info(
            `  ${s.outcome.padEnd(9)} ${s.id} (${s.target})${
              s.message ? `: ${s.message}` : ''
            }`,
          );
        }
        if (result.outcome === 'blocked')
          throw blockedError(
            blockMessages(
              result.error ??
                result.steps
                  .filter(s => s.outcome === 'blocked')
                  .map(s => s.message)
                  .join('\n'),
            ),
          );
        if (result.outcome === 'failed') {
          throw withoutStack(
            new Error(
              `Decommissioning failed: ${
                result.error ?? 'a step failed'
              }; re-run to converge`,
            ),
          );
        }
        return result as unknown as JsonObject;
      };
      const result = (dryRun
        ? await run()
        : await ctx.checkpoint<JsonObject>({
            key: `rds-decommission-v1-${input.environment}-${
              input.appName ?? body.entityRef
            }`,
            fn: run,
          })) as unknown as DecommissionResult;
      ctx.output('policy', result.policy);
      if (result.dumpLocation) ctx.output('dumpLocation', result.dumpLocation);
      if (result.secretRestorableUntil)
        ctx.output('secretRestorableUntil', result.secretRestorableUntil);
      outputRunResult(ctx, result, entity, appBaseUrl);
    },
  });
}
