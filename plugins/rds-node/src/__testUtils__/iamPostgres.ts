import net from 'node:net';
import tls from 'node:tls';
// node-postgres' own SCRAM client, to log in to the real server behind the front.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const sasl = require('pg/lib/crypto/sasl');

/** An RDS IAM token as presented in a password message, taken apart. */
export interface PresentedToken {
  /** The startup message's user. */
  user: string;
  database: string;
  /** `host:port` the token was signed for. */
  endpoint: string;
  action: string | null;
  dbUser: string | null;
  algorithm: string | null;
  credential: string | null;
  /** X-Amz-Date as a time. */
  signedAt: number;
  expiresSeconds: number;
  signedHeaders: string | null;
  signature: string | null;
  /** `Date.now()` when it was presented (the fake clock when one is installed). */
  presentedAt: number;
  /** Accepted, or why it was refused. */
  verdict: 'accepted' | string;
}

/** Parses `host:port/?Action=connect&DBUser=...&X-Amz-...` (throws when it is not one). */
export function parseIamToken(token: string) {
  const url = new URL(`https://${token}`);
  const q = url.searchParams;
  const date = q.get('X-Amz-Date') ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  return {
    endpoint: url.host,
    action: q.get('Action'),
    dbUser: q.get('DBUser'),
    algorithm: q.get('X-Amz-Algorithm'),
    credential: q.get('X-Amz-Credential'),
    signedAt: m
      ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
      : Number.NaN,
    expiresSeconds: Number(q.get('X-Amz-Expires')),
    signedHeaders: q.get('X-Amz-SignedHeaders'),
    signature: q.get('X-Amz-Signature'),
  };
}

/** Why RDS would refuse a token for this endpoint and user at `now`; 'accepted' otherwise. */
function tokenVerdict(
  parsed: ReturnType<typeof parseIamToken> | undefined,
  endpoint: string,
  user: string,
  now: number,
): string {
  if (!parsed) return 'not an IAM token';
  if (parsed.endpoint !== endpoint) return `signed for ${parsed.endpoint}`;
  if (parsed.action !== 'connect' || parsed.dbUser !== user) {
    return 'not a connect token for this user';
  }
  const expires = parsed.signedAt + parsed.expiresSeconds * 1000;
  if (!(now < expires) || now < parsed.signedAt - 300_000) return 'expired';
  if (!/^[0-9a-f]{64}$/.test(parsed.signature ?? '')) return 'no signature';
  return 'accepted';
}

/** Reads whole protocol pieces from a socket. */
function reader(socket: net.Socket | tls.TLSSocket) {
  let buffer = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let ended = false;
  socket.on('data', chunk => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  socket.on('close', () => {
    ended = true;
    wake?.();
  });
  const more = () =>
    new Promise<void>(resolve => {
      wake = resolve;
    });
  const bytes = async (n: number): Promise<Buffer> => {
    while (buffer.length < n) {
      if (ended) throw new Error('connection closed');
      await more();
    }
    const out = buffer.subarray(0, n);
    buffer = buffer.subarray(n);
    return out;
  };
  return {
    bytes,
    /** A typed message: type byte, then int32 length. */
    async message(): Promise<{ type: string; body: Buffer; raw: Buffer }> {
      const head = await bytes(5);
      const body = await bytes(head.readInt32BE(1) - 4);
      return {
        type: String.fromCharCode(head[0]),
        body,
        raw: Buffer.concat([head, body]),
      };
    },
    /** Stops reading: what is buffered and what comes next go to `to`. */
    pipeTo(to: net.Socket | tls.TLSSocket) {
      socket.removeAllListeners('data');
      if (buffer.length) to.write(buffer);
      socket.on('data', chunk => to.write(chunk));
    },
  };
}

const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');

function fatal(socket: net.Socket | tls.TLSSocket, code: string, text: string) {
  socket.end(
    message(
      'E',
      Buffer.concat([
        cstr('SFATAL'),
        cstr(`C${code}`),
        cstr(`M${text}`),
        Buffer.from([0]),
      ]),
    ),
  );
}

/** Logs in to the real server as `login` (SCRAM), keeping the client's other startup parameters. */
async function loginBehind(
  target: { host: string; port: number; user: string; password: string },
  params: Map<string, string>,
) {
  const server = net.connect(target.port, target.host);
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('connect', resolve);
    server.once('error', reject);
  });
  const fields = new Map(params);
  fields.set('user', target.user);
  const body = Buffer.concat([
    int32(196608),
    ...[...fields].flatMap(([k, v]) => [cstr(k), cstr(v)]),
    Buffer.from([0]),
  ]);
  server.write(Buffer.concat([int32(body.length + 4), body]));
  const read = reader(server);
  let session: any;
  for (;;) {
    const m = await read.message();
    if (m.type === 'E') return { server, read, error: m.raw };
    if (m.type !== 'R') throw new Error(`unexpected ${m.type} during login`);
    const code = m.body.readInt32BE(0);
    if (code === 0) return { server, read, ok: m.raw };
    if (code === 10) {
      const mechanisms = m.body
        .subarray(4)
        .toString('utf8')
        .split('\0')
        .filter(Boolean);
      session = sasl.startSession(mechanisms);
      const response = Buffer.from(session.response, 'utf8');
      server.write(
        message(
          'p',
          Buffer.concat([
            cstr(session.mechanism),
            int32(response.length),
            response,
          ]),
        ),
      );
    } else if (code === 11) {
      await sasl.continueSession(
        session,
        target.password,
        m.body.subarray(4).toString('utf8'),
      );
      server.write(message('p', Buffer.from(session.response, 'utf8')));
    } else if (code === 12) {
      sasl.finalizeSession(session, m.body.subarray(4).toString('utf8'));
    } else {
      throw new Error(`unsupported authentication request ${code}`);
    }
  }
}

/** A Postgres front that takes IAM tokens like RDS, and the real server behind it. */
export interface IamPostgres {
  host: string;
  port: number;
  /** Every password message received, in order. */
  tokens: PresentedToken[];
  close(): Promise<void>;
}

/**
 * Stands in for RDS with IAM authentication: TLS only (the given certificate), asks for a
 * cleartext password as RDS does for IAM users, and accepts it only when it is a well-formed
 * IAM token for this endpoint and user that has not expired by `Date.now()` (so a fake clock
 * moves its expiry too). It does not check the signature (no AWS here); the login then
 * continues on the real server as `behind` with its real password, and the two are spliced.
 */
export async function startIamPostgres(options: {
  cert: string;
  key: string;
  behind: { host: string; port: number; user: string; password: string };
}): Promise<IamPostgres> {
  const tokens: PresentedToken[] = [];
  const sockets = new Set<net.Socket>();
  let endpoint = '';
  const front = net.createServer(async raw => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    try {
      const plain = reader(raw);
      const request = await plain.bytes(8);
      if (request.readInt32BE(4) !== 80877103) {
        fatal(raw, '28000', 'TLS is required for IAM authentication');
        return;
      }
      raw.removeAllListeners('data');
      raw.write('S');
      const secure = new tls.TLSSocket(raw, {
        isServer: true,
        cert: options.cert,
        key: options.key,
      });
      secure.on('error', () => {});
      const client = reader(secure);
      const length = (await client.bytes(4)).readInt32BE(0);
      const startup = await client.bytes(length - 4);
      const parts = startup.subarray(4).toString('utf8').split('\0');
      const params = new Map<string, string>();
      for (let i = 0; i + 1 < parts.length && parts[i]; i += 2)
        params.set(parts[i], parts[i + 1]);
      secure.write(message('R', int32(3))); // AuthenticationCleartextPassword
      const password = await client.message();
      const token = password.body.subarray(0, -1).toString('utf8');
      const user = params.get('user') ?? '';
      let parsed: ReturnType<typeof parseIamToken> | undefined;
      try {
        parsed = parseIamToken(token);
      } catch {
        parsed = undefined;
      }
      const verdict = tokenVerdict(parsed, endpoint, user, Date.now());
      tokens.push({
        user,
        database: params.get('database') ?? user,
        ...(parsed ?? parseIamToken('invalid.invalid:1/')),
        presentedAt: Date.now(),
        verdict,
      });
      if (verdict !== 'accepted') {
        fatal(secure, '28P01', `PAM authentication failed for user "${user}"`);
        return;
      }
      const behind = await loginBehind(options.behind, params);
      if (!behind.ok) {
        secure.end(behind.error);
        behind.server.destroy();
        return;
      }
      sockets.add(behind.server);
      behind.server.on('close', () => {
        sockets.delete(behind.server);
        secure.destroy();
      });
      secure.on('close', () => behind.server.destroy());
      secure.write(behind.ok);
      behind.read.pipeTo(secure);
      client.pipeTo(behind.server);
    } catch {
      raw.destroy();
    }
  });
  await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as net.AddressInfo;
  endpoint = `127.0.0.1:${port}`;
  return {
    host: '127.0.0.1',
    port,
    tokens,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>(resolve => front.close(() => resolve()));
    },
  };
}
