import { createBackend } from '@backstage/backend-defaults';
import {
  rootHttpRouterServiceFactory,
  type RootHttpRouterConfigureContext,
} from '@backstage/backend-defaults/rootHttpRouter';

type StartupResult = Awaited<
  ReturnType<ReturnType<typeof createBackend>['start']>
>['result'];

/**
 * Plugins that failed to start, and why. With
 * `backend.startup.plugins.<id>.onPluginBootFailure: continue` the rest of the
 * backend starts; with `abort` (the default) it never becomes ready, but the
 * plugins that started still answer.
 *
 * Without this, a failed plugin's API answers every request, after a pause,
 * with "503 Service has not started up yet", and the reason is only in the
 * backend log. With it, `/api/<id>/...` answers at once with 503 and "The <id>
 * backend did not start: <reason>" (the error's message, e.g. the rds plugin's
 * "Invalid rds configuration: rds.environments.prod...: ..." naming the key),
 * which the frontend shows where the plugin's data would be.
 */
export class BootFailures {
  private readonly reasons = new Map<string, string>();

  /** Takes the failures from the backend's startup result. */
  record(result: StartupResult): void {
    for (const plugin of result.plugins) {
      if (plugin.failure) {
        this.reasons.set(plugin.pluginId, plugin.failure.error.message);
      }
    }
  }

  /** Why the plugin did not start; undefined when it did (or has not finished yet). */
  reason(pluginId: string): string | undefined {
    return this.reasons.get(pluginId);
  }

  /** Answers the API requests of plugins that did not start; the rest go on to the routes. */
  configure = ({
    app,
    middleware,
    applyDefaults,
  }: RootHttpRouterConfigureContext): void => {
    const cors = middleware.cors();
    app.use('/api/:pluginId', (req, res, next) => {
      const pluginId = req.params.pluginId;
      const reason = this.reason(pluginId);
      if (!reason) {
        next();
        return;
      }
      // The browser app is on another origin: without CORS headers it would see a network error.
      cors(req, res, () => {
        res.status(503).json({
          error: {
            name: 'ServiceUnavailableError',
            message: `The ${pluginId} backend did not start: ${reason}`,
          },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 503 },
        });
      });
    });
    applyDefaults();
  };

  /** The root HTTP router with {@link BootFailures.configure}; add it to the backend. */
  rootHttpRouter() {
    return rootHttpRouterServiceFactory({ configure: this.configure });
  }
}
