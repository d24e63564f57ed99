import type {
  DerivedNames,
  StepResult,
} from '@rds-self-service/plugin-rds-common';
import type { RdsInstanceConfig } from '../config/types';
import type { EngineLogger } from '../context';
import { checkLogin } from '../introspect/loginCheck';
import type { ExecutableStep } from '../plan/types';
import { StepFailure } from './executeSteps';

/**
 * After the login role got its password: log in with it, as the app will. A rejected login
 * fails the run (the secret and the role disagree, and the next run sets it again).
 */
export async function proveLogin(
  instance: RdsInstanceConfig,
  names: DerivedNames,
  password: () => string,
  steps: ExecutableStep[],
  results: StepResult[],
  logger: EngineLogger,
): Promise<void> {
  const check = await checkLogin(instance, {
    user: names.loginRole,
    password: password(),
    database: names.database,
  });
  if (check.result === 'ok') return;
  if (check.result === 'unknown') {
    logger.warn(
      `rds: could not prove that ${names.loginRole} logs in with the secret's password: ${check.message}`,
    );
    return;
  }
  const loginStep = steps.find(s => s.id === 'role.login')!;
  const message = `${names.loginRole} does not log in with the password it was just given: ${check.message}`;
  throw new StepFailure(
    results.map(r =>
      r.id === loginStep.id ? { ...r, outcome: 'failed', message } : r,
    ),
    loginStep,
    new Error(message),
  );
}
