import type { PoolClient } from 'pg';
import type { StepResult } from '@rds-self-service/plugin-rds-common';
import { rollbackOnFailure } from '../connection/transaction';
import type { EngineLogger } from '../context';
import type { ExecutableStep } from '../plan/types';
import type { SecretsManagerStore } from '../secrets/SecretsManagerStore';
import { renderStatement, type SqlStatement } from '../sql/statement';
import { setLocalRole } from '../sql/builders';
import { successOutcome } from './outcomes';
import {
  reportStep,
  RunStepFailure,
  skippedResult,
  type StepEvent,
} from './reportStep';
import { writeSecret } from './writeSecret';

/** What the executor needs from the provisioner. */
export interface ExecuteContext {
  /** The admin session holding the run's lock. */
  session: PoolClient;
  /** A session on the app database; released by the executor. */
  databaseSession: () => Promise<PoolClient>;
  ownerRole: string;
  /** Where secret steps write, and the password they write. */
  secrets: SecretsManagerStore;
  password: () => string;
  logger: EngineLogger;
  runId: string;
  /**
   * Called before the first in-database step. Returns the in-database steps again when they
   * were planned without reading the database (it did not exist or was not readable yet).
   */
  replanDatabaseSteps?: () => Promise<ExecutableStep[] | undefined>;
  onStep?: (event: StepEvent) => void | Promise<void>;
}

export type { StepEvent } from './reportStep';

/** Thrown by {@link executeSteps}: the results so far and the error that stopped the run. */
export class StepFailure extends RunStepFailure {
  constructor(
    results: StepResult[],
    readonly failedStep: ExecutableStep,
    cause: unknown,
  ) {
    super(results, cause);
  }
}

/**
 * Sends a step's statements. A transactional step goes as one multi-statement string
 * (`BEGIN; ...; COMMIT`): one round trip, all or nothing. Others (CREATE DATABASE) go one by one.
 */
async function runStatements(
  session: PoolClient,
  step: ExecutableStep,
  prefix?: SqlStatement,
) {
  if (!step.transaction && !prefix) {
    for (const statement of step.statements)
      await session.query(renderStatement(statement));
    return;
  }
  const statements = prefix ? [prefix, ...step.statements] : step.statements;
  await rollbackOnFailure(session, () =>
    session.query(
      ['BEGIN', ...statements.map(renderStatement), 'COMMIT'].join(';\n'),
    ),
  );
}

/** Runs one step's statements or secret write; resolves to the ARN of a secret it wrote. */
async function runStep(
  step: ExecutableStep,
  ctx: ExecuteContext,
): Promise<string | undefined> {
  if (step.scope === 'cluster') {
    await runStatements(ctx.session, step);
  } else if (step.scope === 'database') {
    const db = await ctx.databaseSession();
    let failed: unknown;
    try {
      await runStatements(db, step, setLocalRole(ctx.ownerRole));
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      db.release(failed instanceof Error ? failed : undefined);
    }
  } else if (step.scope === 'secret' && step.secretWrite) {
    return (await writeSecret(ctx.secrets, step.secretWrite, ctx.password)).arn;
  }
  return undefined;
}

/** Runs the steps in order; stops at the first failure (throws {@link StepFailure}). */
export async function executeSteps(
  steps: ExecutableStep[],
  ctx: ExecuteContext,
): Promise<{ results: StepResult[]; secretArn?: string }> {
  const results: StepResult[] = [];
  let secretArn: string | undefined;
  let replanned = false;
  const queue = [...steps];
  for (let i = 0; i < queue.length; i++) {
    let step = queue[i];
    if (step.scope === 'database' && !replanned && ctx.replanDatabaseSteps) {
      replanned = true;
      try {
        const fresh = await ctx.replanDatabaseSteps();
        if (fresh) {
          const count = queue.filter(s => s.scope === 'database').length;
          queue.splice(i, count, ...fresh);
          step = queue[i];
        }
      } catch (error) {
        throw new StepFailure(results, step, error);
      }
    }
    const outcome = successOutcome(step.action, false);
    if (step.action === 'none') {
      results.push(skippedResult(step, outcome));
      continue;
    }
    const current = step;
    let written: string | undefined;
    await reportStep(
      current,
      outcome,
      async () => {
        try {
          written = await runStep(current, ctx);
        } catch (error) {
          throw new StepFailure(results, current, error);
        }
        return undefined;
      },
      results,
      ctx,
    );
    secretArn = written ?? secretArn;
  }
  return { results, secretArn };
}
