// The Express app: security first, then the API under /api/v1, then the task pane's static files.
// Built from its parts (config, worker pool, run store, logger) so tests and the server share it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Lang } from '../shared/problems';
import type { Config } from './config';
import type { SolveRunner } from './solve-runner';
import { errorHandler, notFound } from './routes/errors';
import { healthRoutes, sampleCache } from './routes/health';
import { jobRoutes } from './routes/jobs';
import { runRoutes } from './routes/runs';
import { loopbackHostsOnly, ownOrigin, requireToken, sameOriginOnly, securityHeaders } from './routes/security';
import { staticRoutes } from './routes/static';
import { downloadRoutes, Downloads } from './downloads';

export interface AppDeps {
  config: Config;
  /** runs solves (worker threads here, or a pg-boss queue) and records runs */
  runner: SolveRunner;
  log: Logger;
  version: string;
  /** true while shutting down: answers carry Connection: close */
  stopping?: () => boolean;
  /** the sample workbook per language (default: generated on first request) */
  sample?: (lang: Lang) => Promise<Buffer>;
}

/** A caller-supplied X-Request-Id is kept if it is short and plain; otherwise a new UUID. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function createApp(deps: AppDeps): Express {
  const { config, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: log,
      genReqId: requestId,
      // Method, path and status only: never bodies, headers (the token) or workbook data.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
    }),
  );
  app.use((_req, res, next) => {
    if (deps.stopping?.()) res.set('Connection', 'close');
    next();
  });
  app.use(loopbackHostsOnly(config.host));
  app.use(securityHeaders(Boolean(config.tls), config.csp));

  const api = express.Router();
  api.use(
    cors((req, cb) => {
      const origin = req.headers.origin;
      const self = ownOrigin({ protocol: config.tls ? 'https' : 'http', get: (h) => req.headers[h.toLowerCase()] as string | undefined });
      cb(null, { origin: origin === self ? origin : false, exposedHeaders: ['X-Run-Id', 'X-Request-Id', 'Retry-After', 'Content-Disposition'], maxAge: 600 });
    }),
  );
  api.use(sameOriginOnly);
  api.use(requireToken(config.token));
  api.use(healthRoutes({ runner: deps.runner, version: deps.version, https: Boolean(config.tls), startedAt: Date.now(), sample: deps.sample ?? sampleCache() }));
  const downloads = new Downloads();
  api.use(jobRoutes({ config, runner: deps.runner, version: deps.version, downloads }));
  api.use(runRoutes(deps.runner.recorder.store));
  api.use(notFound);
  app.use('/api/v1', api);

  app.use(downloadRoutes(downloads));
  app.use(staticRoutes(config.root, config.publicUrl));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
