import { approvalMessage } from './guardrails';
import { blockStep, type ExecutableStep } from './types';

/**
 * The approval gate of environments that need it: a block in front of the plan when the run
 * was not approved and something would change (a run with nothing to change needs none).
 */
export function planApproval(
  steps: ExecutableStep[],
  environment: { name: string; requiresApproval: boolean },
  approved: boolean,
): ExecutableStep | undefined {
  const changes = steps.filter(
    s => s.action === 'create' || s.action === 'update',
  ).length;
  if (!environment.requiresApproval || approved || changes === 0)
    return undefined;
  return blockStep(
    'approval',
    environment.name,
    approvalMessage(environment.name, changes),
  );
}
