import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { RdsBackendClient } from './RdsBackendClient';

type Answer = { status: number; body: unknown };

/**
 * A local HTTP server standing in for the rds backend's routes: it records
 * each request and answers with the status and JSON body set for its path.
 */
function startServer(answers: Record<string, Answer>) {
  const requests: Array<{
    method?: string;
    url?: string;
    authorization?: string;
    contentType?: string;
    body: string;
  }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      const answer = answers[`${req.method} ${req.url}`] ?? {
        status: 404,
        body: { error: { name: 'NotFoundError', message: 'no such route' } },
      };
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  return new Promise<{
    client: RdsBackendClient;
    requests: typeof requests;
    close: () => Promise<void>;
  }>(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const baseUrl = `http://127.0.0.1:${port}/api/rds`;
      const discovery = {
        getBaseUrl: jest.fn(async (pluginId: string) => {
          expect(pluginId).toBe('rds');
          return baseUrl;
        }),
        getExternalBaseUrl: jest.fn(async () => baseUrl),
      };
      resolve({
        client: new RdsBackendClient({ discovery }),
        requests,
        close: () => new Promise(done => server.close(() => done())),
      });
    });
  });
}

/** Backstage's error body, as the backend's error handler sends it. */
const errorBody = (name: string, message: string, statusCode: number) => ({
  error: { name, message },
  request: { method: 'POST', url: '/api/rds/provision' },
  response: { statusCode },
});

describe('RdsBackendClient', () => {
  it('calls the rds backend with the token, and returns its answers', async () => {
    const environments = [
      { name: 'dev', instance: 'dev-postgres', requiresApproval: false },
    ];
    const server = await startServer({
      'GET /api/rds/environments': {
        status: 200,
        body: { items: environments },
      },
      'POST /api/rds/plan': { status: 200, body: { database: 'x_dev_db' } },
      'POST /api/rds/provision': { status: 200, body: { outcome: 'created' } },
    });
    try {
      const request = {
        environment: 'dev',
        accessLevel: 'editor' as const,
        entityRef: 'component:default/x',
      };

      await expect(server.client.listEnvironments('t1')).resolves.toEqual(
        environments,
      );
      await expect(server.client.plan(request, 't2')).resolves.toEqual({
        database: 'x_dev_db',
      });
      await expect(
        server.client.provision({ ...request, runId: 'task-1' }, 't3'),
      ).resolves.toEqual({ outcome: 'created' });

      expect(server.requests).toEqual([
        {
          method: 'GET',
          url: '/api/rds/environments',
          authorization: 'Bearer t1',
          contentType: undefined,
          body: '',
        },
        {
          method: 'POST',
          url: '/api/rds/plan',
          authorization: 'Bearer t2',
          contentType: 'application/json',
          body: JSON.stringify(request),
        },
        {
          method: 'POST',
          url: '/api/rds/provision',
          authorization: 'Bearer t3',
          contentType: 'application/json',
          body: JSON.stringify({ ...request, runId: 'task-1' }),
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      400,
      'InputError',
      InputError,
      'Invalid request: accessLevel must be one of owner, editor, reader',
    ],
    [
      401,
      'AuthenticationError',
      NotAllowedError,
      'Invalid request: accessLevel must be one of owner, editor, reader',
    ],
    [
      403,
      'NotAllowedError',
      NotAllowedError,
      'Invalid request: accessLevel must be one of owner, editor, reader',
    ],
    [
      409,
      'ConflictError',
      ConflictError,
      'Invalid request: accessLevel must be one of owner, editor, reader',
    ],
    [
      500,
      'Error',
      Error,
      'The rds backend failed on POST /provision (HTTP 500): Invalid request: accessLevel must be one of owner, editor, reader',
    ],
  ])(
    'turns a %d answer into an error of its kind with the backend’s message as it is',
    async (status, name, type, message) => {
      const server = await startServer({
        'POST /api/rds/provision': {
          status,
          body: errorBody(
            name,
            'Invalid request: accessLevel must be one of owner, editor, reader',
            status,
          ),
        },
      });
      try {
        const error = await server.client
          .provision(
            { environment: 'dev', accessLevel: 'editor', entityRef: 'c:d/x' },
            't',
          )
          .catch(e => e);
        expect(error).toBeInstanceOf(type);
        expect(error.name).toBe(type.name);
        expect(error.message).toBe(message);
      } finally {
        await server.close();
      }
    },
  );
});
