import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Options for {@link createSecretsManagerClient}. */
export interface SecretsManagerClientOptions {
  region: string;
  /** Custom endpoint, e.g. a local Secrets Manager-compatible server in dev and tests. */
  endpoint?: string;
  /** Static credentials; when absent the SDK's default provider chain is used. */
  credentials?: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  };
  /** Attempts per call including the first (SDK standard retry mode, handles throttling). */
  maxAttempts?: number;
}

/** Creates the real AWS SDK client used by the engine. */
export function createSecretsManagerClient(
  options: SecretsManagerClientOptions,
): SecretsManagerClient {
  return new SecretsManagerClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: 'standard',
  });
}
