import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Locator, type Page } from '@playwright/test';

const run = promisify(execFile);

/** The Connect section of an environment's card on the Database tab. */
export function connectSection(page: Page, environment: string): Locator {
  return page
    .locator('.MuiCard-root')
    .filter({
      has: page.getByText(`Environment: ${environment}`, { exact: true }),
    })
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Connect' }) });
}

/**
 * Clicks a copy button and returns what it put on the clipboard (the context
 * needs the clipboard-read permission).
 */
export async function copiedBy(page: Page, button: Locator): Promise<string> {
  // Something else first, so a copy that does nothing cannot pass.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await button.click();
  let text = '';
  await expect
    .poll(
      async () => {
        text = await page.evaluate(() => navigator.clipboard.readText());
        return text;
      },
      { message: 'the clipboard after the copy button' },
    )
    .not.toBe('');
  return text;
}

/** Whether every one of these programs is on the PATH. */
export async function haveCommands(...names: string[]): Promise<boolean> {
  try {
    await run('bash', ['-c', names.map(n => `command -v ${n}`).join(' && ')]);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command line as a person would paste it into bash; returns its output. */
export async function runInShell(command: string): Promise<string> {
  // No profile or credentials of this machine's user: only what the command says.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
  ]) {
    delete env[name];
  }
  const { stdout } = await run('bash', ['-c', command], {
    timeout: 60_000,
    env,
  });
  return stdout;
}

/**
 * What `aws secretsmanager get-secret-value --query SecretString --output text`
 * prints, asked of the endpoint the command names with the same request the
 * AWS CLI sends (the AWS JSON protocol), for machines without the AWS CLI.
 * The local endpoint checks that a signature is there, not what it is.
 */
export async function getSecretValueLikeTheCli(
  command: string,
): Promise<string> {
  const arg = (flag: string) =>
    command.match(new RegExp(`${flag} ('[^']*'|\\S+)`))?.[1].replace(/'/g, '');
  const secretId = arg('--secret-id');
  const region = arg('--region');
  const endpoint = arg('--endpoint-url');
  expect(
    { secretId, region, endpoint },
    'the command names the secret, its region and the local endpoint',
  ).toEqual({
    secretId: expect.any(String),
    region: expect.any(String),
    endpoint: expect.stringMatching(/^http:\/\/(127\.0\.0\.1|localhost):/),
  });
  const res = await fetch(endpoint!, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
      authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ SecretId: secretId }),
  });
  const body = (await res.json()) as { SecretString?: string };
  expect(res.ok, `GetSecretValue: ${res.status} ${JSON.stringify(body)}`).toBe(
    true,
  );
  return `${body.SecretString ?? ''}\n`;
}
