import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { iamTokenProvider } from '../connection/iamAuth';
import type { RdsEnvironment } from '../config/types';
import { RdsProvisioner } from '../provisioner/RdsProvisioner';
import { makeCertificates } from '../__testUtils__/certificates';
import {
  parseIamToken,
  startIamPostgres,
  type IamPostgres,
} from '../__testUtils__/iamPostgres';
import {
  describeOnTargets,
  dropApp,
  testEnvironment,
  testSecretsClient,
  uniqueApp,
  uniqueEnv,
} from '../__testUtils__/targets';

const ctx = { runId: 'iam', actor: 'user:default/test' };
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
// Only Date is faked: timers, sockets and the SDK keep real time.
const onlyDate: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
};
const MINUTE = 60_000;

describe('RDS IAM tokens (signed offline)', () => {
  afterEach(() => jest.useRealTimers());

  it('signs a connect token for the endpoint and user, valid 15 minutes, new for each time', async () => {
    jest.useFakeTimers({ ...onlyDate, now: Date.UTC(2026, 11, 2, 1, 0, 0) });
    const token = iamTokenProvider({
      host: 'main.abc123.eu-west-1.rds.amazonaws.com',
      port: 5432,
      user: 'rds_admin',
      region: 'eu-west-1',
      credentials,
    });
    const first = await token();
    expect(parseIamToken(first)).toEqual({
      endpoint: 'main.abc123.eu-west-1.rds.amazonaws.com:5432',
      action: 'connect',
      dbUser: 'rds_admin',
      algorithm: 'AWS4-HMAC-SHA256',
      credential: 'AKIDEXAMPLE/20261202/eu-west-1/rds-db/aws4_request',
      signedAt: Date.UTC(2026, 11, 2, 1, 0, 0),
      expiresSeconds: 900,
      signedHeaders: 'host',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    jest.setSystemTime(Date.UTC(2026, 11, 2, 1, 20, 0));
    const later = await token();
    expect(parseIamToken(later).signedAt).toBe(Date.UTC(2026, 11, 2, 1, 20, 0));
    expect(parseIamToken(later).signature).not.toBe(
      parseIamToken(first).signature,
    );
  });
});

describe('IAM admin configuration', () => {
  const iamEnv = (ssl?: {
    mode: 'disable' | 'require' | 'verify-full';
    ca?: string;
  }) => ({
    name: 'prod',
    requiresApproval: false,
    instance: {
      name: 'main',
      host: '127.0.0.1',
      port: 5432,
      admin: { iam: { user: 'rds_admin', region: 'eu-west-1' } },
      ssl,
    },
    secrets: { namePattern: 'rds/{env}/{app}' },
  });

  it.each([
    [undefined, 'got no ssl.mode, no ssl.ca'],
    [{ mode: 'disable' as const }, 'got disable, no ssl.ca'],
    [{ mode: 'require' as const, ca: 'PEM' }, 'got require'],
    [{ mode: 'verify-full' as const }, 'got verify-full, no ssl.ca'],
  ])('refuses TLS %j: IAM tokens need verify-full', (ssl, got) => {
    expect(
      () =>
        new RdsProvisioner({
          environment: iamEnv(ssl),
          secretsManager: testSecretsClient('http://127.0.0.1:9'),
        }),
    ).toThrow(
      `instance main: the admin logs in with IAM tokens, which RDS only accepts over TLS and which must not reach an unverified server: set ssl.mode verify-full and ssl.ca (${got})`,
    );
  });
});

describeOnTargets('IAM admin through an IAM-checking front', target => {
  let front: IamPostgres;
  let ca: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rds-iam-'));
    const certs = makeCertificates(dir, 'iam', 'IP:127.0.0.1');
    ca = certs.ca;
    const url = new URL(target.adminUrl);
    front = await startIamPostgres({
      cert: certs.cert,
      key: certs.key,
      behind: {
        host: url.hostname,
        port: Number(url.port),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
    });
    // The SDK's default credential chain, as on an EC2/ECS/EKS host: here from the environment.
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  });
  afterAll(async () => {
    process.env = saved;
    jest.useRealTimers();
    await front.close();
  });
  const admin = () => decodeURIComponent(new URL(target.adminUrl).username);
  /** A provisioner whose admin logs in through the front with IAM tokens. */
  const iamProvisioner = (
    env: string,
    extra: Omit<Partial<RdsEnvironment>, 'name'> = {},
  ) => {
    const base = testEnvironment(target, { ...extra, name: env });
    return new RdsProvisioner({
      environment: {
        ...base,
        instance: {
          ...base.instance,
          host: front.host,
          port: front.port,
          admin: { iam: { user: admin(), region: 'eu-west-1' } },
          ssl: { mode: 'verify-full', ca },
        },
      },
      secretsManager: testSecretsClient(),
    });
  };

  it('presents a fresh, well-formed token on every new connection, also after the first tokens expired', async () => {
    const env = uniqueEnv('iam');
    const provisioner = iamProvisioner(env);
    const apps = [uniqueApp('iam'), uniqueApp('iam'), uniqueApp('iam')];
    try {
      const start = Date.now();
      jest.useFakeTimers({ ...onlyDate, now: start });
      const request = (appName: string) => ({
        appName,
        environment: env,
        accessLevel: 'editor' as const,
      });
      expect((await provisioner.apply(request(apps[0]), ctx)).outcome).toBe(
        'created',
      );
      const early = front.tokens.length;
      expect(early).toBeGreaterThanOrEqual(2); // the admin database and the app database

      // 20 minutes on (the first tokens expired 5 minutes ago), the warm pools still
      // open connections: to two new app databases, and more admin sessions at once.
      jest.setSystemTime(start + 20 * MINUTE);
      const results = await Promise.all(
        apps.slice(1).map(app => provisioner.apply(request(app), ctx)),
      );
      expect(results.map(r => r.outcome)).toEqual(['created', 'created']);
      expect(front.tokens.length).toBeGreaterThan(early + 1);

      for (const t of front.tokens) {
        expect(t).toMatchObject({
          verdict: 'accepted',
          user: admin(),
          endpoint: `${front.host}:${front.port}`,
          action: 'connect',
          dbUser: admin(),
          algorithm: 'AWS4-HMAC-SHA256',
          expiresSeconds: 900,
          signedHeaders: 'host',
        });
        expect(t.credential).toMatch(
          /^AKIDEXAMPLE\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/,
        );
        // Signed when the connection was opened (X-Amz-Date has whole seconds).
        expect(t.presentedAt - t.signedAt).toBeGreaterThanOrEqual(0);
        expect(t.presentedAt - t.signedAt).toBeLessThan(5_000);
      }
      const late = front.tokens.slice(early);
      expect(late.every(t => t.signedAt >= start + 20 * MINUTE - 1000)).toBe(
        true,
      );
    } finally {
      jest.useRealTimers();
      await provisioner.close();
      for (const app of apps) await dropApp(target, app, env);
    }
  });

  // The machine's pg_dump is version 15: it dumps only the PG15 server.
  if (target.name === 'PG15') {
    it('decommissions with a dump: pg_dump logs in with a fresh token, not the empty password', async () => {
      const env = uniqueEnv('iamdc');
      const dumps = mkdtempSync(path.join(os.tmpdir(), 'rds-iam-dumps-'));
      const provisioner = iamProvisioner(env, {
        decommission: {
          policy: 'snapshot-and-delete',
          destination: { type: 'folder', path: dumps },
          pgDumpPath: '/usr/bin/pg_dump',
          secretRecoveryDays: 7,
        },
      });
      const app = uniqueApp('iamdc');
      const request = { appName: app, environment: env };
      try {
        const created = await provisioner.apply(
          { ...request, accessLevel: 'editor' },
          ctx,
        );
        expect(created.outcome).toBe('created');
        const before = front.tokens.length;
        const result = await provisioner.decommission(request, ctx);
        expect(result.error).toBeUndefined();
        expect(result.steps.find(s => s.id === 'dump')?.outcome).toBe(
          'created',
        );
        expect(result.dumpLocation).toMatch(
          new RegExp(
            `^${dumps}/${env}/${app}_${env}_db-\\d{8}T\\d{9}Z\\.dump$`,
          ),
        );
        // pg_dump's own login to the app database, with a token the front accepted.
        expect(front.tokens.slice(before)).toContainEqual(
          expect.objectContaining({
            verdict: 'accepted',
            user: admin(),
            database: `${app}_${env}_db`,
          }),
        );
      } finally {
        await provisioner.close();
        await dropApp(target, app, env);
      }
    });
  }

  it('a replayed, expired token is refused by the front (the check the test relies on)', async () => {
    const old = front.tokens[0];
    expect(old).toBeDefined();
    const token = iamTokenProvider({
      host: front.host,
      port: front.port,
      user: old.user,
      region: 'eu-west-1',
      credentials,
    });
    jest.useFakeTimers({ ...onlyDate, now: Date.now() - 16 * MINUTE });
    const stale = await token();
    jest.useRealTimers();
    const client = new Client({
      host: front.host,
      port: front.port,
      user: old.user,
      password: stale,
      database: 'postgres',
      ssl: { ca, rejectUnauthorized: true },
    });
    client.on('error', () => {});
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
    expect(front.tokens.at(-1)?.verdict).toBe('expired');
  });
});
