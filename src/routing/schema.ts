/**
 * The shapes of a route query and its answer, shared by the CLI (`--json`),
 * the HTTP API and the web app. One schema per thing, here.
 */
import { z } from 'zod';
import { ClockTime, IsoDate } from '../atlas/schema.ts';
import { CargoUnit, FreightMode } from '../costs/profile.ts';
import { Itinerary, RouteText } from '../itinerary/schema.ts';

/** The itinerary's own shapes, re-exported for the route result's users. */
export {
  CrossingUse,
  Itinerary,
  Leg,
  LegGeometry,
  ROUTE_TEXT_CODES,
  RouteText,
  type RouteTextCode,
  Totals,
  Transfer,
  WARNING_CODES,
  WARNING_PARAMS,
  Warning,
  type WarningCode,
  WarningParam,
} from '../itinerary/schema.ts';

/** Longest place text (an id or a name) a query may give: a name is resolved by a fuzzy search. */
export const MAX_PLACE_TEXT = 200;
/** Most entries of a list in a query (matrix origins or destinations, ids to avoid). */
export const MAX_QUERY_LIST = 2500;
const PlaceText = z.string().min(1).max(MAX_PLACE_TEXT);

export const Optimize = z.enum(['time', 'cost', 'co2', 'pareto']);
export type Optimize = z.infer<typeof Optimize>;

export const RouteQuery = z
  .object({
    /** Origin and destination place ids (resolve names with the gazetteer first). */
    from: PlaceText,
    to: PlaceText,
    /** Departure date and time, local time of the origin. */
    date: IsoDate,
    time: ClockTime.default('08:00'),
    cargo: CargoUnit.default('feu'),
    /** Number of cargo units (TEU, FEU or tonnes). */
    qty: z.number().positive().default(1),
    optimize: Optimize.default('pareto'),
    /** Allowed modes (default: all). */
    modes: z.array(FreightMode).min(1).optional(),
    /** Place, crossing or country ids (ISO 3166 alpha-2) to avoid. */
    avoid: z.array(PlaceText).max(MAX_QUERY_LIST).default([]),
    /** Alternatives beyond the best itinerary that differ materially (through other crossings). */
    alternatives: z.number().int().min(0).max(10).default(0),
    maxTransfers: z.number().int().min(0).optional(),
    /** Latest acceptable arrival, ISO 8601 date-time with offset, e.g. 2019-05-10T18:00+08:00. */
    latestArrival: z
      .string()
      .regex(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/,
        'an ISO 8601 date-time with offset, e.g. 2019-05-10T18:00+08:00',
      )
      .optional(),
    /** Relative slack of the Pareto dominance (0.05 = labels within 5% on every criterion count as dominated). */
    slack: z.number().min(0).max(1).default(0.05),
    /** Warn when a used service changes regime within this many days before or after its use. */
    riskDays: z.number().int().min(0).max(120).default(14),
    /** How long the search may wait for a season, days (a summer ferry can be closed ~200 days). */
    horizonDays: z.number().int().min(1).max(800).default(120),
  })
  .strict();
export type RouteQuery = z.infer<typeof RouteQuery>;
export type RouteQueryInput = z.input<typeof RouteQuery>;

export const RouteResult = z.object({
  query: RouteQuery,
  itineraries: z.array(Itinerary),
  /** Why nothing was found, when `itineraries` is empty. */
  message: z.string().optional(),
  /** `message` as a code and params, for faces that say it in the reader's language. */
  explanation: RouteText.optional(),
  stats: z.object({ labels: z.number().int(), searchMs: z.number(), compileMs: z.number() }).optional(),
});
export type RouteResult = z.infer<typeof RouteResult>;

export const Metric = z.enum(['time', 'cost', 'co2']);
export type Metric = z.infer<typeof Metric>;

export const MatrixQuery = z
  .object({
    from: z.array(PlaceText).min(1).max(MAX_QUERY_LIST),
    to: z.array(PlaceText).min(1).max(MAX_QUERY_LIST),
    date: IsoDate,
    time: ClockTime.default('08:00'),
    cargo: CargoUnit.default('feu'),
    metric: Metric.default('time'),
    modes: z.array(FreightMode).min(1).optional(),
    avoid: z.array(PlaceText).max(MAX_QUERY_LIST).default([]),
    horizonDays: z.number().int().min(1).max(800).default(400),
  })
  .strict();
export type MatrixQuery = z.infer<typeof MatrixQuery>;
export type MatrixQueryInput = z.input<typeof MatrixQuery>;

export const MatrixResult = z.object({
  query: MatrixQuery,
  unit: z.enum(['hours', 'usd', 'kgCO2e']),
  /** values[i][j]: from[i] → to[j], null when unreachable. */
  values: z.array(z.array(z.number().nullable())),
  stats: z.object({ searchMs: z.number(), workers: z.number().int() }).optional(),
});
export type MatrixResult = z.infer<typeof MatrixResult>;
