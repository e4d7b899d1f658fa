/**
 * The Amur HTTP server: `buildServer(opts)` returns a Fastify app that serves
 * the JSON API under `/api`, its OpenAPI 3.1 description at `/openapi.json`
 * with a docs page at `/docs`, and the bundled web app at `/`.
 *
 * It is a thin face over the library: each route validates its input with the
 * library's zod schemas, calls the library and answers JSON. Safety belongs
 * here: limits on body size, matrix size and time per request, rate limiting,
 * security headers, read-only unless started with a token, errors answered as
 * `{ error, parameter, message, valid }` and never with a stack trace.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { installZodCompilers, swaggerTransform } from './api.ts';
import { tokenGuard } from './auth.ts';
import { ServerContext, type ServerLimits } from './context.ts';
import { ApiError } from './errors.ts';
import { registerAtlasRoutes } from './routes/atlas.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerRoutingRoutes } from './routes/routing.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { registerTradeRoutes } from './routes/trade.ts';

export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));
export const VERSION = '0.1.0';
/** Longest path parameter (an id, a source name) the router accepts. */
const MAX_PARAM_LENGTH = 200;

export interface ServerOptions {
  /** Atlas directory (default: the bundled `data/atlas`). */
  atlasDir?: string;
  /** DuckDB file of the trade store (default: the store's own default, `AMUR_DB`). */
  dbPath?: string;
  /** API token enabling writes; absent = read-only. */
  apiToken?: string;
  /** Built web app directory (default `web/dist`); `false` serves no web app. */
  webDir?: string | false;
  /** Fastify logger: false (default) or true / a pino options object. */
  logger?: boolean | Record<string, unknown>;
  limits?: Partial<ServerLimits>;
  /** Compile the routing network in the workers at start (default false: on first use). */
  warm?: boolean;
}

const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1024 * 1024,
  requestsPerMinute: 6000,
  computeMs: 10_000,
  queueMs: 60_000,
  requestMs: 30_000,
  matrixCells: 2500,
  alternatives: 5,
  computeWorkers: 2,
};

/** Content-Security-Policy: only 'self'; MapLibre needs blob: workers and data:/blob: images. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

export async function buildServer(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestMs,
    connectionTimeout: limits.requestMs * 2,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // errors raised by the router before any route runs, in the API's error shape
    frameworkErrors: (error, _request, reply) => {
      const e =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new ApiError(
              414,
              'uri-too-long',
              'path',
              'a segment of the path is too long',
              `path segments of at most ${MAX_PARAM_LENGTH} characters`,
            )
          : new ApiError(
              400,
              'bad-request',
              'path',
              'the path is not a valid URL',
              'a path listed in /openapi.json',
            );
      (reply as FastifyReply).code(e.status).send(e.body());
    },
  });
  installZodCompilers(app);
  // JSON in, JSON out: a text/plain body is refused (415) rather than read as a string
  app.removeContentTypeParser('text/plain');
  const ctx = new ServerContext({ atlasDir: opts.atlasDir, dbPath: opts.dbPath, limits });
  app.addHook('onClose', async () => ctx.close());

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      reply.code(err.status).send(err.body());
      return;
    }
    const status = err.statusCode ?? 500;
    const body = describeFrameworkError(err, status);
    if (body.status >= 500) request.log.error({ err }, 'request failed');
    reply.code(body.status).send(body.error.body());
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply
      .code(404)
      .send(
        new ApiError(
          404,
          'not-found',
          'path',
          `nothing at ${request.method} ${path.length > 120 ? `${path.slice(0, 117)}...` : path}`,
          'an endpoint listed in /openapi.json, or / for the web app',
        ).body(),
      );
  });

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
    // plain HTTP on loopback: HSTS would only confuse a browser that later meets an HTTPS proxy
    strictTransportSecurity: false,
  });

  await app.register(rateLimit, {
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'rate-limited',
        'rate',
        `too many requests: more than ${context.max} in ${context.after === '1 minute' ? 'a minute' : context.after}`,
        `at most ${context.max} requests per minute; retry in ${context.after}`,
      ),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Amur API',
        version: VERSION,
        description:
          'Corridor atlas, freight router and trade observatory for Northeast China and the Russian Far East. ' +
          'Every error is answered as `{ error, parameter, message, valid }`.',
      },
      tags: [
        { name: 'health' },
        { name: 'atlas', description: 'places, crossings, links, zones, corridors, map layers' },
        { name: 'routing', description: 'routes and matrices' },
        { name: 'trade', description: 'the trade observatory' },
        { name: 'scenarios', description: 'what a new bridge or a closed crossing changes' },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: swaggerTransform as never,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // the docs page (not the app) sets one inline style; nothing may come from another host
    transformStaticCSP: (header: string) =>
      header
        .replace(
          /style-src ([^;]*)/,
          (_m, v: string) => `style-src ${v.replace(/\s*https:/g, '')} 'unsafe-inline'`,
        )
        .replace(/font-src ([^;]*)/, "font-src 'self' data:")
        .replace(/\s*validator\.swagger\.io/g, '')
        .replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const requireToken = tokenGuard(opts.apiToken);
  await app.register(
    async (api) => {
      registerHealthRoutes(api, ctx, {
        writable: opts.apiToken !== undefined,
        version: VERSION,
        features: () => ({ routing: true, trade: true, scenarios: true }),
      });
      registerAtlasRoutes(api, ctx);
      registerRoutingRoutes(api, ctx);
      registerTradeRoutes(api, ctx, requireToken);
      registerScenarioRoutes(api, ctx, requireToken);
    },
    { prefix: '/api' },
  );

  if (opts.warm) await ctx.compute().warm();

  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  if (webDir !== false) registerWebApp(app, webDir);
  return app;
}

/** Serves the built web app; if it is not built, `/` says how to build it. */
function registerWebApp(app: FastifyInstance, webDir: string): void {
  if (!existsSync(resolve(webDir, 'index.html'))) {
    app.log.warn(`the web app is not built (${webDir}/index.html missing): run \`npm run build:web\``);
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="en"><meta charset="utf-8"><title>Amur</title>' +
            '<h1>The Amur web app is not built</h1>' +
            '<p>Run <code>npm run build:web</code> (or <code>npm install</code>, which builds it) and restart the server. ' +
            'The API is available at <a href="/docs">/docs</a>.</p></html>',
        );
    });
    return;
  }
  app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (res, path) => {
      if (/[\\/]assets[\\/]/.test(path)) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
}

/** Fastify's own errors (bad JSON, body too large, timeouts …) in the API's error shape. */
function describeFrameworkError(err: FastifyError, status: number): { status: number; error: ApiError } {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        error: new ApiError(
          413,
          'payload-too-large',
          'body',
          'the request body is too large',
          `a body of at most ${err.message.match(/\d+/)?.[0] ?? 'the configured number of'} bytes`,
        ),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        error: new ApiError(
          415,
          'unsupported-media-type',
          'content-type',
          'the request body has a content type this endpoint does not read',
          'Content-Type: application/json',
        ),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        error: new ApiError(
          400,
          'bad-request',
          'body',
          'the request says it sends JSON but the body is empty',
          'a JSON object as described in /openapi.json',
        ),
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        error: new ApiError(
          400,
          'bad-request',
          'content-length',
          'Content-Length does not match the body',
          'the byte length of the body',
        ),
      };
  }
  if (err.name === 'SyntaxError' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return {
      status: 400,
      error: new ApiError(
        400,
        'bad-request',
        'body',
        `the body is not valid JSON (${err.message.replace(/^Unexpected token.*?,\s*/, '').slice(0, 120)})`,
        'a JSON object as described in /openapi.json',
      ),
    };
  }
  if (status === 408 || err.code === 'FST_ERR_REQUEST_TIMEOUT') {
    return {
      status: 408,
      error: new ApiError(
        408,
        'timeout',
        'request',
        'the request took too long to arrive',
        'send the whole request promptly',
      ),
    };
  }
  if (status === 503) {
    return {
      status: 503,
      error: new ApiError(503, 'unavailable', 'request', 'the server is shutting down', 'retry later'),
    };
  }
  if (status === 403) {
    return {
      status: 403,
      error: new ApiError(
        403,
        'forbidden',
        'path',
        'that path is outside what this server serves',
        'a path of the web app or an endpoint listed in /openapi.json',
      ),
    };
  }
  if (status >= 400 && status < 500) {
    return {
      status,
      error: new ApiError(status, 'bad-request', 'request', err.message, 'see /openapi.json'),
    };
  }
  return {
    status: 500,
    error: new ApiError(
      500,
      'internal',
      'request',
      'the server failed to answer this request (the error is logged); other requests are unaffected',
      'retry, or report the request that caused it',
    ),
  };
}
