import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Options for {@link createSecretsManagerClient}.
 *
 * @public
 */
export interface SecretsManagerClientOptions {
  /** AWS region of the secrets, e.g. `eu-west-1`. */
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
  /**
   * Bound of one HTTP request: a Secrets Manager endpoint that accepts but stops answering
   * fails the attempt after this long (and the call after `maxAttempts` of them). Default 10 s.
   */
  requestTimeoutMs?: number;
}

/** Default of {@link SecretsManagerClientOptions.requestTimeoutMs}. */
export const DEFAULT_SECRETS_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Creates the real AWS SDK client used by the engine.
 *
 * @public
 */
export function createSecretsManagerClient(
  options: SecretsManagerClientOptions,
): SecretsManagerClient {
  return new SecretsManagerClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: 'standard',
    // Without these the SDK waits for an answer forever.
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout:
        options.requestTimeoutMs ?? DEFAULT_SECRETS_REQUEST_TIMEOUT_MS,
      // Else the SDK only warns and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}
