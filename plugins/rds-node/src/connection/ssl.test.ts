import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { makeCertificates } from '../__testUtils__/certificates';
import { provisionerWithoutSecrets } from '../__testUtils__/provisioner';
import { sslOptions, validateSslConfig } from './ssl';

/**
 * Speaks just enough of the Postgres protocol to accept SSLRequest, complete a TLS handshake,
 * and answer the startup message with a FATAL error naming itself.
 */
function startTlsPostgres(key: string, cert: string): Promise<net.Server> {
  const server = net.createServer(socket => {
    socket.once('data', () => {
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
      secure.on('error', () => {});
      secure.once('data', () => {
        const fields = Buffer.from(
          'SFATAL\0C28000\0Mreached the test server over TLS\0\0',
        );
        const header = Buffer.alloc(5);
        header.write('E');
        header.writeInt32BE(fields.length + 4, 1);
        secure.end(Buffer.concat([header, fields]));
      });
    });
    socket.on('error', () => {});
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

describe('TLS to the instance', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rds-tls-'));
  const good = makeCertificates(dir, 'good', 'DNS:localhost,IP:127.0.0.1');
  const other = makeCertificates(dir, 'other', 'DNS:localhost,IP:127.0.0.1');
  const wrongName = makeCertificates(dir, 'name', 'DNS:db.internal');
  const servers: net.Server[] = [];
  afterAll(() => Promise.all(servers.map(s => new Promise(r => s.close(r)))));

  async function connectWith(
    serverCert: { key: string; cert: string },
    ca: string,
  ) {
    const server = await startTlsPostgres(serverCert.key, serverCert.cert);
    servers.push(server);
    const port = (server.address() as net.AddressInfo).port;
    const provisioner = provisionerWithoutSecrets({
      name: 'tls',
      host: '127.0.0.1',
      port,
      admin: { user: 'a', password: 'b' },
      ssl: { mode: 'verify-full', ca },
    });
    try {
      return await provisioner
        .plan(
          { appName: 'tls', environment: 'dev', accessLevel: 'reader' },
          { runId: 'r', actor: 'a' },
        )
        .then(
          () => 'connected',
          (e: Error) => e.message,
        );
    } finally {
      await provisioner.close();
    }
  }

  it('completes the handshake when the certificate chains to the configured CA', async () => {
    expect(await connectWith(good, good.ca)).toBe(
      'reached the test server over TLS',
    );
  });

  it('refuses a server certificate from another CA', async () => {
    expect(await connectWith(other, good.ca)).toMatch(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });

  it('refuses a certificate for another host name', async () => {
    expect(await connectWith(wrongName, wrongName.ca)).toMatch(
      /Hostname\/IP does not match certificate's altnames/,
    );
  });

  it('requires verify-full with a CA away from loopback', () => {
    const base = { name: 'prod', port: 5432, admin: { secretId: 'x' } };
    expect(validateSslConfig({ ...base, host: 'db.example.com' })).toEqual([
      expect.stringContaining('needs ssl.ca'),
    ]);
    expect(
      validateSslConfig({
        ...base,
        host: 'db.example.com',
        ssl: { mode: 'disable' },
      })[0],
    ).toContain('ssl.mode must be verify-full, not disable');
    expect(
      validateSslConfig({
        ...base,
        host: 'db.example.com',
        ssl: { mode: 'verify-full', ca: good.ca },
      }),
    ).toEqual([]);
    expect(validateSslConfig({ ...base, host: '127.0.0.1' })).toEqual([]);
    expect(
      sslOptions({
        ...base,
        host: 'db.example.com',
        ssl: { mode: 'verify-full', ca: good.ca },
      }),
    ).toEqual({
      rejectUnauthorized: true,
      ca: good.ca,
    });
  });
});
