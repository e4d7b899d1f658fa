/**
 * The scenario diff's shape, once: zod schemas of what `diffScenarios`
 * returns (`diff.ts`, whose types are these), printed by `amur scenario diff
 * --json`, answered by `GET /api/scenarios/diff` and read by the web app's
 * scenario view. Strict objects: a field the diff gains or loses without
 * this file fails its test (`diff-schema.test.ts`).
 */
import { z } from 'zod';

/** after − before, or a mean of such changes. */
const Delta = z.strictObject({ hours: z.number(), costUsd: z.number(), co2eKg: z.number() });

/** One routed shipment in one scenario. */
export const RouteSummary = z.strictObject({
  hours: z.number(),
  days: z.number(),
  costUsd: z.number(),
  co2eKg: z.number(),
  km: z.number(),
  waitHours: z.number(),
  /** Crossings used, `crossing/service`. */
  crossings: z.array(z.string()).describe('crossings used, crossing/service'),
  /** Corridors the legs belong to. */
  corridors: z.array(z.string()),
  /** Named lines and routes of the legs (e.g. "Northern Sea Route", "Binsui railway"). */
  lines: z.array(z.string()),
  modes: z.array(z.string()),
  links: z.array(z.string()),
  summary: z.string(),
});
export type RouteSummary = z.infer<typeof RouteSummary>;

/** One OD pair on one date, before and after. */
export const PairDiff = z.strictObject({
  from: z.string(),
  to: z.string(),
  cargo: z.string(),
  date: z.string(),
  before: RouteSummary.nullable(),
  after: RouteSummary.nullable(),
  /** after − before (null when either has no route). */
  delta: Delta.nullable().describe('after − before (null when either has no route)'),
  /** The shipment uses other crossings, corridors or lines after than before (or finds / loses its route). */
  switched: z.boolean(),
  /**
   * same: same links; rerouted: other links, same crossings, corridors and lines;
   * switched: other crossings, corridors or lines; new-route / lost-route / no-route.
   */
  change: z
    .enum(['same', 'rerouted', 'switched', 'new-route', 'lost-route', 'no-route'])
    .describe(
      'same: same links; rerouted: other links, same crossings, corridors and lines; switched: other crossings, corridors or lines',
    ),
  beforeMessage: z.string().optional(),
  afterMessage: z.string().optional(),
});
export type PairDiff = z.infer<typeof PairDiff>;

/** The use of one crossing or link before and after. */
export const UseDiff = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** Number of routed shipments (pair × date) using it. */
  before: z.number().describe('routed shipments (pair × date) using it'),
  after: z.number(),
  delta: z.number(),
});
export type UseDiff = z.infer<typeof UseDiff>;

export const DateSummary = z.strictObject({
  date: z.string(),
  compared: z.number(),
  switched: z.number(),
  meanDelta: Delta,
});
export type DateSummary = z.infer<typeof DateSummary>;

const Named = z.strictObject({ id: z.string(), name: z.string() });

export const ScenarioDiff = z
  .strictObject({
    a: Named,
    b: Named,
    optimize: z.string(),
    dates: z.array(z.string()),
    pairs: z.array(PairDiff),
    crossings: z.array(UseDiff),
    links: z.array(UseDiff),
    summary: z.strictObject({
      shipments: z.number(),
      /** Shipments with a route in both scenarios. */
      compared: z.number().describe('shipments with a route in both scenarios'),
      switched: z.number(),
      newRoutes: z.number(),
      lostRoutes: z.number(),
      noRoute: z.number(),
      meanDelta: Delta,
      totalDelta: Delta,
      /** Among shipments that switch. */
      meanDeltaSwitched: Delta.describe('among shipments that switch'),
      byDate: z.array(DateSummary),
      /**
       * When the pairs carry yearly tonnes (`--od`): each date stands for an equal
       * share of the year; the change for the year's cargo (cost and CO2e per unit ×
       * units; hours × tonnes), over shipments routed in both scenarios.
       */
      yearly: z
        .strictObject({
          tonnes: z.number(),
          comparedTonnes: z.number(),
          switchedTonnes: z.number(),
          deltaCostUsd: z.number(),
          deltaCo2eKg: z.number(),
          deltaTonneHours: z.number(),
        })
        .optional()
        .describe("when the pairs carry yearly tonnes: the change for the year's cargo"),
    }),
    stats: z.strictObject({ routes: z.number(), ms: z.number() }),
  })
  .describe('ScenarioDiff');
export type ScenarioDiff = z.infer<typeof ScenarioDiff>;
