/**
 * `validateObservations(atlas, profile, corpus) → ValidationReport`: routes
 * every observation of the calibration corpus with the library's router and
 * compares Amur's km, days and cost with the published figures.
 *
 * - An observation is routed from `from` to `to` on its date (else 15 June of
 *   its year, else 2024-06-15), 08:00 local, with the modes it allows (its
 *   mode, or all for `multimodal`), on its scenario when it names one; `via`
 *   joins two searches at that place, the second leaving on arrival. An
 *   observation whose `service` names a profile service class (its id, label
 *   or an alias: "China–Europe express", "Transib in Seven Days") is routed
 *   with that class (`serviceNamedBy`, src/costs/service-choice.ts), and the
 *   result says which (`serviceClasses`); else the first class of each mode.
 * - km and days come from the fastest itinerary (published transit times are
 *   for a service, not the cheapest routing). Days run from the departure of
 *   the first leg to the arrival of the last — terminal to terminal, as
 *   trains and liners publish them: the dwell before the first departure and
 *   the release after the last arrival are not counted, every wait, transfer,
 *   border and call in between is. An observation whose `scope` is
 *   `door-to-door` (a forwarder's time) is compared with the whole itinerary,
 *   dwell and release included, so like is compared with like. Cost comes from the cheapest one, per
 *   cargo unit, against the published amount converted with the profile's
 *   exchange rates (the year of the money is not adjusted).
 * - Residual = (Amur − published) / published, in %. An observation Amur
 *   cannot route (unknown place, no itinerary) counts as a miss for every
 *   figure it publishes, so the shares never improve by dropping the hard ones.
 * - Shares within ±`tolerancePct` are reported for the `fit` and the `check`
 *   part separately (and for all), with the ten worst residuals. Published
 *   days that are a maximum (`daysBound: at-most`, "90 hours at most") agree
 *   when Amur is not above them by more than the tolerance (`isWithin`); a
 *   kept maximum is not ranked among the worst.
 * - Relative claims (via Vladivostok vs via Dalian; NSR vs Suez) are routed
 *   side by side: Amur's ratio a/b or difference a − b against the claim's,
 *   and whether Amur agrees on the direction.
 */
import { GazetteerError, resolvePlace } from '../atlas/gazetteer.ts';
import type { Atlas } from '../atlas/schema.ts';
import type { Profile, ServiceClass } from '../costs/profile.ts';
import { servicesNamedBy, withServiceFirst } from '../costs/service-choice.ts';
import { compileNetwork } from '../network/compile.ts';
import type { Network } from '../network/types.ts';
import { RouteQueryError, route } from '../routing/index.ts';
import type { Itinerary } from '../routing/schema.ts';
import { applyScenarioFull } from '../scenarios/apply.ts';
import { loadScenario } from '../scenarios/load.ts';
import type { Corpus } from './load.ts';
import type { Claim, ClaimSide, Observation, ObservationScope, Split } from './schema.ts';

export type Metric = 'km' | 'days' | 'cost';

export interface Residual {
  published: number;
  /** Amur's figure, or null when Amur has no itinerary. */
  amur: number | null;
  /** (Amur − published) / published × 100, or null when Amur has none. */
  errorPct: number | null;
  /** The published figure is a maximum (`daysBound: at-most`): within when Amur is not above it. */
  bound?: 'at-most';
}

/** Whether Amur's figure agrees with the published one: within ±tolerance %, or for a maximum not above it + tolerance. */
export function isWithin(r: Residual, tolerance: number): boolean {
  if (r.errorPct === null) return false;
  return r.bound === 'at-most' ? r.errorPct <= tolerance : Math.abs(r.errorPct) <= tolerance;
}

export interface ObservationResult {
  id: string;
  file: string;
  split: Split;
  mode: Observation['mode'];
  service?: string;
  /** What the published days cover; Amur's days are measured the same way. */
  scope: ObservationScope;
  from: string;
  to: string;
  source: string;
  /**
   * The profile's service classes the observation's `service` names (labels),
   * which it was routed with; absent: the profile's first class of each mode.
   */
  serviceClasses?: string[];
  km?: Residual;
  days?: Residual;
  /** USD per cargo unit. */
  cost?: Residual;
  /** How Amur went (summary of the fastest itinerary), or why it could not. */
  route?: string;
  problem?: string;
}

export interface ClaimResult {
  id: string;
  file: string;
  split: Split;
  metric: Metric;
  source: string;
  published: { ratio?: number; difference?: number };
  amur: { a: number; b: number; ratio: number; difference: number } | null;
  errorPct: number | null;
  /** Amur says the same direction (a below or above b) as the claim. */
  sameDirection: boolean | null;
  route?: { a: string; b: string };
  problem?: string;
  /** The corpus's note on the claim (e.g. why Amur cannot reproduce it: what the sources do not give). */
  note?: string;
}

export interface Share {
  /** Observations of the part that publish this figure. */
  n: number;
  /** Of those, Amur within ±tolerance. */
  within: number;
  /** within / n (null when n = 0). */
  share: number | null;
  /** Amur found no itinerary (counted as outside). */
  unrouted: number;
}

export interface PartShares {
  observations: number;
  km: Share;
  days: Share;
  cost: Share;
  claims: { n: number; sameDirection: number; within: number };
}

export interface WorstRow {
  id: string;
  split: Split;
  metric: Metric;
  published: number;
  amur: number | null;
  errorPct: number | null;
}

export interface ValidationReport {
  profile: string;
  tolerancePct: number;
  files: number;
  sources: number;
  observations: ObservationResult[];
  claims: ClaimResult[];
  shares: { fit: PartShares; check: PartShares; all: PartShares };
  /** The ten largest residuals (unrouted first), over both parts. */
  worst: WorstRow[];
}

export interface ValidateOptions {
  tolerancePct?: number;
  /** Only this part of the corpus. */
  split?: Split;
}

const DEFAULT_DATE = '2024-06-15';

interface Leg {
  km: number;
  /** Terminal to terminal: the first leg's departure to the last leg's arrival. */
  hours: number;
  /** Door to door: the itinerary's departure (before the first dwell) to its arrival (after the last release). */
  doorHours: number;
  costUsd: number;
  arrive: string;
  summary: string;
}

/** Routes one side of a measurement: from, via, to on the side's network; throws a message when it cannot. */
type Measure = (
  side: ClaimSide,
  cargo: Observation['cargo'],
  date: string,
  optimize: 'time' | 'cost',
  defaultModes: Observation['modes'],
  /** Ids of the service classes to route with (first for their mode and cargo). */
  classes?: string[],
) => Leg;

/** Converts an amount to USD at the profile's rate. */
type ToUsd = (amount: number, currency: string) => number;

/** Routes and measures the corpus. Pure over its inputs; compiles one network per scenario used. */
export function validateObservations(
  atlas: Atlas,
  profile: Profile,
  corpus: Corpus,
  opts: ValidateOptions = {},
): ValidationReport {
  const tolerance = opts.tolerancePct ?? 15;
  const measure = measurer(networksByScenario(atlas, profile));
  const usd = toUsd(profile);
  const inPart = (x: { split: Split }) => !opts.split || x.split === opts.split;
  const observations = corpus.observations
    .filter(inPart)
    .map((o) => measureObservation(o, measure, usd, servicesNamedBy(profile, o.service)));
  const claims = corpus.claims.filter(inPart).map((c) => measureClaim(c, measure, usd));
  return {
    profile: profile.id,
    tolerancePct: tolerance,
    files: new Set(corpus.observations.map((o) => o.file)).size,
    sources: corpus.sources.length,
    observations,
    claims,
    shares: {
      fit: sharesOf(observations, claims, 'fit', tolerance),
      check: sharesOf(observations, claims, 'check', tolerance),
      all: sharesOf(observations, claims, undefined, tolerance),
    },
    worst: worstTen(observations),
  };
}

/**
 * The network of a scenario (`current` when none) with the service classes
 * `classes` first in the profile (those an observation's `service` names),
 * compiled the first time it is asked for.
 */
function networksByScenario(
  atlas: Atlas,
  profile: Profile,
): (scenario: string | undefined, classes?: string[]) => { atlas: Atlas; net: Network } {
  const networks = new Map<string, { atlas: Atlas; net: Network }>();
  const withClasses = (p: Profile, classes: string[]) =>
    classes.length ? withServiceFirst(p, ...classes) : p;
  return (scenario, classes = []) => {
    const key = `${scenario ?? 'current'}|${classes.join('+')}`;
    let n = networks.get(key);
    if (!n) {
      if (scenario === undefined) n = { atlas, net: compileNetwork(atlas, withClasses(profile, classes)) };
      else {
        const applied = applyScenarioFull(atlas, profile, loadScenario(scenario));
        n = {
          atlas: applied.atlas,
          net: compileNetwork(applied.atlas, withClasses(applied.profile, classes)),
        };
      }
      networks.set(key, n);
    }
    return n;
  };
}

/** The profile's exchange rates (`fx.usdPer`); a currency without one is an error naming those it has. */
function toUsd(profile: Profile): ToUsd {
  return (amount, currency) => {
    const rate = profile.fx.usdPer[currency];
    if (rate === undefined)
      throw new Error(
        `currency ${currency} has no exchange rate in profile ${profile.id} (fx.usdPer: ${Object.keys(profile.fx.usdPer).join(', ')})`,
      );
    return amount * rate;
  };
}

/** One route (possibly via a place) on the side's network, measured terminal to terminal. */
function measurer(
  networkFor: (scenario: string | undefined, classes?: string[]) => { atlas: Atlas; net: Network },
): Measure {
  return (side, cargo, date, optimize, defaultModes, classes) => {
    const { atlas: a, net } = networkFor(side.scenario, classes);
    const id = (text: string, what: string) => {
      try {
        return resolvePlace(a, text).id;
      } catch (e) {
        if (e instanceof GazetteerError) throw new Error(`${what}: ${e.message.split('\n')[0]}`);
        throw e;
      }
    };
    const stops = [id(side.from, 'from'), ...(side.via ? [id(side.via, 'via')] : []), id(side.to, 'to')];
    let when = date;
    let time = '08:00';
    const legs: Itinerary[] = [];
    for (let i = 0; i + 1 < stops.length; i++) {
      let result: ReturnType<typeof route>;
      try {
        result = route(net, {
          from: stops[i],
          to: stops[i + 1],
          date: when,
          time,
          cargo,
          qty: 1,
          optimize,
          modes: side.modes ?? defaultModes,
          avoid: side.avoid ?? [],
          horizonDays: 200,
        });
      } catch (e) {
        if (e instanceof RouteQueryError) throw new Error(e.message);
        throw e;
      }
      const it = result.itineraries[0];
      if (!it)
        throw new Error(`no itinerary ${stops[i]} → ${stops[i + 1]}: ${result.message ?? 'none found'}`);
      legs.push(it);
      // the next search leaves where and when this one arrived (local time of the arrival place)
      when = it.arrive.slice(0, 10);
      time = it.arrive.slice(11, 16);
    }
    return legOf(legs);
  };
}

/** Searches joined end to end as one leg: km and cost summed, hours terminal to terminal and door to door. */
function legOf(legs: Itinerary[]): Leg {
  const first = legs[0];
  const last = legs[legs.length - 1];
  // terminal to terminal: from the first leg's departure to the last leg's arrival
  const departs = first.legs[0]?.depart ?? first.depart;
  const arrives = last.legs[last.legs.length - 1]?.arrive ?? last.arrive;
  return {
    km: legs.reduce((s, l) => s + l.totals.km, 0),
    hours: (Date.parse(arrives) - Date.parse(departs)) / 3_600_000,
    doorHours: (Date.parse(last.arrive) - Date.parse(first.depart)) / 3_600_000,
    costUsd: legs.reduce((s, l) => s + l.totals.costUsd, 0),
    arrive: last.arrive,
    summary: legs.map((l) => l.summary).join(' + '),
  };
}

function residual(published: number, amur: number | null): Residual {
  return {
    published,
    amur: amur === null ? null : round(amur, 2),
    errorPct: amur === null ? null : round(((amur - published) / published) * 100, 1),
  };
}

/**
 * One observation: km and days from the fastest itinerary, cost from the
 * cheapest (searched only when the fastest was found), both routed with the
 * service classes its `service` names (`named`); a figure Amur cannot route
 * has a residual with no Amur value.
 */
function measureObservation(
  o: Corpus['observations'][number],
  measure: Measure,
  usd: ToUsd,
  named: ServiceClass[] = [],
): ObservationResult {
  const date = o.date ?? (o.year ? `${o.year}-06-15` : DEFAULT_DATE);
  const modes = o.modes ?? (o.mode === 'multimodal' ? undefined : [o.mode]);
  const r: ObservationResult = {
    id: o.id,
    file: o.file,
    split: o.split,
    mode: o.mode,
    ...(o.service ? { service: o.service } : {}),
    scope: o.scope,
    from: o.from,
    to: o.to,
    source: o.source,
    ...(named.length ? { serviceClasses: named.map((s) => s.label) } : {}),
  };
  const classes = named.map((s) => s.id);
  let fast: Leg | null = null;
  try {
    fast = measure(o, o.cargo, date, 'time', modes, classes);
    r.route = fast.summary;
  } catch (e) {
    r.problem = (e as Error).message;
  }
  if (o.km !== undefined) r.km = residual(o.km, fast ? fast.km : null);
  const hours = (l: Leg) => (o.scope === 'door-to-door' ? l.doorHours : l.hours);
  if (o.days !== undefined)
    r.days = {
      ...residual(o.days, fast ? hours(fast) / 24 : null),
      ...(o.daysBound ? { bound: o.daysBound } : {}),
    };
  if (o.cost !== undefined) {
    let cheap: Leg | null = null;
    if (fast) {
      try {
        cheap = measure(o, o.cargo, date, 'cost', modes, classes);
      } catch (e) {
        r.problem = (e as Error).message;
      }
    }
    r.cost = residual(round(usd(o.cost.amount, o.cost.currency), 2), cheap ? cheap.costUsd : null);
  }
  return r;
}

/** The shares within ±tolerance of one part of the corpus (all of it when `part` is undefined). */
export function sharesOf(
  observations: ObservationResult[],
  claims: ClaimResult[],
  part: Split | undefined,
  tolerance: number,
): PartShares {
  const rows = observations.filter((o) => !part || o.split === part);
  const cl = claims.filter((c) => !part || c.split === part);
  const share = (m: Metric): Share => {
    const withIt = rows.filter((o) => o[m] !== undefined);
    const within = withIt.filter((o) => isWithin(o[m] as Residual, tolerance)).length;
    return {
      n: withIt.length,
      within,
      share: withIt.length ? round(within / withIt.length, 3) : null,
      unrouted: withIt.filter((o) => o[m]?.amur === null).length,
    };
  };
  return {
    observations: rows.length,
    km: share('km'),
    days: share('days'),
    cost: share('cost'),
    claims: {
      n: cl.length,
      sameDirection: cl.filter((c) => c.sameDirection === true).length,
      within: cl.filter((c) => c.errorPct !== null && Math.abs(c.errorPct) <= tolerance).length,
    },
  };
}

/** The ten largest residuals over both parts, unrouted first. */
export function worstTen(observations: ObservationResult[]): WorstRow[] {
  return observations
    .flatMap((o) =>
      (['km', 'days', 'cost'] as const).flatMap((m) => {
        const r = o[m];
        // a maximum Amur keeps is no error, however far below it Amur is
        return r && !(r.bound && isWithin(r, 0)) ? [{ id: o.id, split: o.split, metric: m, ...r }] : [];
      }),
    )
    .sort((x, y) => badness(y.errorPct) - badness(x.errorPct))
    .slice(0, 10);
}

function measureClaim(c: Claim & { file: string }, measure: Measure, usd: ToUsd): ClaimResult {
  const date = c.date ?? (c.year ? `${c.year}-06-15` : DEFAULT_DATE);
  const optimize = c.metric === 'cost' ? 'cost' : 'time';
  const base: ClaimResult = {
    id: c.id,
    file: c.file,
    split: c.split,
    metric: c.metric,
    source: c.source,
    published: {
      ...(c.ratio !== undefined ? { ratio: c.ratio } : {}),
      ...(c.difference !== undefined ? { difference: c.difference } : {}),
    },
    amur: null,
    errorPct: null,
    sameDirection: null,
    ...(c.note ? { note: c.note } : {}),
  };
  let a: Leg;
  let b: Leg;
  try {
    a = measure(c.a, c.cargo, c.a.date ?? date, optimize, undefined);
    b = measure(c.b, c.cargo, c.b.date ?? date, optimize, undefined);
  } catch (e) {
    return { ...base, problem: (e as Error).message };
  }
  const value = (l: Leg) => (c.metric === 'km' ? l.km : c.metric === 'days' ? l.hours / 24 : l.costUsd);
  const va = value(a);
  const vb = value(b);
  const ratio = vb > 0 ? va / vb : Number.POSITIVE_INFINITY;
  const difference = va - vb;
  let errorPct: number | null = null;
  let sameDirection: boolean | null = null;
  if (c.ratio !== undefined) {
    errorPct = ((ratio - c.ratio) / c.ratio) * 100;
    sameDirection = Math.sign(ratio - 1) === Math.sign(c.ratio - 1);
  } else if (c.difference !== undefined) {
    const published = c.metric === 'cost' && c.currency ? usd(c.difference, c.currency) : c.difference;
    base.published.difference = round(published, 2);
    errorPct = published !== 0 ? ((difference - published) / Math.abs(published)) * 100 : null;
    sameDirection = Math.sign(difference) === Math.sign(published);
  }
  return {
    ...base,
    amur: { a: round(va, 2), b: round(vb, 2), ratio: round(ratio, 3), difference: round(difference, 2) },
    errorPct: errorPct === null ? null : round(errorPct, 1),
    sameDirection,
    route: { a: a.summary, b: b.summary },
  };
}

function badness(e: number | null): number {
  return e === null ? Number.POSITIVE_INFINITY : Math.abs(e);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
