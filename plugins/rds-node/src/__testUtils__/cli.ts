import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  secretsEndpoint,
  testSecretsClient,
  testTargets,
  type TestTarget,
} from './targets';

const BIN = path.resolve(__dirname, '../../bin/rds-provision');

/** Runs the real CLI in its own process, like CI does. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  cwd: string,
) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('error', reject);
      child.on('exit', code => resolve({ code: code ?? 1, stdout, stderr }));
    },
  );
}

/** The variables a CLI run against a test target needs (instance named `cli-test`). */
export function cliEnv(target: TestTarget) {
  return {
    RDS_ADMIN_URL: target.adminUrl,
    RDS_SECRETS_ENDPOINT: secretsEndpoint(),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    RDS_INSTANCE_NAME: 'cli-test',
    // The test servers speak plain TCP, which the backend's TLS rule allows only a dev
    // environment on this machine: these random environment names are marked dev.
    RDS_DEV: 'true',
  };
}

/** The lines of an environment's audit CSV under `cwd`. */
export function auditCsvLines(cwd: string, env: string): string[] {
  return readFileSync(
    path.join(cwd, 'governance', env, 'rds_provision_audit.csv'),
    'utf8',
  )
    .trim()
    .split('\r\n');
}

/**
 * A CLI suite's parts (call it in the describe block): one target (the CLI is the same engine; one target proves the command
 * itself), a working folder, the variables for the target, its audit CSV, a way to write the
 * apps file in the folder and to run the CLI there.
 */
export function cliSuite(folderPrefix: string) {
  // Every test spawns the CLI, a fresh Node process, at least once, on a shared machine.
  jest.setTimeout(60_000);
  const target = testTargets()[0];
  const cwd = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  return {
    target,
    cwd,
    secretsManager: testSecretsClient(),
    vars: cliEnv(target),
    csv: (env: string) => auditCsvLines(cwd, env),
    /** Runs `rds-provision --env <env> ...args` in the folder with these variables. */
    run: (
      env: string,
      args: string[],
      vars: Record<string, string | undefined>,
    ) => runCli(['--env', env, ...args], vars, cwd),
    /** Writes `file` in the folder. */
    write: (file: string, text: string) =>
      writeFileSync(path.join(cwd, file), text),
  };
}
