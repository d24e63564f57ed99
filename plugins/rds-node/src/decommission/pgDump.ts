import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RdsInstanceConfig } from '../config/types';
import { APPLICATION_NAME } from '../connection/InstanceConnections';
import type { PgDumpInfo } from './types';

/** `pg_dump (PostgreSQL) 15.18 (Debian ...)` → 15.18 and 15. */
export function parsePgDumpVersion(
  output: string,
): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  return {
    version: match[2] ? `${match[1]}.${match[2]}` : match[1],
    major: Number(match[1]),
  };
}

/** Runs `<pgDumpPath> --version` (bounded: 10 s). */
export function readPgDumpVersion(pgDumpPath: string): Promise<PgDumpInfo> {
  return new Promise(resolve => {
    execFile(
      pgDumpPath,
      ['--version'],
      { timeout: 10_000, env: { PATH: process.env.PATH ?? '' } },
      (error, stdout) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          resolve({
            path: pgDumpPath,
            error:
              code === 'ENOENT'
                ? `${pgDumpPath} was not found`
                : `${pgDumpPath} --version failed: ${error.message}`,
          });
          return;
        }
        const parsed = parsePgDumpVersion(String(stdout));
        resolve(
          parsed
            ? { path: pgDumpPath, ...parsed }
            : {
                path: pgDumpPath,
                error: `${pgDumpPath} --version printed no PostgreSQL version`,
              },
        );
      },
    );
  });
}

/** The `pg_restore` that verifies dumps: configured, else next to pg_dump, else on PATH. */
export function pgRestorePathFor(pgDumpPath: string, configured?: string) {
  if (configured) return configured;
  const dir = path.dirname(pgDumpPath);
  return dir === '.' ? 'pg_restore' : path.join(dir, 'pg_restore');
}

/** Options of {@link runPgDump}. */
export interface PgDumpRun {
  pgDumpPath: string;
  pgRestorePath: string;
  instance: RdsInstanceConfig;
  login: { user: string; password: string };
  database: string;
  file: string;
  timeoutMs: number;
  lockTimeoutMs: number;
}

/** Runs a program with a bounded wait; its stderr is the error message (never the password). */
function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => {
      if (stdout.length < 1_000_000) stdout += d;
    });
    child.stderr.on('data', d => {
      if (stderr.length < 10_000) stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${path.basename(program)} did not finish within ${
            timeoutMs / 1000
          } s`,
        ),
      );
    }, timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(new Error(`${program} could not be run: ${error.message}`));
    });
    child.on('close', code => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${path.basename(program)} exited with ${code}: ${stderr.trim()}`,
          ),
        );
    });
  });
}

/**
 * libpq's environment for the instance, as the engine connects: the password in
 * PGPASSWORD (never on the command line, which `ps` shows), TLS as configured.
 */
async function libpqEnv(
  options: PgDumpRun,
  tmpDir: string,
): Promise<NodeJS.ProcessEnv> {
  const { instance, login } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    PGHOST: instance.host,
    PGPORT: String(instance.port),
    PGUSER: login.user,
    PGPASSWORD: login.password,
    PGDATABASE: options.database,
    PGAPPNAME: `${APPLICATION_NAME}-dump`,
    PGCONNECT_TIMEOUT: String(
      Math.ceil((instance.timeouts?.connectMs ?? 15_000) / 1000),
    ),
  };
  const mode = instance.ssl?.mode ?? 'disable';
  env.PGSSLMODE = mode;
  if (mode === 'verify-full') {
    const ca = path.join(tmpDir, 'ca.pem');
    await fs.writeFile(ca, instance.ssl?.ca ?? '', { mode: 0o600 });
    env.PGSSLROOTCERT = ca;
  }
  return env;
}

/** A dump on disk and what proves it: its size, sha256 and table count. */
export interface VerifiedDump {
  file: string;
  bytes: number;
  sha256: string;
  tables: number;
}

/** sha256 of a file or stream. */
export async function sha256Of(
  input: NodeJS.ReadableStream | string,
): Promise<string> {
  const hash = createHash('sha256');
  const stream = typeof input === 'string' ? createReadStream(input) : input;
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Lists a dump's table of contents with pg_restore: proof that it is readable. */
export async function verifyDump(
  pgRestorePath: string,
  file: string,
  timeoutMs: number,
): Promise<VerifiedDump> {
  const toc = await run(
    pgRestorePath,
    ['--list', file],
    { PATH: process.env.PATH ?? '' },
    timeoutMs,
  );
  const tables = toc.split('\n').filter(l => / TABLE DATA /.test(l)).length;
  const { size } = await fs.stat(file);
  return { file, bytes: size, sha256: await sha256Of(file), tables };
}

/** pg_dump of the database in custom format to `file`, then verified with pg_restore --list. */
export async function runPgDump(options: PgDumpRun): Promise<VerifiedDump> {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rds-dump-'));
  try {
    const env = await libpqEnv(options, tmpDir);
    await run(
      options.pgDumpPath,
      [
        '--format=custom',
        '--no-password',
        `--lock-wait-timeout=${options.lockTimeoutMs}`,
        `--file=${options.file}`,
      ],
      env,
      options.timeoutMs,
    );
    return await verifyDump(
      options.pgRestorePath,
      options.file,
      options.timeoutMs,
    );
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}
