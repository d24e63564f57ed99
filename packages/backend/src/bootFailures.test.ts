import type { RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import { BootFailures } from './bootFailures';

type Handler = (req: any, res: any, next: () => void) => void;

/** The root router's configure() against a recording app: what it mounts, in order. */
function configured(failures: BootFailures) {
  const mounted: Array<{ path?: string; handler: Handler }> = [];
  const corsCalls: string[] = [];
  const app = {
    use: (pathOrHandler: string | Handler, handler?: Handler) =>
      mounted.push(
        typeof pathOrHandler === 'string'
          ? { path: pathOrHandler, handler: handler! }
          : { handler: pathOrHandler },
      ),
  };
  const context = {
    app,
    middleware: {
      cors: () => (req: any, _res: any, next: () => void) => {
        corsCalls.push(req.originalUrl);
        next();
      },
    },
    applyDefaults: () => mounted.push({ path: 'defaults', handler: () => {} }),
  } as unknown as RootHttpRouterConfigureContext;
  failures.configure(context);
  return { mounted, corsCalls };
}

function request(handler: Handler, pluginId: string) {
  const req = {
    params: { pluginId },
    method: 'GET',
    originalUrl: `/api/${pluginId}/environments`,
  };
  const res = {
    statusCode: 200,
    body: undefined as unknown,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
    },
  };
  let passedOn = false;
  handler(req, res, () => (passedOn = true));
  return { res, passedOn };
}

const startup = (plugins: Array<{ pluginId: string; error?: Error }>) => ({
  beginAt: new Date(),
  resultAt: new Date(),
  outcome: 'success' as const,
  plugins: plugins.map(p => ({
    pluginId: p.pluginId,
    resultAt: new Date(),
    modules: [],
    failure: p.error ? { error: p.error, allowed: true } : undefined,
  })),
});

describe('BootFailures', () => {
  it('answers the API of a plugin that did not start with 503 and the reason, before the routes', () => {
    const failures = new BootFailures();
    const { mounted, corsCalls } = configured(failures);
    expect(mounted.map(m => m.path)).toEqual(['/api/:pluginId', 'defaults']);

    failures.record(
      startup([
        { pluginId: 'catalog' },
        {
          pluginId: 'rds',
          error: new Error(
            'Invalid rds configuration: rds.environments.prod.instance.ssl.caFile could not be read (/x/ca.pem): ENOENT',
          ),
        },
      ]),
    );

    const rds = request(mounted[0].handler, 'rds');
    expect(rds.passedOn).toBe(false);
    expect(rds.res.statusCode).toBe(503);
    expect(rds.res.body).toEqual({
      error: {
        name: 'ServiceUnavailableError',
        message:
          'The rds backend did not start: Invalid rds configuration: rds.environments.prod.instance.ssl.caFile could not be read (/x/ca.pem): ENOENT',
      },
      request: { method: 'GET', url: '/api/rds/environments' },
      response: { statusCode: 503 },
    });
    // The frontend is on another origin: the answer carries CORS headers.
    expect(corsCalls).toEqual(['/api/rds/environments']);

    const catalog = request(mounted[0].handler, 'catalog');
    expect(catalog.passedOn).toBe(true);
    expect(catalog.res.body).toBeUndefined();
  });

  it('passes every request on until the startup result is in', () => {
    const { mounted } = configured(new BootFailures());
    expect(request(mounted[0].handler, 'rds').passedOn).toBe(true);
  });
});
