/**
 * How routes are declared: each route names its query, path parameters, body
 * and 200 response by the library's zod schemas. Fastify validates with zod
 * (the validator compiler below), answers a failure with a 400 naming the
 * parameter, and @fastify/swagger describes the same schemas in OpenAPI 3.1
 * (converted with `z.toJSONSchema`). One schema per thing: nothing here is
 * written twice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiErrorBody, fromZodError } from './errors.ts';

type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

function isZod(s: unknown): s is z.ZodType {
  return s instanceof z.ZodType;
}

/** Installs zod validation and plain JSON serialisation on the app. */
export function installZodCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (!isZod(schema)) throw new Error(`route schema for ${httpPart} is not a zod schema`);
    const where = (httpPart as HttpPart) === 'body' ? 'body' : '';
    return (data: unknown) => {
      const r = schema.safeParse(data ?? (where === 'body' ? undefined : {}), { reportInput: true });
      return r.success ? { value: r.data } : { error: fromZodError(r.error, where) };
    };
  });
  // Responses are built by the library and already match their schemas; the
  // schemas are there to describe them. Serialising with a schema-driven
  // serialiser would silently drop fields the library adds later.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema, for the docs. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/** The @fastify/swagger `transform`: route schemas are zod; the document gets JSON Schema. */
export function swaggerTransform({ schema, url }: { schema: Record<string, unknown>; url: string }): {
  schema: Record<string, unknown>;
  url: string;
} {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'response' && value && typeof value === 'object') {
      const responses: Record<string, unknown> = {};
      for (const [code, r] of Object.entries(value as Record<string, unknown>)) {
        responses[code] = isZod(r) ? jsonSchemaOf(r, 'output') : r;
      }
      out.response = responses;
    } else if (isZod(value)) {
      out[key] = jsonSchemaOf(value, 'input');
    } else out[key] = value;
  }
  return { schema: out, url };
}

export interface RouteContext<Q, P, B> {
  query: Q;
  params: P;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<
  QS extends z.ZodType | undefined,
  PS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  tags: string[];
  summary: string;
  description?: string;
  querystring?: QS;
  params?: PS;
  body?: BS;
  /** The 200 answer (JSON), or a non-JSON answer described by `produces`. */
  response?: z.ZodType;
  /** Content types of a non-JSON answer, e.g. ['image/svg+xml']. */
  produces?: string[];
  /** Needs the API token (writes). */
  write?: boolean;
  /** Extra per-route Fastify config (e.g. a tighter rate limit). */
  config?: Record<string, unknown>;
  bodyLimit?: number;
  handler: (
    ctx: RouteContext<
      QS extends z.ZodType ? z.output<QS> : undefined,
      PS extends z.ZodType ? z.output<PS> : undefined,
      BS extends z.ZodType ? z.output<BS> : undefined
    >,
  ) => unknown | Promise<unknown>;
}

export type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Registers one API route. `requireToken` guards routes marked `write`. */
export function defineRoute<
  QS extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(app: FastifyInstance, spec: RouteSpec<QS, PS, BS>, requireToken?: PreHandler): void {
  const errors = { 400: ApiErrorBody, 404: ApiErrorBody };
  const schema: Record<string, unknown> = {
    tags: spec.tags,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.querystring ? { querystring: spec.querystring } : {}),
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.produces ? { produces: spec.produces } : {}),
    response: spec.response
      ? { 200: spec.response, ...errors }
      : spec.produces
        ? { 200: { description: spec.produces.join(' or '), type: 'string' }, ...errors }
        : errors,
    ...(spec.write ? { security: [{ bearer: [] }] } : {}),
  };
  app.route({
    method: spec.method,
    url: spec.url,
    schema,
    ...(spec.config ? { config: spec.config } : {}),
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    ...(spec.write && requireToken ? { preHandler: requireToken } : {}),
    handler: async (request, reply) =>
      spec.handler({
        query: request.query as never,
        params: request.params as never,
        body: request.body as never,
        request,
        reply,
      }),
  });
}
