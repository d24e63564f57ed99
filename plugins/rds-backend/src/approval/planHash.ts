import type {
  DecommissionPlan,
  Plan,
} from '@rds-self-service/plugin-rds-common';
import { createHash } from 'node:crypto';

/**
 * The role marker's secret version is a fresh UUID in every plan (it pairs
 * the role with the secret written in the same run), not a fact about the
 * instance: left out of what an approval compares.
 */
const RUN_NONCE = /secret-version=[0-9a-f-]+/g;

/**
 * The plan as an approval sees it, one line per step: what it changes and the
 * exact (redacted) SQL. The step's wording (`reason`) and the request's free
 * text (justification, build id) are left out: they do not change what runs.
 */
export function planLines(plan: Plan | DecommissionPlan): string[] {
  const names = `database ${plan.database}, role ${plan.role}, secret ${plan.secretName}`;
  const head =
    'preflight' in plan
      ? `${plan.instance}: decommission ${names}, policy ${plan.request.policy}`
      : `${plan.instance}: ${names}, access ${plan.request.accessLevel}${
          plan.request.rotatePassword ? ', rotate password' : ''
        }`;
  return [
    head,
    ...plan.steps.map(
      s =>
        `${s.id} ${s.action} ${s.kind} ${s.target}${
          s.sql.length
            ? `: ${s.sql.join('; ').replace(RUN_NONCE, 'secret-version=*')}`
            : ''
        }`,
    ),
  ];
}

/** SHA-256 (hex) of {@link planLines}: what an approval is bound to. */
export function planHash(plan: Plan | DecommissionPlan): string {
  return createHash('sha256')
    .update(JSON.stringify(planLines(plan)))
    .digest('hex');
}

/**
 * What changed between the approved plan and a new one, as `- ` (only in the
 * old plan) and `+ ` (only in the new one) lines, in plan order.
 */
export function planChanges(
  before: Plan | DecommissionPlan,
  after: Plan | DecommissionPlan,
): string[] {
  const old = planLines(before);
  const now = planLines(after);
  return [
    ...old.filter(line => !now.includes(line)).map(line => `- ${line}`),
    ...now.filter(line => !old.includes(line)).map(line => `+ ${line}`),
  ];
}
