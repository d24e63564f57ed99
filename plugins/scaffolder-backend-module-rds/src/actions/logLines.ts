import {
  outcomeLabel,
  type Plan,
  type ProvisionResult,
} from '@rds-self-service/plugin-rds-common';

/**
 * Lines for the task log that a person can follow: what will happen or what
 * happened, step by step. Plans come from the backend with passwords already
 * redacted, and results never hold secrets, so everything here is safe to log.
 * (A plan's drift list repeats its steps' reasons, so it is not logged.)
 */
export function planLines(plan: Plan): string[] {
  const changes = plan.steps.filter(s => s.action !== 'none').length;
  const blocked = plan.blocked ? ', BLOCKED' : '';
  const lines = [
    `Plan for database ${plan.database} (role ${plan.role}) on instance ${plan.instance}: ${plan.steps.length} steps, ${changes} would change something${blocked}`,
  ];
  for (const step of plan.steps) {
    const reason = step.reason ? ` - ${step.reason}` : '';
    lines.push(`  [${step.action}] ${step.kind} ${step.target}${reason}`);
    for (const sql of step.sql) {
      lines.push(`      ${sql}`);
    }
  }
  return lines;
}

/**
 * What happened, outcomes as the Database tab labels them. A step a block kept
 * from running says so without repeating the block's message, which the
 * blocking step has.
 */
export function resultLines(result: ProvisionResult): string[] {
  return [
    `Outcome ${outcomeLabel(result.outcome)}: database ${
      result.database
    }, role ${result.role} (${result.accessLevel}), credentials in secret ${
      result.secretName
    }`,
    ...result.steps.map(step => {
      const notRun = step.message?.startsWith('not run:');
      let message = '';
      if (notRun) message = ' - not run because the run is blocked';
      else if (step.message) message = ` - ${step.message}`;
      return `  ${step.kind} ${step.target}: ${outcomeLabel(
        step.outcome,
      )}${message}`;
    }),
  ];
}
