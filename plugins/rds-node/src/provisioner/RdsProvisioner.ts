import type {
  AccessLevel,
  DatabaseStatus,
  Plan,
  ProvisionRequest,
  ProvisionResult,
} from '@rds-self-service/plugin-rds-common';
import { auditRecordFor } from '../audit/auditRecord';
import { writeAudit } from '../audit/writeAudit';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger, RunContext } from '../context';
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  InstanceConnections,
} from '../connection/InstanceConnections';
import { iamAdminProblems } from '../connection/iamAuth';
import { validateSslConfig } from '../connection/ssl';
import { runOutcome } from '../apply/outcomes';
import { rotationConfigProblems } from '../rotation/config';
import { SecretsManagerStore } from '../secrets/SecretsManagerStore';
import { readAndPlan, readAppState, type StateSources } from './appState';
import { applyOnce } from './applyOnce';
import { baseResult, describeError, plannedResults } from './results';
import { runWithRetries } from './retries';
import { statusFromState } from './status';
import {
  silentLogger,
  type ApplyOptions,
  type PlanOptions,
  type RdsProvisionerOptions,
} from './options';
import {
  validateAppName,
  validateDecommissionRequest,
  validateRequest,
} from './validate';
import type {
  DecommissionPlan,
  DecommissionRequest,
  DecommissionResult,
} from '@rds-self-service/plugin-rds-common';
import { Decommissioner } from '../decommission/run';
import {
  decommissionAndAudit,
  type DecommissionOptions,
} from '../decommission/facade';

export type { ApplyOptions, PlanOptions, RdsProvisionerOptions };

/**
 * The engine for one environment: introspect → plan → apply, for one app at a time.
 * Blocked and failed runs are results; invalid input throws an InputError before any
 * connection is made.
 *
 * @public
 */
export class RdsProvisioner {
  private readonly connections: InstanceConnections;
  private readonly secrets: SecretsManagerStore;
  private readonly logger: EngineLogger;
  private readonly decommissioner: Decommissioner;

  constructor(private readonly options: RdsProvisionerOptions) {
    const problems = [
      ...validateSslConfig(options.environment.instance),
      ...iamAdminProblems(options.environment.instance),
      ...rotationConfigProblems(
        options.environment.secrets.rotation,
        'secretId' in options.environment.instance.admin,
      ),
    ];
    if (problems.length) {
      throw new Error(
        `rds environment ${options.environment.name}: ${problems.join('; ')}`,
      );
    }
    this.logger = options.logger ?? silentLogger;
    this.connections = new InstanceConnections({
      instance: options.environment.instance,
      secretsManager: options.secretsManager,
      logger: this.logger,
      maxAdminConnections: options.maxAdminConnections,
      lockTimeoutMs: options.lockTimeoutMs,
      maxDatabasePools: options.maxDatabasePools,
    });
    this.secrets = new SecretsManagerStore(options.secretsManager);
    this.decommissioner = new Decommissioner({
      ...this.sources,
      secretsManager: options.secretsManager,
      s3: options.s3Client,
      logger: this.logger,
      lockTimeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    });
  }

  /** The environment this provisioner serves. */
  get environment(): RdsEnvironment {
    return this.options.environment;
  }

  /** What apply would do now. No lock, no change. */
  async plan(
    req: ProvisionRequest,
    ctx: RunContext,
    options: PlanOptions = {},
  ): Promise<Plan> {
    const request = validateRequest(req, this.environment);
    return (await this.readPlan(request, ctx, options)).plan;
  }

  /** Converges the app's roles, database, grants and secret; idempotent. */
  async apply(
    req: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions = {},
  ): Promise<ProvisionResult> {
    const request = validateRequest(req, this.environment);
    const base = baseResult(
      this.environment,
      request,
      ctx,
      options.dryRun ?? false,
    );
    const run = options.dryRun
      ? await this.dryRun(request, ctx, options)
      : await runWithRetries(
          known =>
            applyOnce(
              request,
              ctx,
              {
                ...this.sources,
                logger: this.logger,
                lockTimeoutMs:
                  this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
                approved: options.approved ?? false,
                onStep: options.onStep,
              },
              known,
            ),
          {
            maxAttempts: this.options.maxAttempts ?? 3,
            logger: this.logger,
            runId: ctx.runId,
          },
        );
    const result: ProvisionResult = { ...base, ...run };
    await this.audit(request, ctx, result);
    return result;
  }

  /** Live state of one app's database, and what a plan would change (drift). */
  async status(
    appName: string,
    options: { accessLevel?: AccessLevel } = {},
  ): Promise<DatabaseStatus> {
    validateAppName(appName, this.environment);
    const state = await this.withAdminSession(session =>
      readAppState(this.sources, session, appName),
    );
    return statusFromState(
      this.environment,
      appName,
      state,
      options.accessLevel,
    );
  }

  /** What a decommission would do: its preflight and steps. No lock, no change. */
  planDecommission(
    req: DecommissionRequest,
    options: { approved?: boolean } = {},
  ): Promise<DecommissionPlan> {
    const request = validateDecommissionRequest(req, this.environment);
    return this.decommissioner.plan(request, options.approved ?? false);
  }

  /** Decommissions the app's database by policy (retain, snapshot-and-delete, delete); idempotent. */
  decommission(
    req: DecommissionRequest,
    ctx: RunContext,
    options: DecommissionOptions = {},
  ): Promise<DecommissionResult> {
    const request = validateDecommissionRequest(req, this.environment);
    return decommissionAndAudit(this.decommissioner, request, ctx, options, {
      sink: this.options.auditSink,
      logger: this.logger,
    });
  }

  /** Closes the admin sessions. */
  async close(): Promise<void> {
    await this.connections.close();
  }

  private get sources(): StateSources {
    return {
      environment: this.environment,
      connections: this.connections,
      secrets: this.secrets,
    };
  }

  private async withAdminSession<T>(
    fn: (
      session: Awaited<ReturnType<InstanceConnections['adminSession']>>,
    ) => Promise<T>,
  ): Promise<T> {
    const session = await this.connections.adminSession();
    try {
      return await fn(session);
    } finally {
      session.release();
    }
  }

  private readPlan(
    request: ProvisionRequest,
    ctx: RunContext,
    options: PlanOptions,
  ) {
    return this.withAdminSession(session =>
      readAndPlan(
        this.sources,
        session,
        request,
        ctx,
        options.approved ?? false,
      ),
    );
  }

  /** A dry run: the plan as `planned` outcomes; a failure to read is a failed result. */
  private async dryRun(
    request: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions,
  ): Promise<
    Pick<ProvisionResult, 'steps' | 'secretArn' | 'outcome' | 'error'>
  > {
    try {
      const built = await this.readPlan(request, ctx, options);
      const steps = plannedResults(built.steps);
      return { outcome: runOutcome(steps), secretArn: built.secretArn, steps };
    } catch (error) {
      return { outcome: 'failed', steps: [], error: describeError(error, []) };
    }
  }

  private audit(
    request: ProvisionRequest,
    ctx: RunContext,
    result: ProvisionResult,
  ) {
    return writeAudit(this.options.auditSink, this.logger, ctx, () =>
      auditRecordFor(request, ctx, result),
    );
  }
}
