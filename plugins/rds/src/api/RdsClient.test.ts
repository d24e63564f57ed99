/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { RdsClient } from './RdsClient';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on a free port that records what it was asked. */
async function startServer(handler: Handler) {
  const requests: { url: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    handler(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new RdsClient({
    discoveryApi: {
      getBaseUrl: async (pluginId: string) =>
        `http://127.0.0.1:${port}/api/${pluginId}`,
    },
    // Like the app's fetchApi: attach the user's Backstage token.
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...init?.headers, authorization: 'Bearer user-token' },
        }),
    },
  });
  const close = () =>
    new Promise<void>((resolve, reject) =>
      server.close(err => (err ? reject(err) : resolve())),
    );
  return { client, requests, port, close };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// The body Backstage's error handler sends for a thrown NotAllowedError.
const forbiddenBody = {
  error: {
    name: 'NotAllowedError',
    message:
      'You are not allowed to read databases of component:default/payments',
  },
  request: { method: 'GET', url: '/api/rds/entities/x/databases' },
  response: { statusCode: 403 },
};

const status = {
  environment: 'dev',
  instance: 'dev-postgres',
  appName: 'payments',
  database: 'payments_dev_db',
  role: 'payments_dev_user',
  accessLevel: 'editor',
  exists: true,
  owner: 'payments_dev_owner',
  secretName: 'rds/dev/payments',
  secretPresent: true,
  drift: [],
};

describe('RdsClient', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads an entity’s databases from the rds backend with the user’s token', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 200, { items: [status] }),
    );

    const databases = await server.client.getDatabases(
      'component:default/payments',
    );

    expect(databases).toEqual([status]);
    expect(server.requests).toEqual([
      {
        url: '/api/rds/entities/component%3Adefault%2Fpayments/databases',
        authorization: 'Bearer user-token',
      },
    ]);
  });

  it('lists environments', async () => {
    const environments = [
      { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
      { name: 'prod', instance: 'prod-postgres', requiresApproval: true },
    ];
    server = await startServer((_req, res) =>
      sendJson(res, 200, { items: environments }),
    );

    await expect(server.client.getEnvironments()).resolves.toEqual(
      environments,
    );
    expect(server.requests[0].url).toBe('/api/rds/environments');
  });

  it('throws a ResponseError with the backend’s message when environments cannot be listed', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 500, {
        error: { name: 'Error', message: 'rds.environments is empty' },
        request: { method: 'GET', url: '/api/rds/environments' },
        response: { statusCode: 500 },
      }),
    );

    const error = await server.client.getEnvironments().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toBe('rds.environments is empty');
    expect(server.requests).toEqual([
      { url: '/api/rds/environments', authorization: 'Bearer user-token' },
    ]);
  });

  it('asks for one page of audit history with limit, offset and environment', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 200, { items: [], totalCount: 42 }),
    );

    const page = await server.client.getAudit('component:default/payments', {
      environment: 'prod',
      limit: 10,
      offset: 20,
    });

    expect(page).toEqual({ items: [], totalCount: 42 });
    expect(server.requests[0].url).toBe(
      '/api/rds/entities/component%3Adefault%2Fpayments/audit?environment=prod&limit=10&offset=20',
    );
  });

  it('asks for the audit history without a query when no options are given', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 200, { items: [], totalCount: 0 }),
    );

    await server.client.getAudit('component:default/payments');

    expect(server.requests[0].url).toBe(
      '/api/rds/entities/component%3Adefault%2Fpayments/audit',
    );
  });

  it('builds the CSV URL and downloads the CSV with the user’s token', async () => {
    const csv = 'runId,timestamp,environment\nabc,2026-01-01T00:00:00Z,dev\n';
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(csv);
    });

    const url = await server.client.getAuditCsvUrl(
      'component:default/payments',
    );
    const blob = await server.client.downloadAuditCsv(
      'component:default/payments',
    );

    expect(url).toBe(
      `http://127.0.0.1:${server.port}/api/rds/entities/component%3Adefault%2Fpayments/audit.csv`,
    );
    expect(await blob.text()).toBe(csv);
    expect(server.requests).toEqual([
      {
        url: '/api/rds/entities/component%3Adefault%2Fpayments/audit.csv',
        authorization: 'Bearer user-token',
      },
    ]);
  });

  it('asks for one environment’s CSV when given one', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('runId\n');
    });

    await server.client.downloadAuditCsv('component:default/payments', {
      environment: 'prod',
    });

    expect(server.requests[0].url).toBe(
      '/api/rds/entities/component%3Adefault%2Fpayments/audit.csv?environment=prod',
    );
  });

  it('throws a ResponseError carrying the backend’s message on a non-2xx answer', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 403, forbiddenBody),
    );

    const error = await server.client
      .getDatabases('component:default/payments')
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error).toEqual(forbiddenBody.error);
    expect(error.message).toBe('Request failed with 403 Forbidden');
    expect(error.cause.message).toBe(
      'You are not allowed to read databases of component:default/payments',
    );
  });

  it('throws a ResponseError when the CSV download is refused', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 404, {
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/gone',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
    );

    const error = await server.client
      .downloadAuditCsv('component:default/gone')
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No entity component:default/gone');
  });

  it('posts a plan request as JSON and returns the plan', async () => {
    const plan = { database: 'payments_dev_db', blocked: false, steps: [] };
    const bodies: unknown[] = [];
    server = await startServer((req, res) => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        bodies.push({ method: req.method, body: JSON.parse(text) });
        sendJson(res, 200, plan);
      });
    });
    const request = {
      entityRef: 'component:default/payments',
      environment: 'dev',
      accessLevel: 'editor' as const,
    };

    await expect(server.client.plan(request)).resolves.toEqual(plan);
    expect(server.requests[0]).toEqual({
      url: '/api/rds/plan',
      authorization: 'Bearer user-token',
    });
    expect(bodies).toEqual([{ method: 'POST', body: request }]);
  });
});
