import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');
const START = path.join(ROOT, 'scripts', 'start.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `scripts/start.mjs` with only the embedded services, on free ports and empty data. */
async function startServices() {
  const ports = {
    pg: await freePort(),
    prodPg: await freePort(),
    sm: await freePort(),
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rds-start-test-'));
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: {
      ...process.env,
      RDS_START_SERVICES_ONLY: '1',
      RDS_DATA_DIR: dataDir,
      RDS_START_PG_PORT: String(ports.pg),
      RDS_START_PROD_PG_PORT: String(ports.prodPg),
      RDS_START_SM_PORT: String(ports.sm),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  const exited = new Promise<Exit>(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('services are up')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then(({ code, signal }) => {
      clearInterval(timer);
      reject(
        new Error(`start exited (${code ?? signal}) before ready:\n${output}`),
      );
    });
  });
  const pid = (pattern: RegExp) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`no ${pattern} in:\n${output}`);
    return Number(match[1]);
  };
  const postgres = (port: number) =>
    pid(
      new RegExp(
        `postgres \\(.*, pid (\\d+)\\) ready on 127\\.0\\.0\\.1:${port}\\b`,
      ),
    );
  return {
    child,
    exited,
    ports,
    dataDir,
    output: () => output,
    pids: {
      postgres: postgres(ports.pg),
      prodPostgres: postgres(ports.prodPg),
      secretsManager: pid(/local Secrets Manager \(pid (\d+)\) on/),
    },
  };
}

describe('./yarnw start (scripts/start.mjs)', () => {
  const started: Array<Awaited<ReturnType<typeof startServices>>> = [];
  afterEach(() => {
    // A failed expectation must not leave servers behind.
    for (const s of started.splice(0)) {
      for (const pid of [s.child.pid!, ...Object.values(s.pids)]) {
        if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      }
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    }
  });

  it('stops every service when its PID gets SIGTERM, and exits 0', async () => {
    const stack = await startServices();
    started.push(stack);
    for (const pid of Object.values(stack.pids))
      expect(isAlive(pid)).toBe(true);

    stack.child.kill('SIGTERM');
    await expect(stack.exited).resolves.toEqual({ code: 0, signal: null });

    expect(stack.output()).toContain('[start] SIGTERM: stopping');
    for (const pid of Object.values(stack.pids))
      expect(isAlive(pid)).toBe(false);
    for (const port of Object.values(stack.ports))
      expect(await portIsFree(port)).toBe(true);
    // A clean shutdown: each Postgres removed its lock file.
    for (const cluster of ['postgres', 'postgres-prod']) {
      expect(
        fs.existsSync(path.join(stack.dataDir, cluster, 'postmaster.pid')),
      ).toBe(false);
    }
  });

  it('reports a Secrets Manager endpoint that dies, stops the rest, and exits 1', async () => {
    const stack = await startServices();
    started.push(stack);

    process.kill(stack.pids.secretsManager, 'SIGKILL');
    await expect(stack.exited).resolves.toEqual({ code: 1, signal: null });

    expect(stack.output()).toContain(
      `[start] local Secrets Manager on :${stack.ports.sm} exited (signal SIGKILL); stopping`,
    );
    expect(isAlive(stack.pids.postgres)).toBe(false);
    expect(isAlive(stack.pids.prodPostgres)).toBe(false);
    expect(await portIsFree(stack.ports.pg)).toBe(true);
    expect(await portIsFree(stack.ports.prodPg)).toBe(true);
  });
});
