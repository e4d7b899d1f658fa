/**
 * The shape of an itinerary — legs, transfers, crossings, warnings, totals —
 * owned by the itinerary; routing builds it and its route result holds it
 * (`src/routing/schema.ts`). Shared by the CLI (`--json`), the HTTP API and
 * the web app. One schema per thing, here.
 */
import { z } from 'zod';

/** A GeoJSON LineString (RFC 7946). */
export const LegGeometry = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(z.tuple([z.number(), z.number()])).min(2),
});

export const Leg = z.object({
  mode: z.string(),
  from: z.string(),
  to: z.string(),
  fromName: z.string(),
  toName: z.string(),
  km: z.number(),
  /** Local date-time with offset at the place of departure / arrival. */
  depart: z.string(),
  arrive: z.string(),
  waitHours: z.number(),
  costUsd: z.number(),
  co2eKg: z.number(),
  line: z.string().nullable(),
  corridor: z.string().nullable(),
  /** The service class the cargo moved in (e.g. "container block train", "feeder"), from the profile. */
  service: z.string().nullable().optional(),
  linkId: z.string().nullable(),
  linkIds: z.array(z.string()),
  crossing: z.string().nullable(),
  estimatedLength: z.boolean(),
  /** The leg's line (GeoJSON LineString, [lon, lat]); absent for a leg from or to an anonymous junction. */
  geometry: LegGeometry.optional(),
  /** `measured`: along the links' real lines; `schematic`: straight between places (drawn dashed). */
  geometryKind: z.enum(['measured', 'schematic']).optional(),
});
export type Leg = z.infer<typeof Leg>;

export const Transfer = z.object({
  at: z.string(),
  atName: z.string(),
  /** `call`: a ship's call at a port it passes through (cargo aboard; its hours and port dues), not a transfer. */
  kind: z.enum(['load', 'unload', 'tranship', 'gauge-change', 'call']),
  fromMode: z.string().nullable(),
  toMode: z.string().nullable(),
  hours: z.number(),
  waitHours: z.number(),
  costUsd: z.number(),
  co2eKg: z.number(),
});
export type Transfer = z.infer<typeof Transfer>;

export const CrossingUse = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  serviceName: z.string(),
  mode: z.string(),
  facility: z.string(),
  from: z.string(),
  to: z.string(),
  clearanceHours: z.number(),
  waitHours: z.number(),
  gaugeChange: z
    .object({ method: z.string(), fromGauge: z.string(), toGauge: z.string(), hours: z.number() })
    .nullable(),
  openedOn: z.string().nullable(),
});
export type CrossingUse = z.infer<typeof CrossingUse>;

/**
 * Every warning the router writes, one code per wording. Faces say a warning
 * in the reader's language from its code and `params` (`warningText` in
 * `src/i18n/messages.ts`, which has templates for each code in en, zh and
 * ru); `message` is the router's English sentence, kept as it was.
 */
export const WARNING_CODES = [
  /** waited for the next departure of a thing with no calendar state to name */
  'wait.departure',
  /** waited for a service or link closed for the season */
  'wait.seasonal-closed',
  /** waited through a public-holiday closure of a crossing service */
  'wait.holiday',
  /** waited through a dated closure (not a holiday) */
  'wait.closure',
  /** waited outside opening hours or on a non-operating weekday */
  'wait.schedule',
  /** waited while a thing was closed, suspended, planned or under construction (its status) */
  'wait.status',
  /** used a few days before it changes regime: a delay would miss it */
  'seasonal-risk.closes-soon',
  /** used on the day it opens (for the season, or again) */
  'seasonal-risk.opened-that-day',
  /** used a few days after it opened */
  'seasonal-risk.opened-recently',
  /** used inside the range of observed season starts */
  'seasonal-risk.season-start-range',
  /** used inside the range of observed season ends */
  'seasonal-risk.season-end-range',
  /** rail gauge changed at a crossing */
  'gauge-change.crossing',
  /** rail gauge changed by transshipment at a place */
  'gauge-change.transshipment',
  /** a container's time at a port is the port's own published dwell, not the ship class's */
  'port-dwell',
  /** some link lengths (or crossing passages: the straight line between the sides) are estimates */
  'estimated-length',
  /** a crossing service's weight limit makes the route detour */
  'weight-limit',
  /** bulk by road: an end place does not load this cargo onto rail */
  'rail-not-used.no-capability',
  /** bulk by road: no all-rail route on this date */
  'rail-not-used.no-rail-route',
  /** bulk by road: the best all-rail route takes longer */
  'rail-not-used.slower',
  /** bulk by road: the best all-rail route costs more */
  'rail-not-used.costlier',
  /** bulk by road: the best all-rail route emits more */
  'rail-not-used.more-co2',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** The params of a crossing service: its crossing and service, by id and English name, and its facility. */
const CROSSING_PARAMS = ['crossingId', 'crossingName', 'serviceId', 'serviceName', 'facility'] as const;
/**
 * The thing behind a calendar (`subject`: 'crossing' | 'link'; `label`: the English label); a crossing
 * also has the `CROSSING_PARAMS`, a link its `linkId`.
 */
const SUBJECT_PARAMS = ['subject', 'label'] as const;
const WAIT_PARAMS = ['hours', 'placeId', 'placeName', 'until', ...SUBJECT_PARAMS, 'state', 'reason'] as const;
const RAIL_AMOUNTS = ['criterion', 'unit', 'rail', 'best', 'more', 'qty', 'roadKm'] as const;

/**
 * The params every warning of a code carries (hours are hours; `until` a local ISO date-time with offset;
 * `date`, `changeDate`, `openedOn`, `closedFrom`, `closedTo` ISO dates; `rangeFrom`/`rangeTo` MM-DD;
 * `state` a calendar state id and `reason` the calendar's English reason; km, USD (`unit` 'usd'),
 * kg CO2e (`unit` 'kg-co2e') or hours (`unit` 'h') for amounts, already for the query's quantity).
 */
export const WARNING_PARAMS: Record<WarningCode, readonly string[]> = {
  'wait.departure': ['hours', 'placeId', 'placeName', 'until', 'state', 'reason'],
  'port-dwell': ['placeId', 'placeName', 'hours', 'year', 'sourceIds'],
  'wait.seasonal-closed': WAIT_PARAMS,
  'wait.holiday': [...WAIT_PARAMS, 'closedFrom', 'closedTo', 'holiday', 'holidayCountry'],
  'wait.closure': [...WAIT_PARAMS, 'closedFrom', 'closedTo', 'why'],
  'wait.schedule': WAIT_PARAMS,
  'wait.status': WAIT_PARAMS,
  'seasonal-risk.closes-soon': [...SUBJECT_PARAMS, 'date', 'state', 'changeDate', 'reason', 'days'],
  'seasonal-risk.opened-that-day': [...SUBJECT_PARAMS, 'date', 'openedOn', 'daysAfter', 'seasonal', 'reason'],
  'seasonal-risk.opened-recently': [...SUBJECT_PARAMS, 'date', 'openedOn', 'daysAfter', 'seasonal', 'reason'],
  'seasonal-risk.season-start-range': [...SUBJECT_PARAMS, 'date', 'rangeFrom', 'rangeTo'],
  'seasonal-risk.season-end-range': [...SUBJECT_PARAMS, 'date', 'rangeFrom', 'rangeTo'],
  'gauge-change.crossing': [...CROSSING_PARAMS, 'fromGauge', 'toGauge', 'method', 'hours'],
  'gauge-change.transshipment': ['placeId', 'placeName', 'fromGauge', 'toGauge', 'hours'],
  'estimated-length': ['count', 'estimatedKm', 'totalKm', 'linkIds', 'crossingIds'],
  'weight-limit': [...CROSSING_PARAMS, 'limitT', 'grossT', 'cargo', 'criterion', 'unit', 'gain'],
  'rail-not-used.no-capability': ['placeIds', 'placeNames', 'roadKm'],
  'rail-not-used.no-rail-route': ['fromId', 'fromName', 'toId', 'toName', 'roadKm'],
  'rail-not-used.slower': RAIL_AMOUNTS,
  'rail-not-used.costlier': RAIL_AMOUNTS,
  'rail-not-used.more-co2': RAIL_AMOUNTS,
};

/** A value a warning's sentence is made from: ids and names, ISO dates, hours, km, USD, kg. */
export const WarningParam = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export type WarningParam = z.infer<typeof WarningParam>;

export const Warning = z.object({
  kind: z.enum([
    'wait',
    'seasonal-risk',
    'gauge-change',
    'estimated-length',
    'latest-arrival',
    'weight-limit',
    'note',
  ]),
  /** Stable code of the wording (one of `WARNING_CODES`). */
  code: z.enum(WARNING_CODES),
  /** The values of the sentence, by name (`WARNING_PARAMS`). */
  params: z.record(z.string(), WarningParam),
  /** The router's English sentence. */
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

/**
 * The sentences of a route answer besides its warnings, one code per wording:
 * how an alternative differs from the first itinerary and why no itinerary
 * was found. Faces say them in the reader's language from the code and
 * `params` (`src/i18n/route-texts.ts`, templates in en, zh and ru); the
 * itinerary's `summary` is said from its own legs, crossings and totals.
 */
export const ROUTE_TEXT_CODES = [
  /** through other crossings than itinerary 1 (`crossingIds`/`crossingNames`, `insteadIds`/`insteadNames`) */
  'difference.crossings',
  /** through crossings where itinerary 1 uses none (`crossingIds`/`crossingNames`) */
  'difference.crossings-added',
  /** with no crossing where itinerary 1 uses some (`insteadIds`/`insteadNames`) */
  'difference.no-crossing',
  /** by other modes (`modes`, `insteadModes`) */
  'difference.modes',
  /** the share of its distance it shares with itinerary 1 (`percent`) */
  'difference.shared',
  /** no path at all for the cargo and modes (`fromId`/`fromName`, `toId`/`toName`, `cargo`, `avoid`) */
  'no-route.not-connected',
  /** connected, but nothing opens in time (… `horizonDays`, `date`, `maxTransfers`, `latestArrival`) */
  'no-route.no-itinerary',
] as const;
export type RouteTextCode = (typeof ROUTE_TEXT_CODES)[number];

/** One sentence of a route answer: its code and the values it is made from (ids, English names, numbers). */
export const RouteText = z.object({
  code: z.enum(ROUTE_TEXT_CODES),
  params: z.record(z.string(), WarningParam),
});
export type RouteText = z.infer<typeof RouteText>;

export const Totals = z.object({
  hours: z.number(),
  days: z.number(),
  km: z.number(),
  costUsd: z.number(),
  co2eKg: z.number(),
  co2eKgTtw: z.number(),
  waitHours: z.number(),
  transfers: z.number().int(),
});
export type Totals = z.infer<typeof Totals>;

export const Itinerary = z.object({
  totals: Totals,
  depart: z.string(),
  arrive: z.string(),
  legs: z.array(Leg),
  transfers: z.array(Transfer),
  crossings: z.array(CrossingUse),
  warnings: z.array(Warning),
  /** Which single criteria this itinerary is best on, among those found. */
  bestFor: z.array(z.enum(['time', 'cost', 'co2'])),
  summary: z.string(),
  /** For an alternative: how it differs from the first itinerary (crossings, modes, shared distance). */
  differences: z.array(z.string()).optional(),
  /** `differences` as codes and params, one per sentence, in the same order. */
  differenceParts: z.array(RouteText).optional(),
});
export type Itinerary = z.infer<typeof Itinerary>;
