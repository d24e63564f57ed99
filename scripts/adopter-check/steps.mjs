// Steps with timings and one clear failure message; commands whose output goes to a log file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const timings = [];

export class StepError extends Error {}

/** Runs one named step; a failure names the step and keeps the first line of its cause. */
export async function step(name, fn) {
  const started = Date.now();
  console.log(`[adopter-check] ${name} ...`);
  try {
    const result = await fn();
    const seconds = (Date.now() - started) / 1000;
    timings.push([name, seconds]);
    console.log(`[adopter-check] ${name}: ok (${seconds.toFixed(0)} s)`);
    return result;
  } catch (error) {
    throw new StepError(`${name}: ${error.message}`);
  }
}

export function printTimings(total) {
  for (const [name, seconds] of timings)
    console.log(`  ${seconds.toFixed(0).padStart(5)} s  ${name}`);
  console.log(`  ${total.toFixed(0).padStart(5)} s  total (wall time)`);
}

function tail(file, lines = 25) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs a command to completion with its output appended to logFile. Rejects with the command,
 * its exit and the log's last lines. `timeoutMs` bounds it (then SIGTERM to its process group).
 */
export function run(cmd, args, { cwd, env, logFile, timeoutMs = 20 * 60_000 }) {
  fs.appendFileSync(logFile, `\n$ (${cwd}) ${cmd} ${args.join(' ')}\n`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      reject(
        new Error(
          `\`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${
            signal ?? code
          }; the end of ${logFile}:\n${tail(logFile)}`,
        ),
      );
    });
  });
}

/** Starts a long-running command in its own process group, output to logFile. */
export function startProcess(cmd, args, { cwd, env, logFile }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, {
    cwd,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const exited = new Promise(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid,
    exited,
    tail: () => tail(logFile, 40),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls fn until it returns a value other than undefined; rejects after timeoutMs with `what`. */
export async function waitFor(what, fn, { timeoutMs, intervalMs = 1000 }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} within ${timeoutMs / 1000} s${
          last ? ` (last error: ${last.message})` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
