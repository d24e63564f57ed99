import { InputError } from '@backstage/errors';
import {
  parseProvisionRequest,
  validateAppNameFormat,
  validateNameLength,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';

/** A valid request for this environment, or an InputError listing every problem. */
export function validateRequest(
  req: ProvisionRequest,
  environment: RdsEnvironment,
): ProvisionRequest {
  const parsed = parseProvisionRequest(req);
  if (!parsed.success) {
    throw new InputError(
      `Invalid provisioning request: ${parsed.problems.join('; ')}`,
    );
  }
  if (parsed.data.environment !== environment.name) {
    throw new InputError(
      `Invalid provisioning request: environment "${parsed.data.environment}" is not served here; this provisioner serves "${environment.name}"`,
    );
  }
  return parsed.data;
}

/** Throws an InputError unless the app name is valid in this environment. */
export function validateAppName(
  appName: string,
  environment: RdsEnvironment,
): void {
  const problems = validateAppNameFormat(appName);
  const tooLong = problems.length
    ? undefined
    : validateNameLength(appName, environment.name);
  if (problems.length || tooLong) {
    throw new InputError(
      `Invalid app name: ${[...problems, tooLong].filter(Boolean).join('; ')}`,
    );
  }
}
