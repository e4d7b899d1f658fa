/** `GET /api/health`: is the server up, what does it serve. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../api.ts';
import type { ServerContext } from '../context.ts';

export const Health = z.object({
  ok: z.literal(true),
  version: z.string(),
  writable: z.boolean().describe('true when the server was started with an API token'),
  atlas: z.object({
    places: z.number().int(),
    crossings: z.number().int(),
    links: z.number().int(),
    zones: z.number().int(),
    corridors: z.number().int(),
    sources: z.number().int(),
  }),
  eventLoopDelay: z
    .object({ p99Ms: z.number(), maxMs: z.number(), windowS: z.number() })
    .optional()
    .describe('how long ready work waited for the server thread, over the last complete window'),
  features: z
    .record(z.string(), z.boolean())
    .describe('which library areas this build serves (routing, trade, scenarios)'),
  limits: z.object({
    bodyBytes: z.number(),
    matrixCells: z.number(),
    alternatives: z.number(),
    computeMs: z.number(),
    requestsPerMinute: z.number(),
  }),
});

export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  info: { writable: boolean; version: string; features: () => Record<string, boolean> },
): void {
  defineRoute(app, {
    method: 'GET',
    url: '/health',
    tags: ['health'],
    summary: 'Server status, atlas counts and limits',
    response: Health,
    handler: () => {
      const a = ctx.atlas();
      const l = ctx.limits;
      return {
        ok: true,
        version: info.version,
        writable: info.writable,
        atlas: {
          places: a.places.length,
          crossings: a.crossings.length,
          links: a.links.length,
          zones: a.zones.length,
          corridors: a.corridors.length,
          sources: a.sources.length,
        },
        eventLoopDelay: ctx.eventLoopDelay(),
        features: info.features(),
        limits: {
          bodyBytes: l.bodyBytes,
          matrixCells: l.matrixCells,
          alternatives: l.alternatives,
          computeMs: l.computeMs,
          requestsPerMinute: l.requestsPerMinute,
        },
      };
    },
  });
}
