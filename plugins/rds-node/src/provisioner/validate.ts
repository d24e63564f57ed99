import { InputError } from '@backstage/errors';
import {
  parseDecommissionRequestBody,
  parseProvisionRequest,
  validateAppNameFormat,
  validateNameLength,
  type DecommissionRequest,
  type ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';

/** The parsed request when it parsed and names this environment, else an InputError. */
function servedRequest<T>(
  what: string,
  parsed: { success: true; data: T } | { success: false; problems: string[] },
  requested: (data: T) => string,
  environment: RdsEnvironment,
): T {
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${parsed.problems.join('; ')}`);
  }
  const name = requested(parsed.data);
  if (name !== environment.name) {
    throw new InputError(
      `Invalid ${what}: environment "${name}" is not served here; this provisioner serves "${environment.name}"`,
    );
  }
  return parsed.data;
}

/** A valid request for this environment, or an InputError listing every problem. */
export function validateRequest(
  req: ProvisionRequest,
  environment: RdsEnvironment,
): ProvisionRequest {
  return servedRequest(
    'provisioning request',
    parseProvisionRequest(req),
    data => data.environment,
    environment,
  );
}

/** A valid decommission request for this environment, or an InputError listing every problem. */
export function validateDecommissionRequest(
  req: DecommissionRequest,
  environment: RdsEnvironment,
): DecommissionRequest {
  servedRequest(
    'decommission request',
    parseDecommissionRequestBody(req),
    () => req.environment,
    environment,
  );
  validateAppName(req.appName, environment);
  // Only the request's own fields (a body may carry runId, dryRun).
  const {
    runId: _r,
    dryRun: _d,
    ...request
  } = req as typeof req & {
    runId?: string;
    dryRun?: boolean;
  };
  return request;
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
