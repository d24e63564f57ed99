import {
  deriveNames,
  type AuditRecord,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironmentConfig } from '../config/types';
import { newApiRunId } from './runIds';

/**
 * The audit record of a run refused for want of approval (outcome `denied`):
 * the request's names and justification, one `approval` step with
 * `stepMessage`, and the refusal as its error. Provisioning and
 * decommissioning both keep such runs in the entity's history.
 */
export function deniedRecord(options: {
  request: {
    appName: string;
    buildId?: string;
    entityRef?: string;
    justification?: string;
  };
  environment: RdsEnvironmentConfig;
  accessLevel: AuditRecord['accessLevel'];
  actor: string;
  runId?: string;
  reason: string;
  stepMessage: string;
}): AuditRecord {
  const { request, environment } = options;
  const names = deriveNames(request.appName, environment.name);
  return {
    runId: options.runId ?? newApiRunId(),
    ...(request.buildId && { buildId: request.buildId }),
    timestamp: new Date().toISOString(),
    environment: environment.name,
    instance: environment.instance.name,
    database: names.database,
    role: names.loginRole,
    accessLevel: options.accessLevel,
    actor: options.actor,
    ...(request.entityRef && { entityRef: request.entityRef }),
    appName: request.appName,
    ...(request.justification?.trim() && {
      justification: request.justification.trim(),
    }),
    outcome: 'denied',
    dryRun: false,
    steps: [
      {
        id: 'approval',
        kind: 'approval',
        target: environment.name,
        outcome: 'denied',
        message: options.stepMessage,
      },
    ],
    error: options.reason,
  };
}
