import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { InputError } from '@backstage/errors';
import {
  deriveNames,
  parseProvisionRequest,
  renderSecretName,
  validateAppNameFormat,
  validateNameLength,
  type AccessLevel,
  type AuditRecord,
  type DatabaseStatus,
  type DerivedNames,
  type Plan,
  type ProvisionRequest,
  type ProvisionResult,
  type StepResult,
} from '@internal/plugin-rds-common';
import type { PoolClient } from 'pg';
import type { AuditSink } from '../audit/AuditSink';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger, RunContext } from '../context';
import { InstanceConnections } from '../connection/InstanceConnections';
import {
  isConnectionLost,
  isTransientDatabaseError,
} from '../connection/errors';
import { validateSslConfig } from '../connection/ssl';
import { introspectCluster } from '../introspect/cluster';
import {
  introspectDatabase,
  uninspectedDatabase,
} from '../introspect/database';
import { checkLogin } from '../introspect/loginCheck';
import type {
  ClusterState,
  DatabaseState,
  LoginCheck,
} from '../introspect/types';
import { acquireAppLock } from '../locking/advisoryLock';
import { buildPlan, type BuiltPlan } from '../plan/buildPlan';
import { planDatabaseSteps } from '../plan/databaseSteps';
import { DEFAULT_PROVENANCE_ROLE } from '../plan/provenance';
import {
  SecretsManagerStore,
  type SecretState,
} from '../secrets/SecretsManagerStore';
import {
  executeSteps,
  StepFailure,
  type StepEvent,
} from '../apply/executeSteps';
import { mergeAttempts, runOutcome, successOutcome } from '../apply/outcomes';
import { redact } from '../apply/redact';

/** Options for {@link RdsProvisioner}. */
export interface RdsProvisionerOptions {
  environment: RdsEnvironment;
  secretsManager: SecretsManagerClient;
  logger?: EngineLogger;
  /** When set, apply() writes one audit record per run (dry runs included). */
  auditSink?: AuditSink;
  /** How long a run waits for another run of the same app. Default 60 s. */
  lockTimeoutMs?: number;
  /** Attempts of a run that meets a transient error (dropped connection, catalog conflict). Default 3. */
  maxAttempts?: number;
  /** Admin sessions kept for concurrent runs. Default 10. */
  maxAdminConnections?: number;
  /** App databases whose admin session is kept warm for re-runs and status. Default 16. */
  maxDatabasePools?: number;
}

/** Options of one apply. */
export interface ApplyOptions {
  /** Required for changes in environments with `requiresApproval`. */
  approved?: boolean;
  /** Plan and report `planned` outcomes without changing anything. */
  dryRun?: boolean;
  /** Progress of each step that changes something. */
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/** Options of a plan. */
export interface PlanOptions {
  /** Without approval, plans in environments that require it are blocked when they change anything. */
  approved?: boolean;
}

const silentLogger: EngineLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The engine for one environment: introspect → plan → apply, for one app at a time.
 * Blocked and failed runs are results; invalid input throws an InputError before any
 * connection is made.
 */
export class RdsProvisioner {
  private readonly connections: InstanceConnections;
  private readonly secrets: SecretsManagerStore;
  private readonly logger: EngineLogger;

  constructor(private readonly options: RdsProvisionerOptions) {
    const problems = validateSslConfig(options.environment.instance);
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
    const request = this.validate(req);
    const session = await this.connections.adminSession();
    try {
      const built = await this.introspectAndPlan(
        session,
        request,
        ctx,
        options.approved ?? false,
      );
      return built.plan;
    } finally {
      session.release();
    }
  }

  /** Converges the app's roles, database, grants and secret; idempotent. */
  async apply(
    req: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions = {},
  ): Promise<ProvisionResult> {
    const request = this.validate(req);
    const result = options.dryRun
      ? await this.dryRun(request, ctx, options)
      : await this.applyWithRetries(request, ctx, options);
    await this.audit(request, ctx, result);
    return result;
  }

  /** Live state of one app's database, and what a plan would change (drift). */
  async status(
    appName: string,
    options: { accessLevel?: AccessLevel } = {},
  ): Promise<DatabaseStatus> {
    const env = this.options.environment;
    const problems = validateAppNameFormat(appName);
    const tooLong = problems.length
      ? undefined
      : validateNameLength(appName, env.name);
    if (problems.length || tooLong) {
      throw new InputError(
        `Invalid app name: ${[...problems, tooLong]
          .filter(Boolean)
          .join('; ')}`,
      );
    }
    const names = deriveNames(appName, env.name);
    const session = await this.connections.adminSession();
    try {
      const state = await this.introspect(session, appName);
      const memberOf = state.cluster.roles.login.memberOf;
      const levels: Array<[AccessLevel, string]> = [
        ['owner', names.ownerRole],
        ['editor', names.editorRole],
        ['reader', names.readerRole],
      ];
      const inferred = levels.find(([, role]) => memberOf.includes(role))?.[0];
      const request: ProvisionRequest = {
        appName,
        environment: env.name,
        accessLevel: options.accessLevel ?? inferred ?? 'reader',
      };
      const built = this.planFrom(
        state,
        request,
        { runId: 'status', actor: 'status' },
        true,
      );
      const block = built.plan.steps.find(s => s.action === 'block');
      return {
        environment: env.name,
        instance: env.instance.name,
        appName,
        database: names.database,
        role: names.loginRole,
        accessLevel: inferred,
        exists: state.cluster.database.exists,
        owner: state.cluster.database.owner,
        secretName: built.plan.secretName,
        secretPresent:
          state.secret.exists &&
          !state.secret.deletedDate &&
          !state.secret.problem,
        drift: built.plan.drift,
        blockedReason: block?.reason,
      };
    } finally {
      session.release();
    }
  }

  /** Closes the admin sessions. */
  async close(): Promise<void> {
    await this.connections.close();
  }

  private validate(req: ProvisionRequest): ProvisionRequest {
    const parsed = parseProvisionRequest(req);
    if (!parsed.success) {
      throw new InputError(
        `Invalid provisioning request: ${parsed.problems.join('; ')}`,
      );
    }
    const env = this.options.environment;
    if (parsed.data.environment !== env.name) {
      throw new InputError(
        `Invalid provisioning request: environment "${parsed.data.environment}" is not served here; this provisioner serves "${env.name}"`,
      );
    }
    return parsed.data;
  }

  private lockKey(names: DerivedNames): string {
    return `${this.options.environment.instance.name}/${names.base}`;
  }

  /** Reads cluster, database and secret state (the latter two concurrently). */
  private async introspect(session: PoolClient, appName: string) {
    const env = this.options.environment;
    const names = deriveNames(appName, env.name);
    const secretName = renderSecretName(
      env.secrets.namePattern,
      appName,
      env.name,
    );
    // The secret does not depend on the catalog: read it while the catalog is read.
    const secretRead = this.secrets.read(secretName);
    secretRead.catch(() => {}); // awaited below; avoids an unhandled rejection meanwhile
    const serverVersion = await this.connections.serverVersion(session);
    const cluster = await introspectCluster(
      session,
      serverVersion,
      names,
      env.instance.provenanceRole ?? DEFAULT_PROVENANCE_ROLE,
    );
    const [database, secret, admin, loginCheck] = await Promise.all([
      this.introspectDatabaseOf(cluster, names),
      secretRead,
      this.connections.adminLogin(),
      secretRead.then(s => this.checkSecretLogin(cluster, names, s)),
    ]);
    return {
      cluster,
      database,
      secret,
      secretName,
      adminSecretArn: admin.secretArn,
      loginCheck,
    };
  }

  /**
   * A real login with the secret's password when the managed login role exists: the only way
   * to see a password changed behind the platform's back.
   */
  private async checkSecretLogin(
    cluster: ClusterState,
    names: DerivedNames,
    secret: SecretState,
  ): Promise<LoginCheck | undefined> {
    const login = cluster.roles.login;
    const password = secret.payload?.password;
    if (!login.exists || !login.provenance || !login.canLogin) return undefined;
    if (typeof password !== 'string' || !password) return undefined;
    return checkLogin(this.options.environment.instance, {
      user: login.name,
      password,
      database: names.database,
    });
  }

  private async introspectDatabaseOf(
    cluster: ClusterState,
    names: DerivedNames,
  ): Promise<DatabaseState> {
    const db = cluster.database;
    if (!db.exists)
      return uninspectedDatabase('the database does not exist yet');
    if (db.owner !== names.ownerRole) {
      return uninspectedDatabase('the database is not owned by the platform');
    }
    if (!cluster.roles.owner.adminInherits) {
      return uninspectedDatabase(
        'the admin cannot connect before it is granted the owner role',
      );
    }
    const session = await this.connections.databaseSession(db.name);
    try {
      return await introspectDatabase(session, names);
    } finally {
      session.release();
    }
  }

  private planFrom(
    state: Awaited<ReturnType<RdsProvisioner['introspect']>>,
    request: ProvisionRequest,
    ctx: RunContext,
    approved: boolean,
  ): BuiltPlan {
    return buildPlan({
      request,
      ctx,
      environment: this.options.environment,
      names: deriveNames(request.appName, request.environment),
      secretName: state.secretName,
      cluster: state.cluster,
      database: state.database,
      secret: state.secret,
      adminSecretArn: state.adminSecretArn,
      approved,
      loginCheck: state.loginCheck,
    });
  }

  private async introspectAndPlan(
    session: PoolClient,
    request: ProvisionRequest,
    ctx: RunContext,
    approved: boolean,
  ): Promise<BuiltPlan & { databaseInspected: boolean }> {
    const state = await this.introspect(session, request.appName);
    return {
      ...this.planFrom(state, request, ctx, approved),
      databaseInspected: state.database.inspected,
    };
  }

  private baseResult(
    request: ProvisionRequest,
    ctx: RunContext,
    dryRun: boolean,
  ) {
    const env = this.options.environment;
    const names = deriveNames(request.appName, request.environment);
    return {
      runId: ctx.runId,
      dryRun,
      environment: env.name,
      instance: env.instance.name,
      database: names.database,
      role: names.loginRole,
      accessLevel: request.accessLevel,
      secretName: renderSecretName(
        env.secrets.namePattern,
        request.appName,
        env.name,
      ),
    };
  }

  private async dryRun(
    request: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions,
  ): Promise<ProvisionResult> {
    const base = this.baseResult(request, ctx, true);
    try {
      const session = await this.connections.adminSession();
      let built: BuiltPlan;
      try {
        built = await this.introspectAndPlan(
          session,
          request,
          ctx,
          options.approved ?? false,
        );
      } finally {
        session.release();
      }
      const steps = built.plan.steps.map<StepResult>(s => ({
        id: s.id,
        kind: s.kind,
        target: s.target,
        outcome: successOutcome(s.action, true),
        message: s.reason,
      }));
      return {
        ...base,
        outcome: runOutcome(steps),
        secretArn: built.secretArn,
        steps,
      };
    } catch (error) {
      return {
        ...base,
        outcome: 'failed',
        steps: [],
        error: this.describeError(error, []),
      };
    }
  }

  private async applyWithRetries(
    request: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions,
  ): Promise<ProvisionResult> {
    const base = this.baseResult(request, ctx, false);
    const maxAttempts = this.options.maxAttempts ?? 3;
    const earlier = new Map<string, StepResult>();
    // Filled in by each attempt once it knows the password, for redacting error messages.
    const known: { password?: () => string } = {};
    for (let attempt = 1; ; attempt++) {
      try {
        const out = await this.applyOnce(request, ctx, options, known);
        const steps = mergeAttempts(earlier, out.steps);
        return { ...base, ...out, steps, outcome: runOutcome(steps) };
      } catch (error) {
        const failure = error instanceof StepFailure ? error : undefined;
        for (const r of failure?.results ?? []) {
          if (r.outcome === 'created' || r.outcome === 'updated')
            earlier.set(r.id, r);
        }
        const cause = failure ? failure.cause : error;
        const secrets = [known.password?.()];
        if (attempt < maxAttempts && isTransientDatabaseError(cause)) {
          this.logger.warn(
            `rds ${
              ctx.runId
            }: attempt ${attempt} met a transient error, retrying: ${this.describeError(
              cause,
              secrets,
            )}`,
          );
          await sleep(100 * 2 ** (attempt - 1) + Math.random() * 100);
          continue;
        }
        const message = this.describeError(cause, secrets);
        const steps = mergeAttempts(
          earlier,
          (failure?.results ?? []).map(r => ({
            ...r,
            message: r.message && redact(r.message, secrets),
          })),
        );
        this.logger.error(`rds ${ctx.runId}: failed: ${message}`);
        return {
          ...base,
          outcome: 'failed',
          steps,
          error: failure
            ? `step ${failure.failedStep.id} (${failure.failedStep.target}) failed: ${message}`
            : message,
        };
      }
    }
  }

  /** One attempt: lock, introspect, plan, run. Throws on errors (StepFailure when a step failed). */
  private async applyOnce(
    request: ProvisionRequest,
    ctx: RunContext,
    options: ApplyOptions,
    known: { password?: () => string },
  ): Promise<Pick<ProvisionResult, 'steps' | 'secretArn'>> {
    const names = deriveNames(request.appName, request.environment);
    const session = await this.connections.adminSession();
    let sessionError: Error | undefined;
    try {
      // Optimistic read without the lock: when nothing needs to change, that is the answer
      // (every step a concurrent run takes moves the state towards complete, and a
      // half-done state always shows a change). Otherwise lock and read again.
      const optimistic = await this.introspectAndPlan(
        session,
        request,
        ctx,
        options.approved ?? false,
      );
      if (optimistic.steps.every(s => s.action === 'none')) {
        return {
          steps: optimistic.steps.map(s => ({
            id: s.id,
            kind: s.kind,
            target: s.target,
            outcome: 'no_change',
            message: s.reason,
          })),
          secretArn: optimistic.secretArn,
        };
      }
      const unlock = await acquireAppLock(
        session,
        this.lockKey(names),
        this.options.lockTimeoutMs ?? 60_000,
      );
      try {
        const built = await this.introspectAndPlan(
          session,
          request,
          ctx,
          options.approved ?? false,
        );
        known.password = built.password;
        if (built.plan.blocked) {
          return {
            steps: this.blockedResults(built),
            secretArn: built.secretArn,
          };
        }
        const databaseCreated = built.steps.some(
          s => s.id === 'database' && s.action === 'create',
        );
        const out = await executeSteps(built.steps, {
          session,
          databaseSession: () =>
            this.connections.databaseSession(names.database),
          ownerRole: names.ownerRole,
          secrets: this.secrets,
          password: built.password,
          logger: this.logger,
          runId: ctx.runId,
          onStep: options.onStep,
          // A database this run creates is a copy of template1: the planned (full, idempotent)
          // in-database steps stand. One that exists but could not be read is read now.
          replanDatabaseSteps:
            built.databaseInspected || databaseCreated
              ? undefined
              : async () => {
                  const dbSession = await this.connections.databaseSession(
                    names.database,
                  );
                  let state: DatabaseState;
                  try {
                    state = await introspectDatabase(dbSession, names);
                  } finally {
                    dbSession.release();
                  }
                  return planDatabaseSteps(names, state);
                },
        });
        if (built.setsPassword)
          await this.proveLogin(names, built, out.results);
        return {
          steps: out.results,
          secretArn: out.secretArn ?? built.secretArn,
        };
      } finally {
        await unlock().catch(error => {
          sessionError = error;
        });
      }
    } catch (error) {
      sessionError = error as Error;
      throw error;
    } finally {
      // A session that met an error may be dead or mid-transaction: do not reuse it.
      session.release(sessionError);
    }
  }

  /**
   * After the login role got its password: log in with it, as the app will. A rejected login
   * fails the run (the secret and the role disagree, and the next run sets it again).
   */
  private async proveLogin(
    names: DerivedNames,
    built: BuiltPlan,
    results: StepResult[],
  ): Promise<void> {
    const check = await checkLogin(this.options.environment.instance, {
      user: names.loginRole,
      password: built.password(),
      database: names.database,
    });
    if (check.result === 'ok') return;
    if (check.result === 'unknown') {
      this.logger.warn(
        `rds: could not prove that ${names.loginRole} logs in with the secret's password: ${check.message}`,
      );
      return;
    }
    const loginStep = built.steps.find(s => s.id === 'role.login')!;
    const message = `${names.loginRole} does not log in with the password it was just given: ${check.message}`;
    throw new StepFailure(
      results.map(r =>
        r.id === loginStep.id ? { ...r, outcome: 'failed', message } : r,
      ),
      loginStep,
      new Error(message),
    );
  }

  /** Step results of a blocked run: blocks say why, nothing else ran. */
  private blockedResults(built: BuiltPlan): StepResult[] {
    return built.steps.map(s => ({
      id: s.id,
      kind: s.kind,
      target: s.target,
      outcome: s.action === 'none' ? 'no_change' : 'blocked',
      message:
        s.action === 'create' || s.action === 'update'
          ? `not run: the run is blocked (${s.reason})`
          : s.reason,
    }));
  }

  private describeError(
    error: unknown,
    secrets: Array<string | undefined>,
  ): string {
    const e = error as { message?: string; code?: string };
    let text = e?.message
      ? `${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}`
      : String(error);
    if (isConnectionLost(error))
      text = `the connection to the instance was lost: ${text}`;
    return redact(text, secrets);
  }

  private async audit(
    request: ProvisionRequest,
    ctx: RunContext,
    result: ProvisionResult,
  ) {
    const sink = this.options.auditSink;
    if (!sink) return;
    const record: AuditRecord = {
      runId: result.runId,
      buildId: ctx.buildId ?? request.buildId,
      timestamp: new Date().toISOString(),
      environment: result.environment,
      instance: result.instance,
      database: result.database,
      role: result.role,
      accessLevel: result.accessLevel,
      actor: ctx.actor,
      entityRef: request.entityRef ?? ctx.entityRef,
      appName: request.appName,
      // Kept only in the audit record: free text is no tag, name or log line.
      justification: request.justification?.trim() || undefined,
      outcome: result.outcome,
      dryRun: result.dryRun,
      steps: result.steps,
      error: result.error,
    };
    try {
      await sink.write(record);
    } catch (error) {
      this.logger.error(
        `rds ${ctx.runId}: could not write the audit record: ${
          (error as Error).message
        }`,
      );
      throw error;
    }
  }
}
