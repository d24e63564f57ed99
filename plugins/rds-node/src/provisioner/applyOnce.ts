import {
  deriveNames,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { EngineLogger, RunContext } from '../context';
import { executeSteps, type StepEvent } from '../apply/executeSteps';
import { proveLogin } from '../apply/proveLogin';
import { introspectDatabase } from '../introspect/database';
import { acquireAppLock } from '../locking/advisoryLock';
import { planDatabaseSteps } from '../plan/databaseSteps';
import { readAndPlan, type StateSources } from './appState';
import { blockedResults, noChangeResults } from './results';
import type { AttemptResult, KnownSecrets } from './retries';

/** What one attempt needs besides the request. */
export interface AttemptContext extends StateSources {
  logger: EngineLogger;
  lockTimeoutMs: number;
  approved: boolean;
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/**
 * One attempt of a run: read and plan without the lock; when something must change, lock,
 * read and plan again under it, and run the steps. Throws on errors (StepFailure when a step
 * failed), for {@link runWithRetries} to decide.
 */
export async function applyOnce(
  request: ProvisionRequest,
  ctx: RunContext,
  attempt: AttemptContext,
  known: KnownSecrets,
): Promise<AttemptResult> {
  const { connections, environment, logger } = attempt;
  const names = deriveNames(request.appName, request.environment);
  const session = await connections.adminSession();
  let sessionError: Error | undefined;
  try {
    // Optimistic read without the lock: when nothing needs to change, that is the answer
    // (every step a concurrent run takes moves the state towards complete, and a
    // half-done state always shows a change). Otherwise lock and read again.
    const optimistic = await readAndPlan(
      attempt,
      session,
      request,
      ctx,
      attempt.approved,
    );
    if (optimistic.steps.every(s => s.action === 'none')) {
      return {
        steps: noChangeResults(optimistic.steps),
        secretArn: optimistic.secretArn,
      };
    }
    const unlock = await acquireAppLock(
      session,
      { instanceName: environment.instance.name, base: names.base },
      attempt.lockTimeoutMs,
    );
    try {
      const built = await readAndPlan(
        attempt,
        session,
        request,
        ctx,
        attempt.approved,
      );
      known.password = built.password;
      if (built.plan.blocked) {
        return {
          steps: blockedResults(built.steps),
          secretArn: built.secretArn,
        };
      }
      const databaseCreated = built.steps.some(
        s => s.id === 'database' && s.action === 'create',
      );
      const out = await executeSteps(built.steps, {
        session,
        databaseSession: () => connections.databaseSession(names.database),
        ownerRole: names.ownerRole,
        secrets: attempt.secrets,
        password: built.password,
        logger,
        runId: ctx.runId,
        onStep: attempt.onStep,
        // A database this run creates is a copy of template1: the planned (full, idempotent)
        // in-database steps stand. One that exists but could not be read is read now.
        replanDatabaseSteps:
          built.databaseInspected || databaseCreated
            ? undefined
            : async () => {
                const dbSession = await connections.databaseSession(
                  names.database,
                );
                try {
                  return planDatabaseSteps(
                    names,
                    await introspectDatabase(dbSession, names),
                  );
                } finally {
                  dbSession.release();
                }
              },
      });
      if (built.setsPassword) {
        await proveLogin(
          environment.instance,
          names,
          built.password,
          built.steps,
          out.results,
          logger,
        );
      }
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
