import {
  deriveNames,
  renderSecretName,
  type PlanStep,
  type ProvisionRequest,
  type StepOutcome,
  type StepResult,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { RunContext } from '../context';
import { successOutcome } from '../apply/outcomes';
import { isConnectionLost } from '../connection/errors';
import { redact } from '../apply/redact';
import type { ExecutableStep } from '../plan/types';

/** One result per step (of provisioning or decommissioning), with its reason as the message. */
export function resultsOf<S extends Omit<PlanStep, 'sql' | 'action'>>(
  steps: S[],
  outcome: (s: S) => StepOutcome,
  message: (s: S) => string = s => s.reason,
): StepResult[] {
  return steps.map(s => ({
    id: s.id,
    kind: s.kind,
    target: s.target,
    outcome: outcome(s),
    message: message(s),
  }));
}

/** A plan with nothing to do: `no_change` everywhere. */
export function noChangeResults(steps: ExecutableStep[]): StepResult[] {
  return resultsOf(steps, () => 'no_change');
}

/** A dry run: what each step would do. */
export function plannedResults(steps: ExecutableStep[]): StepResult[] {
  return resultsOf(steps, s => successOutcome(s.action, true));
}

/** A blocked run: blocks say why, nothing else ran. */
export function blockedResults(steps: ExecutableStep[]): StepResult[] {
  return resultsOf(
    steps,
    s => (s.action === 'none' ? 'no_change' : 'blocked'),
    s =>
      s.action === 'create' || s.action === 'update'
        ? `not run: the run is blocked (${s.reason})`
        : s.reason,
  );
}

/** An error as one line with its SQLSTATE, secrets redacted. */
export function describeError(
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

/** The fields of a provisioning or decommission result that name the run and what it is about. */
export function runIdentity(
  env: RdsEnvironment,
  appName: string,
  ctx: RunContext,
  dryRun: boolean,
) {
  const names = deriveNames(appName, env.name);
  return {
    runId: ctx.runId,
    dryRun,
    environment: env.name,
    instance: env.instance.name,
    database: names.database,
    role: names.loginRole,
    secretName: renderSecretName(env.secrets.namePattern, appName, env.name),
  };
}

/** The fields of a provisioning result that follow from the request alone. */
export function baseResult(
  env: RdsEnvironment,
  request: ProvisionRequest,
  ctx: RunContext,
  dryRun: boolean,
) {
  return {
    ...runIdentity(env, request.appName, ctx, dryRun),
    accessLevel: request.accessLevel,
  };
}
