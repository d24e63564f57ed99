/*
 * A small AWS Secrets Manager-compatible endpoint speaking the AWS JSON 1.1 protocol, so the real
 * @aws-sdk/client-secrets-manager can run against it in tests and in the `yarn start` default.
 *
 * Deliberately one self-contained file (no relative imports, only erasable TypeScript syntax):
 * the repo's plain Node scripts import it directly through Node's type stripping.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/** Options for {@link startLocalSecretsManager}. */
export interface LocalSecretsManagerOptions {
  /** Interface to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** JSON file the secrets are loaded from at start and saved to after every change. */
  dataFile?: string;
  /** Gets one line per request: operation, secret name, HTTP status. Never secret values. */
  logger?: (line: string) => void;
}

/** A fault answered instead of running the operation, to exercise the SDK's retries. */
export interface LocalSecretsManagerFault {
  /** Operation to fail, e.g. `GetSecretValue`; every operation when left out. */
  operation?: string;
  error:
    | 'ThrottlingException'
    | 'InternalServiceError'
    | 'EncryptionFailure'
    | 'AccessDeniedException';
  /** How many matching requests fail before the fault is used up. */
  times: number;
}

/** A running local Secrets Manager endpoint. */
export interface LocalSecretsManager {
  /** Base URL for the SDK client's `endpoint`, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  port: number;
  close(): Promise<void>;
  injectFault(fault: LocalSecretsManagerFault): void;
  clearFaults(): void;
  /** Requests received so far (failed ones included), for one operation or all. */
  requestCount(operation?: string): number;
}

type Json = Record<string, any>;
type Tag = { Key: string; Value: string };
type Version = {
  id: string;
  secretString: string;
  stages: string[];
  created: number;
};
type Secret = {
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
};

const ARN_PREFIX = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:';
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';
const DAY_MS = 24 * 60 * 60 * 1000;
const READ_ONLY = ['GetSecretValue', 'DescribeSecret', 'ListSecrets'];

class ServiceError extends Error {
  type: string;
  status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const invalidParameter = (message: string) =>
  new ServiceError('InvalidParameterException', message);
const invalidRequest = (message: string) =>
  new ServiceError('InvalidRequestException', message);
const notFound = (what = 'secret.') =>
  new ServiceError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified ${what}`,
  );
const FAULTS = {
  ThrottlingException: () =>
    new ServiceError('ThrottlingException', 'Rate exceeded'),
  InternalServiceError: () =>
    new ServiceError('InternalServiceError', 'Internal service error', 500),
  // What KMS and IAM answer: not retried by the SDK.
  EncryptionFailure: () =>
    new ServiceError(
      'EncryptionFailure',
      'Secrets Manager can not encrypt the protected secret text using the provided KMS key.',
    ),
  AccessDeniedException: () =>
    new ServiceError(
      'AccessDeniedException',
      'User is not authorized to perform: secretsmanager:CreateSecret because no identity-based policy allows it',
    ),
};

// The JSON protocol carries timestamps as epoch seconds.
const seconds = (ms?: number) => (ms === undefined ? undefined : ms / 1000);

function readString(input: Json, key: string, required = false) {
  const value = input[key];
  if (value === undefined || value === null) {
    if (required) throw invalidParameter(`You must specify ${key}.`);
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParameter(`${key} must be a string.`);
  }
  return value;
}

function readList(input: Json, key: string, isItem: (item: any) => boolean) {
  const list = input[key] ?? [];
  if (!Array.isArray(list) || !list.every(isItem)) {
    throw invalidParameter(`${key} is not a valid list.`);
  }
  return list;
}

function readSecretString(input: Json) {
  if (input.SecretBinary !== undefined) {
    throw invalidParameter('This endpoint only stores SecretString values.');
  }
  return readString(input, 'SecretString');
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(existing.map(t => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

function randomSuffix() {
  const chars =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(6)].map(b => chars[b % chars.length]).join('');
}

function assertNotDeleted(secret: Secret) {
  if (secret.deleted !== undefined) {
    throw invalidRequest(
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
  }
}

/**
 * Adds a version (the client request token becomes its id, as on AWS) and moves the staging
 * labels: the version that held AWSCURRENT becomes AWSPREVIOUS. A retry with the same token and
 * value is a no-op; reusing a token for another value is refused.
 */
function addVersion(
  secret: Secret,
  secretString: string,
  token: string | undefined,
  stages: string[],
): Version {
  const existing = secret.versions.find(v => v.id === token);
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

function describe(secret: Secret): Json {
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    RotationEnabled: false,
    CreatedDate: seconds(secret.created),
    LastChangedDate: seconds(secret.changed),
    DeletedDate: seconds(secret.deleted),
    Tags: secret.tags.length ? secret.tags : undefined,
  };
}

function versionsToStages(secret: Secret) {
  const labelled = secret.versions.filter(v => v.stages.length);
  return Object.fromEntries(labelled.map(v => [v.id, v.stages]));
}

// ListSecrets filters: each value is a prefix (`!value` negates) and any value may match;
// every filter must match.
function matchesFilters(secret: Secret, filters: Json[]) {
  const fields: Record<string, string[]> = {
    name: [secret.name],
    description: secret.description ? [secret.description] : [],
    'tag-key': secret.tags.map(t => t.Key),
    'tag-value': secret.tags.map(t => t.Value),
  };
  fields.all = Object.values(fields).flat();
  return filters.every(filter => {
    const candidates = fields[filter.Key];
    if (!candidates)
      throw invalidParameter(`Unsupported filter ${filter.Key}.`);
    return (filter.Values as string[]).some(value =>
      value.startsWith('!')
        ? !candidates.some(c => c.startsWith(value.slice(1)))
        : candidates.some(c => c.startsWith(value)),
    );
  });
}

function createOperations(
  secrets: Map<string, Secret>,
): Record<string, (input: Json) => Json> {
  // Secrets scheduled for deletion disappear once their recovery window has passed.
  const purgeExpired = () => {
    for (const [name, secret] of secrets) {
      if ((secret.purgeAt ?? Infinity) <= Date.now()) secrets.delete(name);
    }
  };
  // A SecretId is a name, an ARN, or an ARN without its random suffix.
  const find = (input: Json): Secret => {
    purgeExpired();
    const id = readString(input, 'SecretId', true)!;
    const byArn = [...secrets.values()].find(
      s => s.arn === id || s.arn.slice(0, -7) === id,
    );
    const secret = secrets.get(id) ?? byArn;
    if (!secret) throw notFound();
    return secret;
  };
  const findLive = (input: Json) => {
    const secret = find(input);
    assertNotDeleted(secret);
    return secret;
  };

  return {
    CreateSecret(input) {
      purgeExpired();
      const name = readString(input, 'Name', true)!;
      if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
        throw invalidParameter(
          'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
        );
      }
      const secretString = readSecretString(input);
      const token = readString(input, 'ClientRequestToken');
      const existing = secrets.get(name);
      if (existing?.deleted !== undefined) {
        throw invalidRequest(
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      // The SDK retries with the same token: answer a retry like the original request.
      if (existing && token && existing.createToken === token) {
        const version = existing.versions.find(v => v.id === token);
        return { ARN: existing.arn, Name: name, VersionId: version?.id };
      }
      if (existing) {
        throw new ServiceError(
          'ResourceExistsException',
          `The operation failed because the secret ${name} already exists.`,
        );
      }
      const tags = readList(input, 'Tags', t => typeof t?.Key === 'string');
      const secret: Secret = {
        arn: `${ARN_PREFIX}${name}-${randomSuffix()}`,
        name,
        description: readString(input, 'Description'),
        kmsKeyId: readString(input, 'KmsKeyId'),
        tags: mergeTags([], tags),
        created: Date.now(),
        changed: Date.now(),
        createToken: token,
        versions: [],
      };
      const version =
        secretString === undefined
          ? undefined
          : addVersion(secret, secretString, token, [CURRENT]);
      secrets.set(name, secret);
      return { ARN: secret.arn, Name: name, VersionId: version?.id };
    },

    GetSecretValue(input) {
      const secret = findLive(input);
      const versionId = readString(input, 'VersionId');
      const stage =
        readString(input, 'VersionStage') ?? (versionId ? undefined : CURRENT);
      const version = secret.versions.find(
        v =>
          (!versionId || v.id === versionId) &&
          (!stage || v.stages.includes(stage)),
      );
      if (!version) {
        throw notFound(
          versionId
            ? `secret value for VersionId: ${versionId}`
            : `secret value for staging label: ${stage}`,
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        SecretString: version.secretString,
        VersionStages: version.stages,
        CreatedDate: seconds(version.created),
      };
    },

    PutSecretValue(input) {
      const secret = findLive(input);
      const secretString = readSecretString(input);
      if (secretString === undefined) {
        throw invalidParameter('You must provide SecretString.');
      }
      const stages = input.VersionStages ?? [CURRENT];
      readList(input, 'VersionStages', s => typeof s === 'string');
      const token = readString(input, 'ClientRequestToken');
      const version = addVersion(secret, secretString, token, stages);
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        VersionStages: version.stages,
      };
    },

    DescribeSecret(input) {
      const secret = find(input);
      return {
        ...describe(secret),
        VersionIdsToStages: versionsToStages(secret),
      };
    },

    UpdateSecret(input) {
      const secret = findLive(input);
      const secretString = readSecretString(input);
      const token = readString(input, 'ClientRequestToken');
      const description = readString(input, 'Description');
      const kmsKeyId = readString(input, 'KmsKeyId');
      // The version first: it is the only step that can still be refused.
      const version =
        secretString === undefined
          ? undefined
          : addVersion(secret, secretString, token, [CURRENT]);
      secret.description = description ?? secret.description;
      secret.kmsKeyId = kmsKeyId ?? secret.kmsKeyId;
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name, VersionId: version?.id };
    },

    TagResource(input) {
      const secret = findLive(input);
      const tags = readList(input, 'Tags', t => typeof t?.Key === 'string');
      secret.tags = mergeTags(secret.tags, tags);
      secret.changed = Date.now();
      return {};
    },

    UntagResource(input) {
      const secret = findLive(input);
      const keys = readList(input, 'TagKeys', k => typeof k === 'string');
      secret.tags = secret.tags.filter(t => !keys.includes(t.Key));
      secret.changed = Date.now();
      return {};
    },

    ListSecrets(input) {
      purgeExpired();
      const filters = readList(input, 'Filters', f => Array.isArray(f?.Values));
      const max = Math.min(Math.max(Number(input.MaxResults) || 100, 1), 100);
      const token = Buffer.from(String(input.NextToken ?? ''), 'base64');
      const offset = Number(token.toString() || 0);
      if (!Number.isInteger(offset) || offset < 0) {
        throw new ServiceError(
          'InvalidNextTokenException',
          'Invalid NextToken.',
        );
      }
      // Map order is creation order; AWS lists newest first unless SortOrder is asc.
      const matching = [...secrets.values()].filter(
        s =>
          (input.IncludePlannedDeletion === true || s.deleted === undefined) &&
          matchesFilters(s, filters),
      );
      if (input.SortOrder !== 'asc') matching.reverse();
      const next = offset + max;
      return {
        SecretList: matching.slice(offset, next).map(s => ({
          ...describe(s),
          SecretVersionsToStages: versionsToStages(s),
        })),
        NextToken:
          next < matching.length
            ? Buffer.from(String(next)).toString('base64')
            : undefined,
      };
    },

    DeleteSecret(input) {
      const secret = find(input);
      const days = input.RecoveryWindowInDays;
      if (input.ForceDeleteWithoutRecovery === true) {
        if (days !== undefined) {
          throw invalidParameter(
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
          );
        }
        secrets.delete(secret.name);
        const DeletionDate = seconds(Date.now());
        return { ARN: secret.arn, Name: secret.name, DeletionDate };
      }
      if (
        days !== undefined &&
        !(Number.isInteger(days) && days >= 7 && days <= 30)
      ) {
        throw invalidParameter(
          'RecoveryWindowInDays must be between 7 and 30.',
        );
      }
      assertNotDeleted(secret);
      secret.deleted = Date.now();
      secret.purgeAt = secret.deleted + (days ?? 30) * DAY_MS;
      const DeletionDate = seconds(secret.purgeAt);
      return { ARN: secret.arn, Name: secret.name, DeletionDate };
    },

    RestoreSecret(input) {
      const secret = find(input);
      secret.deleted = undefined;
      secret.purgeAt = undefined;
      secret.changed = Date.now();
      return { ARN: secret.arn, Name: secret.name };
    },
  };
}

function loadSecrets(dataFile?: string): Map<string, Secret> {
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
function saveSecrets(dataFile: string, secrets: Map<string, Secret>) {
  const temporary = `${dataFile}.${process.pid}.tmp`;
  const json = JSON.stringify({ secrets: [...secrets.values()] }, null, 2);
  writeFileSync(temporary, json, { mode: 0o600 });
  renameSync(temporary, dataFile);
}

async function readBody(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const body = text.trim() ? JSON.parse(text) : {};
    if (typeof body === 'object' && body && !Array.isArray(body)) return body;
  } catch {
    // Answered below; the parser's message would quote the body.
  }
  throw new ServiceError(
    'SerializationException',
    'Body is not a JSON object.',
  );
}

/**
 * Starts a local Secrets Manager-compatible endpoint. Point the AWS SDK at `endpoint` with region
 * us-east-1 and any static credentials: signatures are not checked, but must be present.
 */
export async function startLocalSecretsManager(
  options: LocalSecretsManagerOptions = {},
): Promise<LocalSecretsManager> {
  const { host = '127.0.0.1', port = 0, dataFile, logger } = options;
  if (dataFile) mkdirSync(dirname(dataFile), { recursive: true });
  const secrets = loadSecrets(dataFile);
  const operations = createOperations(secrets);
  const counts = new Map<string, number>();
  let faults: LocalSecretsManagerFault[] = [];

  const takeFault = (operation: string) => {
    const fault = faults.find(f => (f.operation ?? operation) === operation);
    if (!fault) return undefined;
    fault.times -= 1;
    faults = faults.filter(f => f.times > 0);
    return FAULTS[fault.error]();
  };

  // `request.secret` is filled in for the log line: it names the secret, never its value.
  const run = async (req: IncomingMessage, request: Json) => {
    const operation = request.operation;
    if (req.method !== 'POST' || !Object.hasOwn(operations, operation)) {
      throw new ServiceError('UnknownOperationException', 'Unknown operation.');
    }
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const input = await readBody(req);
    request.secret = input.SecretId ?? input.Name;
    if (!req.headers.authorization) {
      throw new ServiceError(
        'MissingAuthenticationTokenException',
        'Missing Authentication Token',
        403,
      );
    }
    const fault = takeFault(operation);
    if (fault) throw fault;
    const output = operations[operation](input);
    if (dataFile && !READ_ONLY.includes(operation)) {
      saveSecrets(dataFile, secrets);
    }
    return output;
  };

  const server = createServer(async (req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const request: Json = {
      operation: target.replace(/^secretsmanager\./, ''),
    };
    let status = 200;
    let body: Json;
    try {
      body = await run(req, request);
    } catch (error) {
      // Unexpected errors stay generic: their messages could quote request content.
      const known = error instanceof ServiceError ? error : undefined;
      status = known?.status ?? 500;
      body = {
        __type: known?.type ?? 'InternalServiceError',
        message: known?.message ?? 'Internal service error',
      };
    }
    writeResponse(res, status, body);
    const line = [request.operation || '-', request.secret ?? '-', status];
    logger?.([...line, body.__type ?? ''].join(' ').trim());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const publicHost = ['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host;
  const urlHost = publicHost.includes(':') ? `[${publicHost}]` : publicHost;

  return {
    endpoint: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; drop them so closing does not wait.
        server.closeAllConnections();
      }),
    injectFault(fault) {
      if (!(fault.error in FAULTS) || !(fault.times >= 1)) {
        throw new TypeError('injectFault needs a known error and times >= 1');
      }
      faults.push({ ...fault });
    },
    clearFaults() {
      faults = [];
    },
    requestCount(operation) {
      if (operation) return counts.get(operation) ?? 0;
      return [...counts.values()].reduce((sum, n) => sum + n, 0);
    },
  };
}

function writeResponse(res: ServerResponse, status: number, body: Json) {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': randomUUID(),
    ...(body.__type ? { 'x-amzn-errortype': body.__type } : {}),
  });
  res.end(JSON.stringify(body));
}
