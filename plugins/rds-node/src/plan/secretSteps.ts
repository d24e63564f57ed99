import { randomUUID } from 'node:crypto';
import type {
  DerivedNames,
  ProvisionRequest,
} from '@rds-self-service/plugin-rds-common';
import type { RdsEnvironment } from '../config/types';
import type { RunContext } from '../context';
import type { SecretState } from '../secrets/SecretsManagerStore';
import { payloadDrift, type SecretConnection } from '../secrets/payload';
import { generatePassword } from '../secrets/password';
import { rotationOf, secretUsers } from '../rotation/config';
import {
  deletedSecretMessage,
  foreignSecretMessage,
  unconfiguredRotationMessage,
} from './guardrails';
import { step, type ExecutableStep } from './types';

/** The `ManagedBy` tag value of the platform's secrets. */
export const MANAGED_BY = 'backstage-rds';

/** What the secret planner reads. */
export interface SecretPlanInputs {
  request: ProvisionRequest;
  ctx: RunContext;
  environment: RdsEnvironment;
  names: DerivedNames;
  secretName: string;
  secret: SecretState;
  adminSecretArn?: string;
}

/**
 * Tags the secret should carry: `ManagedBy`, `ClusterName` and (written along with a new value)
 * `BuildId` are what the platform's teardown searches for.
 */
function desiredTags(inputs: SecretPlanInputs): Record<string, string> {
  const { request, ctx, environment, secret } = inputs;
  return {
    ...environment.secrets.tags,
    ...ctx.tags,
    ManagedBy: MANAGED_BY,
    // The instance, for the platform's teardown search (with ManagedBy and BuildId).
    ClusterName: environment.instance.name,
    Environment: request.environment,
    App: request.appName,
    Owner: request.entityRef ?? secret.tags.Owner ?? ctx.actor,
  };
}

/** Decides the secret step and which password and version the login role must have. */
export function planSecret(inputs: SecretPlanInputs): {
  secretStep: ExecutableStep;
  password: () => string;
  secretVersion: string;
  /** `secretVersion` is the one this run writes (a new value), not one that exists. */
  newVersion: boolean;
} {
  const { request, environment, names, secret, secretName } = inputs;
  const base = { id: 'secret', kind: 'secret', target: secretName };
  const rotation = rotationOf(environment);
  const storedUser = secret.payload?.username;
  const connection: SecretConnection = {
    engine: 'postgres',
    host: environment.instance.host,
    port: environment.instance.port,
    // Alternating-users rotation swaps the login for its clone and back.
    username: secretUsers(environment, names).includes(storedUser as string)
      ? (storedUser as string)
      : names.loginRole,
    dbname: names.database,
    dbInstanceIdentifier: environment.instance.name,
    masterarn: rotation?.masterSecretArn ?? inputs.adminSecretArn,
  };
  const tags = desiredTags(inputs);
  const buildTag: Record<string, string> = {};
  if (request.buildId) buildTag.BuildId = request.buildId;
  const stored = secret.payload?.password;
  const storedPassword =
    typeof stored === 'string' && stored ? stored : undefined;

  // Generated once per plan, only when needed.
  let fresh: string | undefined;
  const newPassword = () => (fresh ??= generatePassword());
  const newVersion = randomUUID();
  const blocked = (reason: string) => ({
    secretStep: step({ ...base, scope: 'none', action: 'block', reason }),
    password: () => storedPassword ?? newPassword(),
    secretVersion: secret.versionId ?? '',
    newVersion: false,
  });

  if (!secret.exists) {
    return {
      secretStep: step({
        ...base,
        scope: 'secret',
        action: 'create',
        reason: `secret ${secretName} does not exist: create it with a new generated password`,
        secretWrite: {
          op: 'create',
          name: secretName,
          connection,
          versionId: newVersion,
          tags: { ...tags, ...buildTag },
          kmsKeyId: environment.secrets.kmsKeyId,
          description: `Postgres login ${names.loginRole} for ${names.database} (managed by Backstage)`,
        },
      }),
      password: newPassword,
      secretVersion: newVersion,
      newVersion: true,
    };
  }
  if (secret.deletedDate)
    return blocked(deletedSecretMessage(secretName, secret.deletedDate));
  if (secret.tags.ManagedBy !== MANAGED_BY) {
    return blocked(foreignSecretMessage(secretName, secret.tags.ManagedBy));
  }
  if (secret.rotation?.enabled && !rotation) {
    return blocked(
      unconfiguredRotationMessage(
        secretName,
        secret.rotation.lambdaArn,
        request.environment,
      ),
    );
  }

  const why: string[] = [];
  let rotate = false;
  if (!storedPassword) {
    rotate = true;
    why.push(
      `${
        secret.problem ?? 'the secret holds no password'
      }: store a new generated password`,
    );
  } else if (request.rotatePassword && !rotation) {
    // With rotation on, the rotation function rotates (the secret.rotation step).
    rotate = true;
    why.push('password rotation requested: store a new generated password');
  }
  const drifted = secret.payload
    ? payloadDrift(secret.payload, connection)
    : [];
  if (!rotate && drifted.length)
    why.push(`fields ${drifted.join(', ')} differ from the instance`);
  const tagDrift = Object.entries(tags)
    .filter(([k, v]) => secret.tags[k] !== v)
    .map(([k]) => k);

  const putValue = rotate || drifted.length > 0;
  if (tagDrift.length)
    why.push(`tags ${tagDrift.join(', ')} are missing or differ`);
  const password = rotate ? newPassword : () => storedPassword!;
  const tagsIfDrifted = tagDrift.length ? tags : undefined;
  return {
    secretStep: step({
      ...base,
      scope: 'secret',
      action: why.length ? 'update' : 'none',
      reason: why.length
        ? `secret ${secretName}: ${why.join('; ')}`
        : `secret ${secretName} is current`,
      secretWrite: why.length
        ? {
            op: 'update',
            name: secretName,
            arn: secret.arn,
            put: putValue ? { connection, versionId: newVersion } : undefined,
            tags: putValue ? { ...tags, ...buildTag } : tagsIfDrifted,
          }
        : undefined,
    }),
    password,
    secretVersion: putValue ? newVersion : secret.versionId ?? '',
    newVersion: putValue,
  };
}
