/**
 * A small AWS Secrets Manager-compatible HTTP endpoint (AWS JSON 1.1 protocol) for tests and
 * the embedded `yarn start` default: point the real AWS SDK client at its `endpoint`.
 *
 * @packageDocumentation
 */

export { startLocalSecretsManager } from './server';
export type {
  LocalSecretsManager,
  LocalSecretsManagerFault,
  LocalSecretsManagerOptions,
} from './server';
export type { RotationHandler, RotationStep } from './operations/rotation';
