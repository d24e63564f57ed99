import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  deriveNames,
  renderSecretName,
  type AccessLevel,
  type DecommissionPlan,
  type DecommissionRequest,
  type DecommissionResult,
  type StepResult,
} from '@rds-self-service/plugin-rds-common';
import os from 'node:os';
import type { PoolClient } from 'pg';
import type { StepEvent } from '../apply/reportStep';
import { runOutcome } from '../apply/outcomes';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger, RunContext } from '../context';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { acquireAppLock } from '../locking/advisoryLock';
import { describeError, runIdentity } from '../provisioner/results';
import type { SecretsManagerStore } from '../secrets/SecretsManagerStore';
import { resolveDecommissionConfig } from './config';
import { dumpStoreFor, dumpTargetOf, type DumpStore } from './destination';
import { DecommissionStepFailure, executeDecommission } from './execute';
import { buildDecommissionPlan } from './plan';
import {
  DRY_RUN_OUTCOMES,
  emptyPreflight,
  levelOf,
  outputsOf,
  publicPlanOf,
  resultsOf,
} from './results';
import { readDecommissionState } from './state';
import type { DecommissionStep, PlannedDecommission as Planned } from './types';

/** What a decommission needs from the provisioner. */
export interface DecommissionDeps {
  environment: RdsEnvironment;
  connections: InstanceConnections;
  secrets: SecretsManagerStore;
  secretsManager: SecretsManagerClient;
  s3?: S3Client;
  logger: EngineLogger;
  lockTimeoutMs: number;
}

/** Options of one decommission run. */
export interface DecommissionRunOptions {
  approved: boolean;
  dryRun: boolean;
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/** The decommission engine of one environment: preflight → plan → apply, under the app's lock. */
export class Decommissioner {
  private readonly config;
  private readonly dumps?: DumpStore;

  constructor(private readonly deps: DecommissionDeps) {
    const env = deps.environment;
    this.config = resolveDecommissionConfig(
      env.decommission,
      env.requiresApproval,
    );
    this.dumps = dumpStoreFor(
      this.config.destination,
      env.name,
      deps.s3,
      os.tmpdir(),
    );
  }

  private async read(
    session: PoolClient,
    request: DecommissionRequest & {
      policy: NonNullable<DecommissionRequest['policy']>;
    },
    approved: boolean,
  ): Promise<Planned> {
    const env = this.deps.environment;
    const names = deriveNames(request.appName, env.name);
    const secretName = renderSecretName(
      env.secrets.namePattern,
      request.appName,
      env.name,
    );
    const state = await readDecommissionState(
      {
        environment: env,
        connections: this.deps.connections,
        secrets: this.deps.secrets,
        dumps: this.dumps,
        pgDumpPath: this.config.pgDumpPath,
      },
      session,
      names,
      secretName,
      request.policy === 'snapshot-and-delete',
    );
    const built = buildDecommissionPlan({
      environment: env.name,
      names,
      policy: request.policy,
      config: this.config,
      state,
      approved,
      dumpTarget: dumpTargetOf(this.config.destination, env.name),
    });
    return { ...built, state };
  }

  private resolve(request: DecommissionRequest) {
    return { ...request, policy: request.policy ?? this.config.policy };
  }

  /** The preflight and steps; no lock, no change. */
  async plan(
    request: DecommissionRequest,
    approved: boolean,
  ): Promise<DecommissionPlan> {
    const resolved = this.resolve(request);
    const session = await this.deps.connections.adminSession();
    try {
      const planned = await this.read(session, resolved, approved);
      return publicPlanOf(this.deps.environment, resolved, planned);
    } finally {
      session.release();
    }
  }

  /** Runs the decommission; blocked and failed runs are results. */
  async apply(
    request: DecommissionRequest,
    ctx: RunContext,
    options: DecommissionRunOptions,
  ): Promise<{ result: DecommissionResult; accessLevel: AccessLevel }> {
    const resolved = this.resolve(request);
    const env = this.deps.environment;
    const names = deriveNames(request.appName, env.name);
    const base = {
      ...runIdentity(env, request.appName, ctx, options.dryRun),
      policy: resolved.policy,
    };
    let accessLevel: AccessLevel = 'owner';
    const session = await this.deps.connections.adminSession();
    let sessionError: Error | undefined;
    let planned: Planned | undefined;
    const finish = (
      outcome: DecommissionResult['outcome'],
      steps: StepResult[],
      outputs: ReturnType<typeof outputsOf> = {},
      error?: string,
    ) => ({
      result: {
        ...base,
        ...outputs,
        outcome,
        steps,
        preflight: planned?.preflight ?? emptyPreflight(),
        ...(error === undefined ? {} : { error }),
      },
      accessLevel,
    });
    try {
      planned = await this.read(session, resolved, options.approved);
      accessLevel = levelOf(planned.state, names);
      const quiet = (outcome: (s: DecommissionStep) => StepResult['outcome']) =>
        resultsOf(planned!.steps, outcome);
      if (options.dryRun) {
        const steps = quiet(s => DRY_RUN_OUTCOMES[s.action] ?? 'planned');
        return finish(runOutcome(steps), steps);
      }
      if (planned.steps.every(s => s.action === 'none')) {
        return finish(
          'no_change',
          quiet(() => 'no_change'),
        );
      }
      const unlock = await acquireAppLock(
        session,
        { instanceName: env.instance.name, base: names.base },
        this.deps.lockTimeoutMs,
      );
      try {
        planned = await this.read(session, resolved, options.approved);
        if (planned.blocked) {
          const steps = quiet(s =>
            s.action === 'block' ? 'blocked' : 'no_change',
          );
          return finish('blocked', steps);
        }
        const { results, outputs } = await executeDecommission(planned.steps, {
          session,
          serverVersion: planned.state.cluster.serverVersion,
          environment: env,
          connections: this.deps.connections,
          secretsManager: this.deps.secretsManager,
          config: this.config,
          dumps: this.dumps,
          lockTimeoutMs: this.deps.lockTimeoutMs,
          logger: this.deps.logger,
          runId: ctx.runId,
          onStep: options.onStep,
        });
        // A run that finds the database gone (an earlier run dropped it) names its dump.
        const dumpLocation =
          outputs.dumpLocation ??
          (resolved.policy === 'snapshot-and-delete'
            ? planned.state.existingDumps[0]
            : undefined);
        return finish(
          runOutcome(results),
          results,
          outputsOf({
            dumpLocation,
            secretRestorableUntil: outputs.secretRestorableUntil,
          }),
        );
      } finally {
        await unlock().catch(error => {
          sessionError = error;
        });
      }
    } catch (error) {
      sessionError = error as Error;
      const failure =
        error instanceof DecommissionStepFailure ? error : undefined;
      return finish(
        'failed',
        failure?.results ?? [],
        outputsOf(failure?.outputs ?? {}),
        describeError(failure?.cause ?? error, []),
      );
    } finally {
      session.release(sessionError);
    }
  }
}
