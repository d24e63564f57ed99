// A local CA and a server certificate for the embedded prod-like Postgres, so that `yarn start`
// runs an environment with TLS verify-full like RDS. Node's crypto reads X.509 but cannot write
// it: the openssl CLI makes them (the engine's TLS tests use it too). Made once, kept with the
// data; the server certificate is made again when it is missing, expiring or for other names.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The names `verify-full` may connect to: the embedded servers listen on 127.0.0.1 only. */
const ALT_NAMES =
  'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1';
const SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1';
const DAY_MS = 24 * 60 * 60 * 1000;

function openssl(args, cwd) {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(
        'the openssl command is needed to make the local CA of the prod-like environment ' +
          '(Debian: apt-get install -y openssl)',
      );
    }
    throw new Error(
      `openssl ${args[0]} failed: ${String(error.stderr ?? error.message)
        .trim()
        .split('\n')
        .slice(-1)}`,
    );
  }
}

/** A certificate file that is valid for more than a day: the CA, or a server cert it issued for ALT_NAMES. */
function usable(certFile, caPem) {
  if (!fs.existsSync(certFile)) return false;
  const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
  if (new Date(cert.validTo).getTime() < Date.now() + DAY_MS) return false;
  if (caPem === undefined) return cert.ca;
  return (
    cert.subjectAltName === ALT_NAMES &&
    cert.checkIssued(new crypto.X509Certificate(caPem))
  );
}

/**
 * Makes (or keeps) `dir/ca.pem` with its key and `dir/server.crt`/`server.key` for localhost,
 * 127.0.0.1 and ::1, signed by it. Returns { caFile, ca, cert, key } (PEM contents).
 */
export function ensureLocalCa(dir, { log = () => {} } = {}) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = name => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  if (!usable(file('ca.pem')) || !fs.existsSync(file('ca.key'))) {
    log(`making a local CA in ${dir}`);
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-days',
        '3650',
        '-subj',
        '/CN=rds-self-service embedded dev CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    fs.rmSync(file('server.crt'), { force: true });
  }
  const ca = fs.readFileSync(file('ca.pem'), 'utf8');
  if (!usable(file('server.crt'), ca) || !fs.existsSync(file('server.key'))) {
    fs.writeFileSync(
      file('server.ext'),
      `${SAN}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\n`,
    );
    openssl(
      [
        'req',
        ...ec,
        '-nodes',
        '-keyout',
        'server.key',
        '-out',
        'server.csr',
        '-subj',
        '/CN=localhost',
      ],
      dir,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-set_serial',
        `0x${crypto.randomBytes(12).toString('hex')}`,
        '-days',
        '825',
        '-out',
        'server.crt',
        '-extfile',
        'server.ext',
      ],
      dir,
    );
    fs.rmSync(file('server.csr'), { force: true });
  }
  return {
    caFile: file('ca.pem'),
    ca,
    cert: fs.readFileSync(file('server.crt'), 'utf8'),
    key: fs.readFileSync(file('server.key'), 'utf8'),
  };
}
