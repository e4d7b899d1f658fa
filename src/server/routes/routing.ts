/**
 * Routing endpoints: `GET /api/route` (simple query in the URL), `POST
 * /api/route` (the full `RouteQuery`), `POST /api/matrix` (`MatrixQuery`).
 * Places may be given by any name: they resolve through the gazetteer, and an
 * unknown or ambiguous one is a 400 listing the candidates. The search runs
 * in the compute pool with a deadline (503 when it is exceeded); matrices
 * and alternatives beyond the server's limits are refused with 422.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ClockTime } from '../../atlas/schema.ts';
import { FREIGHT_MODES } from '../../costs/profile.ts';
import { MAX_PLACE_TEXT, MatrixQuery, MatrixResult, RouteQuery, RouteResult } from '../../routing/schema.ts';
import { DEFAULT_SCENARIO_DIR, listScenarios } from '../../scenarios/load.ts';
import { defineRoute } from '../api.ts';
import { ComputeError, type ScenarioRef } from '../compute.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, badRequest, fromLibraryError, parseOr400 } from '../errors.ts';
import { csvEnum, DateParam, text, todayIso } from '../params.ts';

const shape = RouteQuery.shape;
const PlaceText = text(MAX_PLACE_TEXT).trim().min(1).describe('a place id or a name in any script');

/** `GET /api/route`: the common fields of a `RouteQuery`, as URL parameters. */
export const RouteGetQuery = z
  .object({
    from: PlaceText,
    to: PlaceText,
    date: DateParam.optional().describe('departure date (default: today, UTC)'),
    time: ClockTime.optional().describe('departure time, local at the origin (default 08:00)'),
    cargo: shape.cargo.unwrap().optional(),
    qty: z.coerce.number().pipe(shape.qty.unwrap()).optional().describe('number of cargo units'),
    optimize: shape.optimize.unwrap().optional(),
    modes: csvEnum(FREIGHT_MODES, 'modes').optional(),
    avoid: text(500).optional().describe('comma-separated place, crossing or country ids to avoid'),
    alternatives: z.coerce.number().pipe(shape.alternatives.unwrap()).optional(),
    scenario: text(100)
      .optional()
      .describe('plan on a shipped scenario (id, e.g. before-bridges; default current)'),
  })
  .strict();

/** `?scenario=` on `POST /api/route` and `POST /api/matrix`. */
export const ScenarioQuery = z
  .object({
    scenario: text(100)
      .optional()
      .describe('compute on a shipped scenario (id, e.g. before-bridges; default current)'),
  })
  .strict();

let shippedIds: string[] | null = null;

/** A shipped scenario named by the request, or undefined for the current atlas. */
function scenarioRef(id: string | undefined, parameter: string): ScenarioRef | undefined {
  if (id === undefined || id === 'current') return undefined;
  // the shipped scenarios do not change while the server runs: read once, not per request
  shippedIds ??= listScenarios(DEFAULT_SCENARIO_DIR).map((s) => s.id);
  const ids = shippedIds;
  if (!ids.includes(id)) throw badRequest(parameter, `no scenario "${id}"`, `one of ${ids.join(', ')}`);
  return { id };
}

/**
 * A failure of the search in the worker as the API answers it: the library's
 * errors by their kind (an unknown place or a bad query 400 naming the
 * parameter, a broken atlas or profile said to be broken), anything else 500.
 */
function computeFailure(e: unknown, prefix: string): never {
  if (e instanceof ComputeError && e.detail.kind) throw fromLibraryError(e, prefix);
  if (e instanceof ComputeError) {
    throw new ApiError(
      500,
      'internal',
      'request',
      'the search failed (the error is logged)',
      'retry, or report the query',
    );
  }
  throw e;
}

/**
 * What GET checks through its URL schema, checked on a POST body too: a date
 * in the years the atlas answers for, no control characters in place text.
 */
function checkBody(body: { date: string; from: string | string[]; to: string | string[] }): void {
  const date = DateParam.safeParse(body.date);
  if (!date.success)
    throw badRequest(
      'body.date',
      `body.date: ${JSON.stringify(body.date)} is not valid`,
      date.error.issues[0].message,
    );
  for (const key of ['from', 'to'] as const) {
    const values = Array.isArray(body[key]) ? (body[key] as string[]) : [body[key] as string];
    const at = values.findIndex((v) => /\p{Cc}/u.test(v));
    if (at >= 0) {
      const parameter = Array.isArray(body[key]) ? `body.${key}[${at}]` : `body.${key}`;
      throw badRequest(
        parameter,
        `${parameter} contains a control character`,
        'text without control characters',
      );
    }
  }
}

export function registerRoutingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const limits = ctx.limits;
  const checkAlternatives = (n: number | undefined, parameter: string) => {
    if (n !== undefined && n > limits.alternatives) {
      throw new ApiError(
        422,
        'too-large',
        parameter,
        `${parameter} is ${n}; this server computes at most ${limits.alternatives} alternatives per query`,
        `an integer from 0 to ${limits.alternatives}`,
      );
    }
  };

  const runRoute = async (
    query: unknown,
    prefix: string,
    log: FastifyInstance['log'],
    reply: FastifyReply,
    scenario?: ScenarioRef,
  ) => {
    try {
      const { json } = await ctx
        .compute()
        .run({ kind: 'route', query, prefix, scenario }, limits.computeMs, ctx.deadline(reply));
      reply.type('application/json; charset=utf-8');
      return json;
    } catch (e) {
      if (e instanceof ComputeError && e.detail.kind !== 'input')
        log.error({ err: e.detail }, 'route failed');
      computeFailure(e, prefix);
    }
  };

  defineRoute(app, {
    method: 'GET',
    url: '/route',
    tags: ['routing'],
    summary: 'Plan a route (simple query in the URL; places by any name)',
    querystring: RouteGetQuery,
    response: RouteResult,
    handler: async ({ query, request, reply }) => {
      checkAlternatives(query.alternatives, 'alternatives');
      const scenario = scenarioRef(query.scenario, 'scenario');
      const input = {
        from: query.from,
        to: query.to,
        date: query.date ?? todayIso(),
        ...(query.time ? { time: query.time } : {}),
        ...(query.cargo ? { cargo: query.cargo } : {}),
        ...(query.qty !== undefined ? { qty: query.qty } : {}),
        ...(query.optimize ? { optimize: query.optimize } : {}),
        ...(query.modes && query.modes.length > 0 ? { modes: query.modes } : {}),
        ...(query.avoid
          ? {
              avoid: query.avoid
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
        ...(query.alternatives !== undefined ? { alternatives: query.alternatives } : {}),
      };
      return runRoute(parseOr400(RouteQuery, input, ''), '', request.log, reply, scenario);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/route',
    tags: ['routing'],
    summary: 'Plan a route (the full RouteQuery; places by id or any name)',
    querystring: ScenarioQuery,
    body: RouteQuery,
    response: RouteResult,
    handler: async ({ query: qs, body, request, reply }) => {
      checkAlternatives(body.alternatives, 'body.alternatives');
      checkBody(body);
      const scenario = scenarioRef(qs.scenario, 'scenario');
      return runRoute(body, 'body.', request.log, reply, scenario);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/matrix',
    tags: ['routing'],
    summary: 'A many-to-many matrix of time, cost or CO2e (places by id or any name)',
    querystring: ScenarioQuery,
    body: MatrixQuery,
    response: MatrixResult,
    handler: async ({ query: qs, body, request, reply }) => {
      const scenario = scenarioRef(qs.scenario, 'scenario');
      checkBody(body);
      const cells = body.from.length * body.to.length;
      if (cells > limits.matrixCells) {
        throw new ApiError(
          422,
          'too-large',
          'body.from',
          `the matrix has ${body.from.length} × ${body.to.length} = ${cells} cells; this server computes at most ${limits.matrixCells}`,
          `origins × destinations ≤ ${limits.matrixCells} (split the request, or use \`amur matrix\`)`,
        );
      }
      try {
        const { json } = await ctx
          .compute()
          .run(
            { kind: 'matrix', query: body, prefix: 'body.', scenario },
            limits.computeMs,
            ctx.deadline(reply),
          );
        reply.type('application/json; charset=utf-8');
        return json;
      } catch (e) {
        if (e instanceof ComputeError && e.detail.kind !== 'input')
          request.log.error({ err: e.detail }, 'matrix failed');
        computeFailure(e, 'body.');
      }
    },
  });
}
