import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { StepResult } from '@rds-self-service/plugin-rds-common';
import { promises as fs } from 'node:fs';
import type { PoolClient } from 'pg';
import {
  reportStep,
  RunStepFailure,
  skippedResult,
  type StepEvent,
} from '../apply/reportStep';
import type { RdsEnvironment } from '../config/types';
import type { EngineLogger } from '../context';
import { oneConnectionLogin } from '../connection/adminCredentials';
import type { InstanceConnections } from '../connection/InstanceConnections';
import { rollbackOnFailure } from '../connection/transaction';
import { quoteIdent } from '../sql/quote';
import { renderStatement, type SqlStatement } from '../sql/statement';
import type { resolveDecommissionConfig } from './config';
import { dumpStamp, type DumpStore } from './destination';
import { pgRestorePathFor, runPgDump } from './pgDump';
import { scheduleSecretDeletion } from './secret';
import { dropRolesSql, terminateSql } from './sql';
import type { DecommissionOp, DecommissionStep } from './types';

/** What the executor needs. */
export interface DecommissionExecuteContext {
  session: PoolClient;
  serverVersion: number;
  environment: RdsEnvironment;
  connections: InstanceConnections;
  secretsManager: SecretsManagerClient;
  config: ReturnType<typeof resolveDecommissionConfig>;
  dumps?: DumpStore;
  lockTimeoutMs: number;
  logger: EngineLogger;
  runId: string;
  onStep?: (event: StepEvent) => void | Promise<void>;
}

/** What the run found out while it ran: where the dump went, until when the secret is kept. */
export interface DecommissionOutputs {
  dumpLocation?: string;
  secretRestorableUntil?: string;
}

/** Thrown when a step fails: the results so far (the failed one last). */
export class DecommissionStepFailure extends RunStepFailure {
  constructor(
    results: StepResult[],
    cause: unknown,
    readonly outputs: DecommissionOutputs,
  ) {
    super(results, cause);
  }
}

async function transaction(
  session: PoolClient,
  statements: SqlStatement[],
  end: 'COMMIT' | 'ROLLBACK',
): Promise<Array<Record<string, unknown>>> {
  await session.query('BEGIN');
  return rollbackOnFailure(session, async () => {
    let rows: Array<Record<string, unknown>> = [];
    for (const s of statements)
      rows = (await session.query(renderStatement(s))).rows;
    await session.query(end);
    return rows;
  });
}

/** Runs one op; resolves to the step's message. */
async function runOp(
  op: DecommissionOp,
  ctx: DecommissionExecuteContext,
  out: DecommissionOutputs,
): Promise<string | undefined> {
  const { session, serverVersion } = ctx;
  switch (op.op) {
    case 'none':
      return undefined;
    case 'sql':
      await transaction(session, op.statements, 'COMMIT');
      return undefined;
    case 'terminate': {
      if (op.database) await ctx.connections.forgetDatabase(op.database);
      // Rolled back: the admin held the roles only while it signalled their sessions.
      const rows = await transaction(
        session,
        terminateSql(op, serverVersion),
        'ROLLBACK',
      );
      const left = Number(rows[0]?.left ?? 0);
      if (left > 0) {
        throw new Error(
          `${left} session${
            left === 1 ? '' : 's'
          } did not end in time; re-run to try again`,
        );
      }
      return undefined;
    }
    case 'dump': {
      if (!ctx.dumps) throw new Error('no dump destination is configured');
      const stamp = dumpStamp();
      const file = await ctx.dumps.stagingFile(op.database, stamp);
      const login = await oneConnectionLogin(
        await ctx.connections.adminLogin(),
      );
      try {
        const dump = await runPgDump({
          pgDumpPath: ctx.config.pgDumpPath,
          pgRestorePath: pgRestorePathFor(
            ctx.config.pgDumpPath,
            ctx.config.pgRestorePath,
          ),
          instance: ctx.environment.instance,
          login,
          database: op.database,
          file,
          timeoutMs: ctx.config.dumpTimeoutMs,
          lockTimeoutMs: ctx.lockTimeoutMs,
        });
        out.dumpLocation = await ctx.dumps.keep(dump, op.database, stamp);
        return `dumped ${op.database} to ${out.dumpLocation} (${dump.bytes} bytes, ${dump.tables} tables, sha256 ${dump.sha256}); verified readable`;
      } finally {
        await fs.rm(file, { force: true }).catch(() => {});
      }
    }
    case 'dropDatabase':
      await ctx.connections.forgetDatabase(op.database);
      await session.query(
        `DROP DATABASE IF EXISTS ${quoteIdent(op.database)} WITH (FORCE)`,
      );
      return undefined;
    case 'dropRoles':
      await transaction(
        session,
        dropRolesSql(op.roles, serverVersion),
        'COMMIT',
      );
      return undefined;
    case 'deleteSecret': {
      const until = await scheduleSecretDeletion(
        ctx.secretsManager,
        op.name,
        op.recoveryDays,
      );
      out.secretRestorableUntil = until.toISOString();
      return `scheduled for deletion; restorable until ${out.secretRestorableUntil} (aws secretsmanager restore-secret --secret-id '${op.name}')`;
    }
    default:
      throw new Error(`unknown decommission op ${(op as { op: string }).op}`);
  }
}

const OUTCOMES: Record<string, StepResult['outcome']> = {
  delete: 'deleted',
  create: 'created',
  update: 'updated',
};
const outcomeOf = (s: DecommissionStep) => OUTCOMES[s.action] ?? 'updated';

/** Runs the steps in order; stops at the first failure (also one of `onStep`). */
export async function executeDecommission(
  steps: DecommissionStep[],
  ctx: DecommissionExecuteContext,
): Promise<{ results: StepResult[]; outputs: DecommissionOutputs }> {
  const results: StepResult[] = [];
  const outputs: DecommissionOutputs = {};
  try {
    for (const step of steps) {
      if (step.action === 'none') {
        results.push(skippedResult(step, 'no_change', step.reason));
        continue;
      }
      const run = () => runOp(step.run, ctx, outputs);
      await reportStep(step, outcomeOf(step), run, results, ctx);
    }
  } catch (error) {
    throw new DecommissionStepFailure(results, error, outputs);
  }
  return { results, outputs };
}
