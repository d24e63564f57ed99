import type { PlanStep } from '@rds-self-service/plugin-rds-common';
import type { SecretConnection } from '../secrets/payload';
import type { SqlStatement } from '../sql/statement';

/** A Secrets Manager write, as data; apply performs it with the plan's password. */
export type SecretWrite =
  | {
      op: 'create';
      name: string;
      connection: SecretConnection;
      versionId: string;
      tags: Record<string, string>;
      kmsKeyId?: string;
      description: string;
    }
  | {
      op: 'update';
      name: string;
      arn?: string;
      /** A new value (the password first), as a new version. */
      put?: { connection: SecretConnection; versionId: string };
      /** The tags to set. */
      tags?: Record<string, string>;
    }
  | {
      /** Rotation on (`RotateSecret`), and a rotation now when `rotateNow`. */
      op: 'rotation';
      name: string;
      arn?: string;
      lambdaArn: string;
      afterDays: number;
      rotateNow: boolean;
    };

/** Where a step runs. */
export type StepScope =
  /** On the admin database session that holds the run's advisory lock. */
  | 'cluster'
  /** Inside the app database, as the owner role. */
  | 'database'
  /** Against Secrets Manager. */
  | 'secret'
  /** Nothing to run: guardrails and approval. */
  | 'none';

/** A plan step plus what apply needs to run it. Never exposed outside the engine. */
export interface ExecutableStep extends PlanStep {
  scope: StepScope;
  /** Run the statements in one transaction (CREATE DATABASE cannot be). */
  transaction: boolean;
  statements: SqlStatement[];
  /** For secret steps: what to write. */
  secretWrite?: SecretWrite;
}

/** Builds a step; `sql` is derived from the statements' redacted text. */
/** A step that blocks the run (nothing runs) and says why; `kind` is the id unless given. */
export function blockStep(
  id: string,
  target: string,
  reason: string,
  kind = id,
): ExecutableStep {
  return step({ id, kind, target, scope: 'none', action: 'block', reason });
}

export function step(
  fields: Omit<ExecutableStep, 'sql' | 'transaction' | 'statements'> &
    Partial<Pick<ExecutableStep, 'transaction' | 'statements'>>,
): ExecutableStep {
  const statements = fields.statements ?? [];
  return {
    ...fields,
    transaction: fields.transaction ?? statements.length > 1,
    statements,
    sql: statements.map(s => s.redacted),
  };
}

/** The public view of a step: no hidden SQL, no secret write. */
export function publicStep(s: ExecutableStep): PlanStep {
  return {
    id: s.id,
    kind: s.kind,
    target: s.target,
    action: s.action,
    sql: [...s.sql],
    reason: s.reason,
  };
}

/**
 * The action of a converging step: nothing when there is nothing to send; `update` when the
 * object already existed, `create` when it is new.
 */
export function changeAction(
  statementCount: number,
  existed: boolean,
): 'none' | 'create' | 'update' {
  if (statementCount === 0) return 'none';
  return existed ? 'update' : 'create';
}
