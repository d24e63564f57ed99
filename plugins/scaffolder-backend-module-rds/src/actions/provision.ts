import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  PlanRequestBody,
  ProvisionResult,
  missingJustificationMessage,
  parsePlanRequestBody,
  requiresJustification,
} from '@rds-self-service/plugin-rds-common';
import type { RdsBackendApi } from '../client/RdsBackendClient';
import { connectOutput } from './connect';
import { planLines, resultLines } from './logLines';
import { examples } from './provision.examples';
import { provisionInput, provisionOutput } from './provision.schema';
import {
  blockMessages,
  blockedError,
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
 * What {@link createRdsProvisionAction} needs: the rds backend client, the
 * auth service to call it on behalf of the task's user, and optionally the
 * root config.
 *
 * @public
 */
export interface RdsProvisionActionOptions {
  /** The rds backend; `module.ts` passes the HTTP client, `RdsBackendClient`. */
  client: RdsBackendApi;
  /** Issues the tokens on behalf of the task's user that every call carries. */
  auth: AuthService;
  /** Root config; `app.baseUrl` makes `databaseTabUrl` absolute. */
  config?: Config;
}

/**
 * Creates the `rds:provision` action: a thin client of the rds backend that
 * plans (dry run) or provisions a Postgres database, its login role and its
 * Secrets Manager secret, on behalf of the user who started the task. Its
 * input and output are the schemas in `provision.schema.ts`, listed on
 * `/create/actions`.
 *
 * @public
 */
// Typed as what scaffolderActions.addActions takes: the type tsc infers from the
// schemas lists each object's required fields in the order their names first
// occur anywhere in the program, so the API report would change with unrelated
// code. The input and output types have one owner, provision.schema.ts.
export function createRdsProvisionAction(
  options: RdsProvisionActionOptions,
): TemplateAction<any, any, 'v2'> {
  const { client, auth } = options;
  const appBaseUrl = appBaseUrlOf(options.config);

  return createTemplateAction({
    id: 'rds:provision',
    description:
      'Creates or converges a Postgres database, its login role with the chosen access level, and the ' +
      'Secrets Manager secret holding its credentials, through the rds backend. Idempotent: running it ' +
      'again changes nothing and reports no_change. In a dry run it only returns the plan.',
    examples,
    supportsDryRun: true,
    schema: { input: provisionInput, output: provisionOutput },

    async handler(ctx) {
      const { input } = ctx;

      // Validate everything before any call that could change something.
      const entity = parseEntityRefInput(input.entityRef);
      const justification = input.justification?.trim();
      // Without an app name the backend uses the entity's: the rule has one owner.
      const request: PlanRequestBody = {
        ...(input.appName ? { appName: input.appName } : {}),
        environment: input.environment,
        accessLevel: input.accessLevel,
        entityRef: stringifyEntityRef(entity),
        ...(input.buildId ? { buildId: input.buildId } : {}),
        ...(input.rotatePassword ? { rotatePassword: true } : {}),
        ...(input.confirmAccessLevelChange
          ? { confirmAccessLevelChange: true }
          : {}),
        // Kept by the backend in the audit record of the run.
        ...(justification ? { justification } : {}),
      };
      assertValidRequest(request);

      const token = await rdsTokenForInitiator(auth, ctx);

      const environments = await client.listEnvironments(token).catch(error => {
        throw refusalError(error);
      });
      const environment = environments.find(e => e.name === input.environment);
      if (!environment) {
        throw withoutStack(
          new InputError(
            `Unknown environment '${
              input.environment
            }'; choose one of: ${environments.map(e => e.name).join(', ')}`,
          ),
        );
      }
      if (requiresJustification(environment) && !justification) {
        throw withoutStack(
          new InputError(missingJustificationMessage(environment.name)),
        );
      }

      const dryRun = Boolean(ctx.isDryRun || input.dryRun);
      const build = request.buildId ? `, build ${request.buildId}` : '';
      // The backend says whether this user's run would stop for approval.
      let approval = '';
      if (environment.requiresApproval) {
        approval =
          environment.approvalRequiredForYou === false
            ? ', approval required (you may approve)'
            : ', approval required';
      }
      const app = request.appName
        ? `app ${request.appName}`
        : "the entity's app name";
      ctx.logger.info(
        `${dryRun ? 'Planning' : 'Provisioning'} a database for ${
          request.entityRef
        }: ${app}, environment ${environment.name} (instance ${
          environment.instance
        }), access ${request.accessLevel}${build}${approval}`,
      );
      if (justification) {
        // Not echoed: task log lines also go to the backend's log, and this is free text.
        ctx.logger.info(
          'A justification was given; it is kept in the audit record of the run',
        );
      }

      if (dryRun) {
        const plan = await client.plan(request, token).catch(error => {
          throw refusalError(error);
        });
        // One message per block: separate log calls can reach the task log out of order.
        ctx.logger.info(planLines(plan).join('\n'));
        if (plan.blocked) {
          ctx.logger.warn(
            'A real run would be blocked; see the blocked step above for what to fix',
          );
        }
        ctx.output('role', plan.role);
        ctx.output('secretName', plan.secretName);
        const outcome = plan.blocked ? 'blocked' : 'planned';
        outputRunResult(
          ctx,
          { outcome, database: plan.database },
          entity,
          appBaseUrl,
        );
        return;
      }

      const logBlocks = (messages: string[]) => {
        for (const message of messages) ctx.logger.warn(`Blocked: ${message}`);
      };

      // A task recovered after a restart replays the stored result instead of
      // provisioning again. A failure is thrown inside the checkpoint so that
      // a retry runs it again rather than replaying the failure.
      // Keyed by what the task asked for: its app name, else its entity (whose
      // app name the backend uses).
      let replayed = true;
      const stored = await ctx.checkpoint<JsonObject>({
        key: `rds-provision-v1-${request.environment}-${
          request.appName ?? request.entityRef
        }`,
        fn: async () => {
          replayed = false;
          const result = await client
            .provision({ ...request, runId: ctx.task.id }, token)
            .catch(error => {
              // A block is an outcome: its whole messages go to the log once,
              // the step ends with one sentence of cause and the fix.
              if ((error as Error)?.name === 'ConflictError') {
                logBlocks(blockMessages((error as Error).message));
              }
              throw refusalError(error);
            });
          ctx.logger.info(resultLines(result).join('\n'));
          if (result.outcome === 'blocked') {
            const messages = blockMessages(result);
            logBlocks(messages);
            throw blockedError(messages);
          }
          if (result.outcome === 'failed') {
            throw withoutStack(
              new Error(
                `Provisioning failed: ${
                  result.error ??
                  result.steps
                    .filter(s => s.outcome === 'failed')
                    .map(s => `${s.kind} ${s.target}: ${s.message ?? 'failed'}`)
                    .join('; ')
                }`,
              ),
            );
          }
          return result as unknown as JsonObject;
        },
      });
      const result = stored as unknown as ProvisionResult;
      if (replayed) {
        ctx.logger.info(
          `This task already provisioned ${result.database} before it was recovered (outcome ${result.outcome}); not running again`,
        );
      }

      ctx.output('role', result.role);
      ctx.output('secretName', result.secretName);
      if (result.secretArn) ctx.output('secretArn', result.secretArn);
      if (result.connection) {
        ctx.output('connect', connectOutput(result.connection));
      }
      outputRunResult(ctx, result, entity, appBaseUrl);
    },
  });
}

/** The same rules the backend applies, checked before any network call. */
function assertValidRequest(request: PlanRequestBody) {
  const parsed = parsePlanRequestBody(request);
  if (!parsed.success) {
    throw withoutStack(
      new InputError(
        `Invalid rds:provision input: ${parsed.problems.join('; ')}`,
      ),
    );
  }
}
