import type { SecretRotationStatus } from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { SecretState } from '../secrets/SecretsManagerStore';
import { rotationOf } from './config';

/**
 * The rotation part of an app's status; undefined when there is no secret, or when neither the
 * environment nor the secret rotates.
 */
export function rotationStatus(
  env: RdsEnvironment,
  secret: SecretState,
): SecretRotationStatus | undefined {
  if (!secret.exists || secret.deletedDate || !secret.rotation)
    return undefined;
  const r = secret.rotation;
  // Nothing to say where neither the environment nor the secret rotates.
  if (!r.enabled && !rotationOf(env)) return undefined;
  const user = secret.payload?.username;
  return {
    enabled: r.enabled,
    strategy: rotationOf(env)?.strategy,
    scheduleDays: r.afterDays,
    lastRotatedAt: r.lastRotated?.toISOString(),
    nextRotationAt: r.enabled ? r.nextRotation?.toISOString() : undefined,
    currentUser: typeof user === 'string' ? user : undefined,
    inProgress: r.pending || undefined,
  };
}
