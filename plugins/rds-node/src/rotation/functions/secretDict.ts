import {
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/**
 * A rotation secret's JSON as the PostgreSQL rotation functions read it: `engine`, `host`,
 * `username` and `password` required; `port` (5432), `dbname` (`postgres`), `ssl` and, for
 * alternating users, `masterarn` optional. Other fields are kept as they are.
 *
 * @public
 */
export interface RotationSecret {
  engine: string;
  host: string;
  username: string;
  password: string;
  port?: number | string;
  dbname?: string | null;
  ssl?: boolean | string;
  masterarn?: string;
  [field: string]: unknown;
}

const REQUIRED = ['host', 'username', 'password', 'engine'] as const;
const ENGINES = ['postgres', 'aurora-postgresql'];

/**
 * The secret value of one stage (and version, when a token is given), parsed and checked as
 * the published functions' `get_secret_dict` does. A missing version surfaces as the SDK's
 * ResourceNotFoundException.
 */
export async function getSecretDict(
  client: SecretsManagerClient,
  arn: string,
  stage: string,
  token?: string,
): Promise<RotationSecret> {
  const out = await client.send(
    new GetSecretValueCommand({
      SecretId: arn,
      VersionStage: stage,
      ...(token ? { VersionId: token } : {}),
    }),
  );
  let dict: Record<string, unknown>;
  try {
    dict = JSON.parse(out.SecretString ?? '');
  } catch {
    // Never the parser's message: it could quote the value.
    throw new Error(`the ${stage} value of secret ${arn} is not valid JSON`);
  }
  for (const field of REQUIRED) {
    if (!(field in dict))
      throw new Error(`${field} key is missing from secret JSON`);
  }
  if (!ENGINES.includes(String(dict.engine))) {
    throw new Error(
      "Database engine must be set to 'postgres' in order to use this rotation lambda",
    );
  }
  return dict as RotationSecret;
}

/** True for the SDK error of a stage or version that does not exist. */
export function isNotFound(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ResourceNotFoundException';
}
