/**
 * Types, zod schemas, naming rules, access levels and permissions shared by the rds plugins.
 *
 * @packageDocumentation
 */

export type { AccessLevel } from './accessLevels';
export {
  ACCESS_LEVELS,
  accessLevelDescriptions,
  isAccessLevel,
  isAccessLevelDowngrade,
} from './accessLevels';
export type {
  StepOutcome,
  RunOutcome,
  ProvisionRequest,
  PlanRequestBody,
  ProvisionRequestBody,
  PlanStep,
  PlanTarget,
  Plan,
  PlanCurrentState,
  StepResult,
  ProvisionResult,
  ConnectionDetails,
  SecretRotationStatus,
  AuditRecord,
  DatabaseStatus,
  EnvironmentSummary,
  EnvironmentsResponse,
  DatabasesResponse,
  AuditPageQuery,
  AuditPage,
} from './types';
export { OUTCOME_PRECEDENCE, outcomeLabel } from './outcomes';
export type {
  DecommissionPolicy,
  DecommissionRequest,
  DecommissionRequestBody,
  DecommissionSession,
  DecommissionPreflight,
  DecommissionPlan,
  DecommissionResult,
  DecommissionFacts,
  DecommissionSummary,
} from './decommission';
export {
  DECOMMISSION_POLICIES,
  parseDecommissionRequestBody,
  policyAllowed,
} from './decommission';
export type { BlockExplanation } from './blockExplanation';
export { explainBlock, sentence } from './blockExplanation';
export type { ConnectCommands } from './connect';
export { connectCommands } from './connect';
export { RDS_DATABASE_TAB_PATH, databaseTabPath } from './routes';
export { unreadableStatus } from './status';
export { CLI_RUN_ID_PREFIX, isCliRun } from './cliRuns';
export type { DerivedNames } from './naming';
export { deriveNames, renderSecretName } from './naming';
export {
  APP_NAME_PATTERN,
  ENVIRONMENT_PATTERN,
  validateAppName,
  validateAppNameFormat,
  validateEnvironmentName,
  validateNameLength,
} from './validation';
export { RDS_APP_NAME_ANNOTATION, appNameForEntity } from './entityAppName';
export {
  missingJustificationMessage,
  requiresJustification,
} from './justification';
export type { ParseResult } from './schemas';
export {
  APP_NAME_OR_ENTITY_REF_MESSAGE,
  JUSTIFICATION_MAX_LENGTH,
  parsePlanRequestBody,
  parseProvisionRequest,
} from './schemas';
export {
  RDS_ENVIRONMENT_RESOURCE_TYPE,
  rdsDatabaseDecommissionPermission,
  rdsDatabaseProvisionPermission,
  rdsDatabaseReadPermission,
  rdsEnvironmentApprovePermission,
  rdsEnvironmentProvisionPermission,
  rdsPermissions,
} from './permissions';
export type {
  ApprovalRequest,
  ApprovalRequestKind,
  ApprovalRequestLink,
  ApprovalRequestStatus,
  ApprovalRequestsResponse,
  ApproveRequestBody,
  RejectRequestBody,
} from './approval';
export { approvalRequestPath, RDS_REQUESTS_PATH } from './approval';
