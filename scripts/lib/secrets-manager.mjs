// The local Secrets Manager endpoint (packages/local-secrets-manager) as a child process, so that
// `yarn start` can watch it like the Postgres servers: its death is noticed and reported.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { exitText } from './supervisor.mjs';

const bin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../packages/local-secrets-manager/bin/local-secrets-manager',
);
const READY = /^local-secrets-manager listening on (\S+)/;

/**
 * Starts the endpoint on 127.0.0.1:port with its secrets in dataFile, and the rotation functions
 * of `rotationFunctions` (a module path) when given. Its per-request lines go to logFile. Resolves once it listens, with { endpoint, pid, exited, stop() }: `exited`
 * resolves with { code, signal } when the process ends, for whatever reason.
 */
export async function startSecretsManagerProcess({
  port,
  dataFile,
  logFile,
  rotationFunctions,
  rotationCa,
  log = () => {},
}) {
  // rotationFunctions: a module the endpoint loads its rotation functions from (by Lambda ARN).
  const rotation = rotationFunctions
    ? ['--rotation-functions', rotationFunctions]
    : [];
  if (rotationFunctions && rotationCa)
    rotation.push('--rotation-ca', rotationCa);
  const child = spawn(
    process.execPath,
    [bin, '--port', String(port), '--data', dataFile, ...rotation],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = fs.createWriteStream(logFile, { flags: 'a' });
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr += chunk;
    out.write(chunk);
  });
  const exited = new Promise(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  exited.then(() => out.end());

  const lines = readline.createInterface({ input: child.stdout });
  const endpoint = await new Promise((resolve, reject) => {
    lines.on('line', line => {
      out.write(`${line}\n`);
      const ready = READY.exec(line);
      if (ready) resolve(ready[1]);
    });
    child.once('error', reject);
    exited.then(result =>
      reject(
        new Error(
          `the local Secrets Manager exited during start-up (${exitText(
            result,
          )}): ${stderr.trim().split('\n')[0] || `see ${logFile}`}`,
        ),
      ),
    );
  });
  log(`local Secrets Manager (pid ${child.pid}) on ${endpoint}`);

  let stopped = false;
  return {
    endpoint,
    pid: child.pid,
    exited,
    async stop() {
      if (!stopped && child.exitCode === null && child.signalCode === null) {
        stopped = true;
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** One operation on a local endpoint (AWS JSON protocol; it wants an Authorization header, any will do). */
async function call(endpoint, operation, input) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `secretsmanager.${operation}`,
      authorization: 'local',
    },
    body: JSON.stringify(input),
  });
  const body = await res.json();
  if (!res.ok) {
    const error = new Error(
      `Secrets Manager ${operation} ${input.SecretId ?? input.Name}: ${
        body.__type
      }: ${body.message}`,
    );
    error.type = body.__type;
    throw error;
  }
  return body;
}

/**
 * The admin secret of an embedded instance, in the RDS master-user shape
 * `{"username", "password"}`: read from the endpoint, or created with a new random password (also
 * when it names another user). The caller sets the role's password to it at every start.
 */
export async function ensureAdminSecret(
  endpoint,
  { name, username, description },
) {
  const fresh = {
    username,
    password: crypto.randomBytes(18).toString('base64url'),
  };
  let current;
  try {
    current = await call(endpoint, 'GetSecretValue', { SecretId: name });
  } catch (error) {
    if (error.type !== 'ResourceNotFoundException') throw error;
    await call(endpoint, 'CreateSecret', {
      Name: name,
      Description: description,
      SecretString: JSON.stringify(fresh),
    });
    return fresh;
  }
  try {
    const value = JSON.parse(current.SecretString);
    if (value.username === username && typeof value.password === 'string')
      return value;
  } catch {
    // Not JSON: replaced below.
  }
  await call(endpoint, 'PutSecretValue', {
    SecretId: name,
    SecretString: JSON.stringify(fresh),
  });
  return fresh;
}
