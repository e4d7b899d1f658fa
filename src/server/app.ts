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
import { existsSync, realpathSync } from 'node:fs';
import type { Socket } from 'node:net';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { AmurError } from '../errors.ts';
import { installZodCompilers, swaggerTransform } from './api.ts';
import { tokenGuard } from './auth.ts';
import { installCompression } from './compress.ts';
import { ServerContext, type ServerLimits } from './context.ts';
import { ApiError, fromLibraryError } from './errors.ts';
import { jsonDepthError, MAX_JSON_DEPTH } from './json-depth.ts';
import { registerAtlasRoutes } from './routes/atlas.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerRoutingRoutes } from './routes/routing.ts';
import { registerScenarioRoutes } from './routes/scenarios.ts';
import { registerTradeRoutes } from './routes/trade.ts';

export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));
export const VERSION = '0.1.0';
/** Longest path parameter (an id, a source name) the router accepts. */
const MAX_PARAM_LENGTH = 200;
/** Longest request target (path and query) answered; longer is 414. */
export const MAX_URL_CHARS = 8192;
/** Largest request head (request line and headers); larger is 431, answered by the HTTP parser. */
export const MAX_HEADER_BYTES = 16 * 1024;

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
  /** Open the trade store read-only: shared with other readers, imports refused (`amur serve --read-only`). */
  readOnly?: boolean;
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
  deadlineMs: 20_000,
  queueLength: 64,
  cacheBytes: 64 * 1024 * 1024,
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
  const app = createFastify(opts, limits);
  installZodCompilers(app);
  installRequestGuards(app);
  const ctx = new ServerContext({
    atlasDir: opts.atlasDir,
    dbPath: opts.dbPath,
    readOnly: opts.readOnly,
    limits,
  });
  app.addHook('onClose', async () => ctx.close());
  installErrorMapping(app);
  await registerPlugins(app, limits);
  await registerDocs(app);
  await registerApi(app, ctx, opts);
  if (opts.warm) await ctx.compute().warm();
  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  if (webDir !== false) registerWebApp(app, webDir);
  return app;
}

/** The Fastify instance: socket and parser limits, and the router's own errors in the API's shape. */
function createFastify(opts: ServerOptions, limits: ServerLimits): FastifyInstance {
  return Fastify({
    logger: opts.logger ?? false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestMs,
    // an idle socket outlives every deadline (the request's, and the workers' start-up allowance after
    // it), so that a 503 is always answered before the socket closes
    connectionTimeout: Math.max(limits.requestMs, limits.deadlineMs + limits.queueMs) + 10_000,
    http: {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: Math.min(limits.requestMs, 10_000),
      // how often Node checks requestTimeout/headersTimeout (default 30 s, which let slow clients hold sockets)
      connectionsCheckingInterval: Math.max(200, Math.min(1000, Math.floor(limits.requestMs / 4))),
    },
    clientErrorHandler: answerClientError,
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
}

/** Body parsers and the URL check that run before any route: JSON only, not too deep; no over-long URL. */
function installRequestGuards(app: FastifyInstance): void {
  // JSON in, JSON out: a text/plain body is refused (415) rather than read as a string
  app.removeContentTypeParser('text/plain');
  // JSON bodies nested deeper than MAX_JSON_DEPTH are refused before they are parsed
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const deep = jsonDepthError(body as string);
    if (deep) {
      done(deep, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  // an over-long request target is refused before routing
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_CHARS) {
      throw new ApiError(
        414,
        'uri-too-long',
        'url',
        `the request target is ${request.url.length} characters long`,
        `a path and query of at most ${MAX_URL_CHARS} characters (send long queries as a POST body)`,
      );
    }
  });
}

/** Every error, and every path with nothing at it, answered as `{ error, parameter, message, valid }`. */
function installErrorMapping(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, request, reply) => {
    const e =
      err instanceof AmurError
        ? fromLibraryError(err)
        : describeFrameworkError(err as FastifyError, (err as FastifyError).statusCode ?? 500).error;
    if (e.status >= 500 && e.status !== 503) request.log.error({ err }, 'request failed');
    if (e.status === 503 || e.status === 429)
      reply.header('retry-after', String(e.retryAfterS ?? (e.status === 503 ? 5 : 60)));
    reply.code(e.status).send(e.body());
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
}

/** Security headers, the rate limit and compressed JSON answers (compress.ts). */
async function registerPlugins(app: FastifyInstance, limits: ServerLimits): Promise<void> {
  installCompression(app);
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
}

/** The OpenAPI 3.1 document at `/openapi.json` and its docs page at `/docs`. */
async function registerDocs(app: FastifyInstance): Promise<void> {
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
}

/** The JSON API under `/api`. */
async function registerApi(app: FastifyInstance, ctx: ServerContext, opts: ServerOptions): Promise<void> {
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
  const root = realpathSync(webDir);
  app.register(fastifyStatic, {
    root,
    prefix: '/',
    decorateReply: false,
    index: ['index.html'],
    // no dotfiles (/.env, /.git/config), and nothing outside the root through a symlink
    dotfiles: 'ignore',
    allowedPath: (pathName) => isBuildFile(root, pathName),
    // the build writes .br and .gz beside each asset: sent with Content-Encoding and Vary
    preCompressed: true,
    setHeaders: (res, path) => {
      if (/[\\/]assets[\\/]/.test(path)) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
}

/**
 * A file the web app may serve: no segment starting with a dot, and its real
 * path (symlinks resolved) inside the root. A path that does not exist is
 * left to the static server, which answers 404.
 */
export function isBuildFile(root: string, pathName: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathName);
  } catch {
    return false;
  }
  if (decoded.split(/[\\/]/).some((seg) => seg.startsWith('.'))) return false;
  let real: string;
  try {
    real = realpathSync(resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`));
  } catch {
    return true;
  }
  return real === root || real.startsWith(root + sep);
}

/**
 * Errors the HTTP parser raises before Fastify sees a request (a head over
 * MAX_HEADER_BYTES or an over-long URL: 431; a slow client: 408; malformed
 * HTTP: 400), in the API's error shape. The socket is ended after the answer
 * and what the client still sends is read and dropped, so that the client
 * reads the answer instead of a reset connection.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError(
          431,
          'headers-too-large',
          'headers',
          'the request line and headers are too large',
          `a request head of at most ${MAX_HEADER_BYTES} bytes; a URL of at most ${MAX_URL_CHARS} characters (send long queries as a POST body)`,
        )
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiError(
            408,
            'timeout',
            'request',
            'the request took too long to arrive',
            'send the whole request promptly',
          )
        : new ApiError(
            400,
            'bad-request',
            'request',
            'the request is not valid HTTP/1.1',
            'a well-formed HTTP/1.1 request',
          );
  const body = JSON.stringify(e.body());
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${e.status} ${e.status === 431 ? 'Request Header Fields Too Large' : e.status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  // drain what is still arriving for a moment, then let the socket go
  socket.on('error', () => undefined);
  socket.resume();
  setTimeout(() => socket.destroy(), 2000).unref();
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
  if (err.code === 'FST_ERR_JSON_TOO_DEEP') {
    return {
      status: 400,
      error: new ApiError(
        400,
        'bad-request',
        'body',
        err.message,
        `JSON nested at most ${MAX_JSON_DEPTH} levels deep`,
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
