// The secrets and their versions, kept in a Map by name, and their persistence to the data file.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { renameSync, writeFileSync } from 'node:fs';
import { invalidRequest, ServiceError } from './errors.ts';

export type Tag = { Key: string; Value: string };
export type Version = {
  id: string;
  /** Absent on the AWSPENDING version a rotation creates before its createSecret step. */
  secretString?: string;
  stages: string[];
  created: number;
};
export type Secret = {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  created: number;
  changed: number;
  deleted?: number;
  purgeAt?: number;
  createToken?: string;
  versions: Version[];
  /** Set by RotateSecret (see operations/rotation.ts). */
  rotation?: {
    lambdaArn: string;
    afterDays?: number;
    schedule?: string;
    enabled: boolean;
    configured: number;
    lastRotated?: number;
  };
  /** The step and message of the last failed rotation, until one succeeds. */
  rotationError?: string;
};
export type Secrets = Map<string, Secret>;

export const ARN_PREFIX =
  'arn:aws:secretsmanager:us-east-1:000000000000:secret:';
export const CURRENT = 'AWSCURRENT';
export const PENDING = 'AWSPENDING';
const PREVIOUS = 'AWSPREVIOUS';

/**
 * Attaches a staging label to one version, taking it from any other; when AWSCURRENT moves,
 * the version that held it becomes AWSPREVIOUS (as UpdateSecretVersionStage does on AWS).
 */
export function moveStage(secret: Secret, stage: string, versionId: string) {
  const holder = secret.versions.find(v => v.stages.includes(stage));
  if (holder?.id === versionId) return;
  const previous = stage === CURRENT ? holder : undefined;
  for (const v of secret.versions) {
    v.stages = v.stages.filter(
      s => s !== stage && !(previous && s === PREVIOUS),
    );
  }
  previous?.stages.push(PREVIOUS);
  secret.versions.find(v => v.id === versionId)?.stages.push(stage);
  secret.changed = Date.now();
}

export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(existing.map(t => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

export function randomSuffix() {
  const chars =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(6)].map(b => chars[b % chars.length]).join('');
}

export function assertNotDeleted(secret: Secret) {
  if (secret.deleted !== undefined) {
    throw invalidRequest(
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
  }
}

// Secrets scheduled for deletion disappear once their recovery window has passed.
export function purgeExpired(secrets: Secrets) {
  for (const [name, secret] of secrets) {
    if ((secret.purgeAt ?? Infinity) <= Date.now()) secrets.delete(name);
  }
}

/**
 * Adds a version (the client request token becomes its id, as on AWS) and moves the staging
 * labels: the version that held AWSCURRENT becomes AWSPREVIOUS. A retry with the same token and
 * value is a no-op; reusing a token for another value is refused.
 */
export function addVersion(
  secret: Secret,
  secretString: string,
  token: string | undefined,
  stages: string[],
): Version {
  const existing = secret.versions.find(v => v.id === token);
  if (existing && existing.secretString === undefined) {
    // The value of a version a rotation created without one (its createSecret step).
    existing.secretString = secretString;
    for (const stage of stages) moveStage(secret, stage, existing.id);
    return existing;
  }
  if (existing) {
    if (existing.secretString === secretString) return existing;
    throw new ServiceError(
      'ResourceExistsException',
      "You can't modify an existing version, you can only create a new version.",
    );
  }
  const previous = stages.includes(CURRENT)
    ? secret.versions.find(v => v.stages.includes(CURRENT))
    : undefined;
  for (const v of secret.versions) {
    v.stages = v.stages.filter(
      s => !stages.includes(s) && !(previous && s === PREVIOUS),
    );
  }
  previous?.stages.push(PREVIOUS);
  const created = Date.now();
  const version = { id: token ?? randomUUID(), secretString, stages, created };
  secret.versions.push(version);
  secret.changed = created;
  return version;
}

export function loadSecrets(dataFile?: string): Secrets {
  if (!dataFile || !existsSync(dataFile)) return new Map();
  try {
    const data = JSON.parse(readFileSync(dataFile, 'utf8'));
    return new Map(data.secrets.map((s: Secret) => [s.name, s]));
  } catch {
    // Not the parser's message: it can quote file content, i.e. secret values.
    throw new Error(
      `local-secrets-manager: cannot read secrets from ${dataFile}`,
    );
  }
}

// Synchronous on purpose: a change is on disk before its response goes out, and writes never
// interleave. Written to a temporary file and renamed, so a crash never leaves half a file.
export function saveSecrets(dataFile: string, secrets: Secrets) {
  const temporary = `${dataFile}.${process.pid}.tmp`;
  const json = JSON.stringify({ secrets: [...secrets.values()] }, null, 2);
  writeFileSync(temporary, json, { mode: 0o600 });
  renameSync(temporary, dataFile);
}
