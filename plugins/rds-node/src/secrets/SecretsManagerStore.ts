import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  TagResourceCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { SecretPayload } from './payload';

/** A secret as the engine sees it. Never holds anything but the parsed payload in memory. */
export interface SecretState {
  name: string;
  exists: boolean;
  arn?: string;
  /** Set when the secret is scheduled for deletion. */
  deletedDate?: Date;
  tags: Record<string, string>;
  /** AWSCURRENT version id. */
  versionId?: string;
  /** Parsed AWSCURRENT value; undefined when missing or not JSON. */
  payload?: Record<string, unknown>;
  /** Why the stored value is unusable (not JSON, no password), without quoting it. */
  problem?: string;
  /** Rotation as DescribeSecret reports it. */
  rotation?: SecretRotationState;
}

/** A secret's rotation configuration and dates, from DescribeSecret. */
export interface SecretRotationState {
  enabled: boolean;
  lambdaArn?: string;
  afterDays?: number;
  lastRotated?: Date;
  nextRotation?: Date;
  /** A rotation is under way: a version is AWSPENDING but not AWSCURRENT. */
  pending: boolean;
}

/** An error from the secret store, naming the operation and the secret, never the value. */
export class SecretStoreError extends Error {
  constructor(operation: string, secretName: string, cause: unknown) {
    const c = cause as { name?: string; message?: string };
    super(
      `Secrets Manager ${operation} for ${secretName} failed: ${
        c?.name ?? 'Error'
      }: ${c?.message ?? String(cause)}`,
    );
    this.name = 'SecretStoreError';
  }
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string })?.name;
}

/** Tags as the Secrets Manager API takes them. */
function awsTags(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Reads and writes app secrets with the real AWS SDK client. */
export class SecretsManagerStore {
  constructor(private readonly client: SecretsManagerClient) {}

  /** Describes the secret and reads its current value (both requests at once). */
  async read(name: string): Promise<SecretState> {
    const [described, value] = await Promise.allSettled([
      this.client.send(new DescribeSecretCommand({ SecretId: name })),
      this.client.send(new GetSecretValueCommand({ SecretId: name })),
    ]);
    if (described.status === 'rejected') {
      if (errorName(described.reason) === 'ResourceNotFoundException') {
        return { name, exists: false, tags: {} };
      }
      throw new SecretStoreError('DescribeSecret', name, described.reason);
    }
    const info = described.value;
    const state: SecretState = {
      name,
      exists: true,
      arn: info.ARN,
      deletedDate: info.DeletedDate,
      tags: Object.fromEntries(
        (info.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
      ),
    };
    state.rotation = {
      enabled: info.RotationEnabled === true,
      lambdaArn: info.RotationLambdaARN,
      afterDays: info.RotationRules?.AutomaticallyAfterDays,
      lastRotated: info.LastRotatedDate,
      nextRotation: info.NextRotationDate,
      pending: Object.values(info.VersionIdsToStages ?? {}).some(
        stages =>
          stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT'),
      ),
    };
    if (state.deletedDate) return state;
    if (value.status === 'rejected') {
      if (errorName(value.reason) !== 'ResourceNotFoundException') {
        throw new SecretStoreError('GetSecretValue', name, value.reason);
      }
      state.problem = 'the secret has no current value';
      return state;
    }
    state.versionId = value.value.VersionId;
    try {
      const parsed = JSON.parse(value.value.SecretString ?? '');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        state.payload = parsed;
        if (typeof parsed.password !== 'string' || !parsed.password) {
          state.problem = 'the secret value has no "password" field';
        }
      } else {
        state.problem = 'the secret value is not a JSON object';
      }
    } catch {
      state.problem = 'the secret value is not JSON';
    }
    return state;
  }

  /** Creates the secret with its first value; the version id is the given token. */
  async create(
    name: string,
    payload: SecretPayload,
    options: {
      versionId: string;
      tags: Record<string, string>;
      kmsKeyId?: string;
      description: string;
    },
  ): Promise<{ arn?: string; versionId?: string }> {
    const out = await this.request('CreateSecret', name, () =>
      this.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: JSON.stringify(payload),
          ClientRequestToken: options.versionId,
          KmsKeyId: options.kmsKeyId,
          Description: options.description,
          Tags: awsTags(options.tags),
        }),
      ),
    );
    return { arn: out.ARN, versionId: out.VersionId };
  }

  /** Stores a new current value; the version id is the given token. */
  async put(
    name: string,
    payload: SecretPayload,
    versionId: string,
  ): Promise<{ arn?: string; versionId?: string }> {
    const out = await this.request('PutSecretValue', name, () =>
      this.client.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: JSON.stringify(payload),
          ClientRequestToken: versionId,
        }),
      ),
    );
    return { arn: out.ARN, versionId: out.VersionId };
  }

  /**
   * Turns rotation on with this function and schedule (`RotateSecret`); rotates at once only
   * when asked (the secret's password was just generated otherwise).
   */
  async rotate(
    name: string,
    options: { lambdaArn: string; afterDays: number; rotateNow: boolean },
  ): Promise<void> {
    await this.request('RotateSecret', name, () =>
      this.client.send(
        new RotateSecretCommand({
          SecretId: name,
          RotationLambdaARN: options.lambdaArn,
          RotationRules: { AutomaticallyAfterDays: options.afterDays },
          RotateImmediately: options.rotateNow,
        }),
      ),
    );
  }

  /** Adds or overwrites tags. */
  async tag(name: string, tags: Record<string, string>): Promise<void> {
    await this.request('TagResource', name, () =>
      this.client.send(
        new TagResourceCommand({ SecretId: name, Tags: awsTags(tags) }),
      ),
    );
  }

  /** Runs one request of `operation` on secret `name`; its failure is a SecretStoreError. */
  private async request<T>(
    operation: string,
    name: string,
    send: () => Promise<T>,
  ): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new SecretStoreError(operation, name, error);
    }
  }
}
