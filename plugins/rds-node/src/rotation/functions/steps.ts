import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { getConnection, using, type RotationConnectOptions } from './connect';
import { getSecretDict, isNotFound, type RotationSecret } from './secretDict';

/** What every step gets. */
export interface StepContext {
  client: SecretsManagerClient;
  arn: string;
  token: string;
  connect: RotationConnectOptions;
  log: (line: string) => void;
  /** GetRandomPassword's ExcludeCharacters (the functions' EXCLUDE_CHARACTERS). */
  excludeCharacters: string;
  /** GetRandomPassword's PasswordLength (the functions' PASSWORD_LENGTH). */
  passwordLength: number;
}

/** The published functions' default EXCLUDE_CHARACTERS. */
export const DEFAULT_EXCLUDE_CHARACTERS = ':/@"\'\\';

/** This token's AWSPENDING secret, and a connection with it (undefined when it does not log in). */
async function pendingLogin(ctx: StepContext) {
  const pending = await getSecretDict(
    ctx.client,
    ctx.arn,
    'AWSPENDING',
    ctx.token,
  );
  return { pending, conn: await getConnection(pending, ctx.connect) };
}

async function randomPassword(ctx: StepContext): Promise<string> {
  const out = await ctx.client.send(
    new GetRandomPasswordCommand({
      ExcludeCharacters: ctx.excludeCharacters,
      PasswordLength: ctx.passwordLength,
    }),
  );
  return out.RandomPassword!;
}

/**
 * createSecret: unless the AWSPENDING version of this token has a value, store AWSCURRENT
 * with a new password (and the username `pendingUser` picks) as AWSPENDING.
 */
export async function createSecret(
  ctx: StepContext,
  pendingUser: (current: string) => string,
): Promise<void> {
  const current = await getSecretDict(ctx.client, ctx.arn, 'AWSCURRENT');
  try {
    await getSecretDict(ctx.client, ctx.arn, 'AWSPENDING', ctx.token);
    ctx.log(`createSecret: Successfully retrieved secret for ${ctx.arn}.`);
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const pending: RotationSecret = {
    ...current,
    username: pendingUser(current.username),
    password: await randomPassword(ctx),
  };
  await ctx.client.send(
    new PutSecretValueCommand({
      SecretId: ctx.arn,
      ClientRequestToken: ctx.token,
      SecretString: JSON.stringify(pending),
      VersionStages: ['AWSPENDING'],
    }),
  );
  ctx.log(
    `createSecret: Successfully put secret for ARN ${ctx.arn} and version ${ctx.token}.`,
  );
}

/** testSecret: the AWSPENDING credentials log in and run a statement. */
export async function testSecret(ctx: StepContext): Promise<void> {
  const { conn } = await pendingLogin(ctx);
  if (!conn) {
    throw new Error(
      `Unable to log into database with pending secret of secret ARN ${ctx.arn}`,
    );
  }
  await using(conn, c => c.query('SELECT NOW()'));
  ctx.log(
    `testSecret: Successfully signed into PostgreSQL DB with AWSPENDING secret in ${ctx.arn}.`,
  );
}

/** finishSecret: AWSCURRENT moves to this token's version (the old one becomes AWSPREVIOUS). */
export async function finishSecret(ctx: StepContext): Promise<void> {
  const meta = await ctx.client.send(
    new DescribeSecretCommand({ SecretId: ctx.arn }),
  );
  let currentVersion: string | undefined;
  for (const [version, stages] of Object.entries(
    meta.VersionIdsToStages ?? {},
  )) {
    if (stages.includes('AWSCURRENT')) {
      if (version === ctx.token) {
        ctx.log(
          `finishSecret: Version ${version} already marked as AWSCURRENT for ${ctx.arn}`,
        );
        return;
      }
      currentVersion = version;
      break;
    }
  }
  await ctx.client.send(
    new UpdateSecretVersionStageCommand({
      SecretId: ctx.arn,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: ctx.token,
      RemoveFromVersionId: currentVersion,
    }),
  );
  ctx.log(
    `finishSecret: Successfully set AWSCURRENT stage to version ${ctx.token} for secret ${ctx.arn}.`,
  );
}

/** `ALTER USER <user> WITH PASSWORD <literal>`, the identifier quoted by the server as the functions do. */
export async function setPassword(
  conn: import('pg').Client,
  user: string,
  password: string,
): Promise<void> {
  const { rows } = await conn.query('SELECT quote_ident($1) AS u', [user]);
  await conn.query(
    `ALTER USER ${rows[0].u} WITH PASSWORD ${conn.escapeLiteral(password)}`,
  );
}

/**
 * setSecret's start in both functions: AWSCURRENT and this token's AWSPENDING, and `done`
 * when AWSPENDING already logs in (a step run again).
 */
export async function currentAndPending(ctx: StepContext): Promise<{
  current: RotationSecret;
  pending: RotationSecret;
  done: boolean;
}> {
  const current = await getSecretDict(ctx.client, ctx.arn, 'AWSCURRENT');
  const { pending, conn: already } = await pendingLogin(ctx);
  if (already) {
    await already.end().catch(() => {});
    ctx.log(
      `setSecret: AWSPENDING secret is already set as password in PostgreSQL DB for secret arn ${ctx.arn}.`,
    );
  }
  return { current, pending, done: Boolean(already) };
}
