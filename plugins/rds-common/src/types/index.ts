// The shared types of the rds plugins, a file per concern; the package index re-exports them.
export type {
  StepOutcome,
  RunOutcome,
  StepResult,
  ProvisionResult,
} from './results';
export type {
  ProvisionRequest,
  PlanRequestBody,
  ProvisionRequestBody,
} from './request';
export type { PlanStep, PlanTarget, Plan, PlanCurrentState } from './plan';
export type { ConnectionDetails, SecretRotationStatus } from './connection';
export type { AuditRecord, AuditPageQuery, AuditPage } from './audit';
export type {
  DatabaseStatus,
  EnvironmentSummary,
  EnvironmentsResponse,
  DatabasesResponse,
} from './status';
