/**
 * The router's entry points: `route(network, query) → RouteResult` and
 * `matrix(network, query) → MatrixResult`. Queries are validated with the
 * zod schemas of `schema.ts`; a query that names an unknown place, crossing
 * or country throws a `RouteQueryError` naming the parameter and what would
 * be valid.
 *
 * Optimisation:
 * - `time`, `cost`, `co2`: an exact single-criterion search subject to the
 *   calendars (waiting for a season is allowed and charged).
 * - `pareto`: the three single-criterion optima plus a multi-label search
 *   over (time, cost, CO2e) with relaxed dominance (`slack`); the result
 *   keeps only non-dominated itineraries and thins those within the slack of
 *   another one, always keeping each single-criterion optimum.
 * - `alternatives: k`: up to k more itineraries that differ materially from
 *   every one found before: through other border crossings, by another mix
 *   of modes, or over mostly other links (they share less than half their
 *   distance). Each round searches without the crossings used so far,
 *   without their links too, and without the mode that carries most of the
 *   best itinerary; the best such candidate on the optimised criterion wins,
 *   and its summary (and `differences`) says how it differs from itinerary 1.
 */
import { zonedToUtcMs } from '../atlas/calendar.ts';
import { CARGO_INDEX, FREIGHT_MODES, type FreightMode } from '../costs/profile.ts';
import { AmurError } from '../errors.ts';
import { formatCo2, formatDuration, formatUsd, serviceLabel } from '../itinerary/format.ts';
import { EDGE_KIND, MODE_CODES, type Network } from '../network/types.ts';
import { buildItinerary } from './itinerary.ts';
import {
  type Itinerary,
  MatrixQuery,
  type MatrixQueryInput,
  type MatrixResult,
  RouteQuery,
  type RouteQueryInput,
  type RouteResult,
  type RouteText,
} from './schema.ts';
import {
  type Criterion,
  type Labels,
  type LowerBounds,
  labelSearch,
  lowerBounds,
  type PathStep,
  pathOf,
  type SearchConstraints,
  SearchContext,
} from './search.ts';
import { LabelTree, scalarAll, scalarBounds, type TargetBounds } from './tree.ts';

/** A query the user can fix: names the parameter and what would be valid. */
export class RouteQueryError extends AmurError {
  constructor(
    override readonly parameter: string,
    message: string,
    override readonly valid?: string[],
  ) {
    super('input', `${parameter}: ${message}`, { parameter, valid });
    this.name = 'RouteQueryError';
  }
}

function placeOf(net: Network, id: string, parameter: string): number {
  const p = net.placeIndex.get(id);
  if (p === undefined) {
    const near = [...net.placeIndex.keys()].filter((k) => k.startsWith(id.slice(0, 3))).slice(0, 8);
    throw new RouteQueryError(
      parameter,
      `unknown place id "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`,
      near,
    );
  }
  return p;
}

function checkAvoid(net: Network, avoid: string[], from: number, to: number): void {
  const crossingIds = new Set(net.crossings.map((c) => c.crossingId));
  const countries = new Set(net.places.map((p) => p.country));
  avoid.forEach((a, i) => {
    if (!net.placeIndex.has(a) && !crossingIds.has(a) && !countries.has(a)) {
      throw new RouteQueryError(
        `avoid[${i}]`,
        `"${a}" is not a place id, a crossing id or a country code of the atlas (e.g. ${[...crossingIds].slice(0, 3).join(', ')}, ${[...countries].join(', ')})`,
      );
    }
    if (a === net.places[from].id || a === net.places[from].country)
      throw new RouteQueryError(`avoid[${i}]`, `"${a}" excludes the origin ${net.places[from].id}`);
    if (a === net.places[to].id || a === net.places[to].country)
      throw new RouteQueryError(`avoid[${i}]`, `"${a}" excludes the destination ${net.places[to].id}`);
  });
}

interface Found {
  steps: PathStep[];
  time: number;
  cost: number;
  co2: number;
  key: string;
}

/** How an alternative differs from itinerary 1: English sentences and their codes with params. */
interface Difference {
  words: string[];
  parts: RouteText[];
}

function collect(ctx: SearchContext, labels: Labels, ids: number[]): Found[] {
  return ids.map((id) => {
    const steps = pathOf(labels, id, ctx);
    return {
      steps,
      time: labels.time[id],
      cost: labels.cost[id],
      co2: labels.co2[id],
      key: steps.map((s) => s.edge).join(','),
    };
  });
}

function single(
  ctx: SearchContext,
  source: number,
  target: number,
  bounds: LowerBounds,
  criterion: Criterion,
): Found | null {
  const criteria: Criterion[] = criterion === 'time' ? ['time'] : [criterion, 'time'];
  const r = labelSearch(ctx, source, target, {
    criteria,
    slack: 0,
    primary: criterion,
    firstOnly: true,
    bounds,
  });
  const found = collect(ctx, r.labels, r.targets);
  if (found.length === 0) return null;
  const val = (f: Found) => (criterion === 'time' ? f.time : criterion === 'cost' ? f.cost : f.co2);
  found.sort((a, b) => val(a) - val(b) || a.time - b.time);
  return found[0];
}

const value = (f: Found, k: Criterion) => (k === 'time' ? f.time : k === 'cost' ? f.cost : f.co2);
const CRITERIA: Criterion[] = ['time', 'cost', 'co2'];

/** Keeps non-dominated members, then thins members within `slack` of another, keeping each single optimum. */
export function paretoFilter<T extends { time: number; cost: number; co2: number }>(
  items: T[],
  slack: number,
): T[] {
  const v = (f: T, k: Criterion) => (k === 'time' ? f.time : k === 'cost' ? f.cost : f.co2);
  const weakly = (a: T, b: T) => CRITERIA.every((k) => v(a, k) <= v(b, k) + 1e-9);
  const differs = (a: T, b: T) => CRITERIA.some((k) => Math.abs(v(a, k) - v(b, k)) > 1e-9);
  let kept = items.filter(
    (b, i) => !items.some((a, j) => j !== i && weakly(a, b) && (differs(a, b) || j < i)),
  );
  const optima = new Set<T>();
  for (const k of CRITERIA) {
    let best: T | undefined;
    for (const f of kept) if (!best || v(f, k) < v(best, k) - 1e-9) best = f;
    if (best) optima.add(best);
  }
  kept.sort((a, b) => a.time - b.time);
  const out: T[] = [];
  for (const f of kept) {
    if (optima.has(f)) {
      out.push(f);
      continue;
    }
    const near = [...optima, ...out].some(
      (a) => a !== f && CRITERIA.every((k) => v(a, k) <= v(f, k) * (1 + slack) + 1e-9),
    );
    if (!near) out.push(f);
  }
  kept = out.sort((a, b) => a.time - b.time);
  return kept;
}

/**
 * The departure as UTC milliseconds (the query's date and time at the
 * origin's `timezone`) and the latest acceptable arrival as hours after it.
 */
export function departure(
  q: Pick<RouteQuery, 'date' | 'time' | 'latestArrival'>,
  timezone: string,
): { startMs: number; latestArrivalHours?: number } {
  const startMs = zonedToUtcMs(
    q.date,
    Number(q.time.slice(0, 2)) * 60 + Number(q.time.slice(3, 5)),
    timezone,
  );
  if (!q.latestArrival) return { startMs };
  const latestArrivalHours = (Date.parse(q.latestArrival) - startMs) / 3_600_000;
  if (!(latestArrivalHours > 0))
    throw new RouteQueryError(
      'latestArrival',
      `${q.latestArrival} is not after the departure ${q.date} ${q.time} (${timezone})`,
    );
  return { startMs, latestArrivalHours };
}

/** Marks each itinerary with the criteria it is best (or within 1e-6 of best) on. */
export function markBestFor(itineraries: Itinerary[]): void {
  for (const k of CRITERIA) {
    const key = k === 'time' ? 'hours' : k === 'cost' ? 'costUsd' : 'co2eKg';
    let best = Number.POSITIVE_INFINITY;
    for (const it of itineraries) best = Math.min(best, it.totals[key]);
    for (const it of itineraries) if (it.totals[key] <= best + 1e-6) it.bestFor.push(k);
  }
}

/** A search on the query's network with some crossings, links or modes taken away. */
interface Variant {
  forbidCrossings?: Set<string>;
  forbidLinks?: Set<string>;
  modes?: RouteQuery['modes'];
}

/**
 * The searches that may find an alternative to the itineraries `found` (best
 * first): (a) other border crossings, (b) none of their links and other
 * crossings, (c) only the middle of the best one changed, (d) without the
 * mode that carries most of the best one's distance.
 */
function alternativeVariants(net: Network, found: Found[], allModes: FreightMode[]): Variant[] {
  const usedCrossings = new Set<string>();
  const usedLinks = new Set<string>();
  for (const f of found) {
    for (const id of crossingIdsOf(net, f)) usedCrossings.add(id);
    for (const id of linkIdsOf(net, f)) if (!id.startsWith('overlay:')) usedLinks.add(id);
  }
  const main = mainMode(net, found[0]);
  const variants: Variant[] = [
    { forbidCrossings: usedCrossings },
    { forbidCrossings: usedCrossings, forbidLinks: usedLinks },
    // only the middle of the best itinerary: the same first and last miles, another way between
    { forbidLinks: middleLinks(net, found[0]) },
  ];
  const fewerModes = allModes.filter((m) => m !== main);
  if (main && fewerModes.length > 0) variants.push({ modes: fewerModes });
  return variants;
}

/** Plans a route. See the module comment for the optimisation modes. */
export function route(net: Network, input: RouteQueryInput): RouteResult {
  const parsed = RouteQuery.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RouteQueryError(issue.path.join('.') || 'query', issue.message);
  }
  const q = parsed.data;
  const t0 = performance.now();
  const from = placeOf(net, q.from, 'from');
  const to = placeOf(net, q.to, 'to');
  if (from === to) throw new RouteQueryError('to', `the destination is the origin (${q.from})`);
  checkAvoid(net, q.avoid, from, to);
  const { startMs, latestArrivalHours } = departure(q, net.places[from].timezone);
  const source = net.gateNode[from];
  const target = net.gateNode[to];
  let labelCount = 0;
  const cursors: SearchConstraints['cursors'] = [];

  const contextFor = (v: Variant = {}) =>
    new SearchContext(net, {
      cargo: q.cargo,
      startMs,
      horizonDays: q.horizonDays,
      modes: v.modes ?? q.modes,
      avoid: q.avoid,
      forbidCrossings: v.forbidCrossings,
      forbidLinks: v.forbidLinks,
      maxTransfers: q.maxTransfers,
      latestArrivalHours,
      cursors,
    });

  const run = (v: Variant = {}): Found[] => {
    const ctx = contextFor(v);
    const bounds = lowerBounds(ctx, target);
    if (!Number.isFinite(bounds.time[source])) return [];
    if (q.optimize !== 'pareto') {
      const f = single(ctx, source, target, bounds, q.optimize === 'co2' ? 'co2' : q.optimize);
      return f ? [f] : [];
    }
    const optima = CRITERIA.map((k) => single(ctx, source, target, bounds, k)).filter(
      (f): f is Found => f !== null,
    );
    if (optima.length === 0) return [];
    const r = labelSearch(ctx, source, target, {
      criteria: CRITERIA,
      slack: q.slack,
      primary: 'time',
      bounds,
    });
    labelCount += r.labels.size;
    const all = new Map<string, Found>();
    for (const f of [...optima, ...collect(ctx, r.labels, r.targets)]) if (!all.has(f.key)) all.set(f.key, f);
    return paretoFilter([...all.values()], q.slack);
  };

  const found: { f: Found; differences?: Difference }[] = run().map((f) => ({ f }));
  // Alternatives that differ materially: each round tries (a) other border crossings, (b) none of the
  // links of the itineraries found so far (and other crossings), (c) without the mode that carries most
  // of the best itinerary's distance; it keeps the best candidate, on the optimised criterion, that
  // differs from every itinerary found by its crossings, its modes or most of its distance.
  const crit: Criterion = q.optimize === 'pareto' ? 'time' : q.optimize;
  const allModes = q.modes ?? [...FREIGHT_MODES];
  for (let k = 0; k < q.alternatives && found.length > 0; k++) {
    const variants = alternativeVariants(
      net,
      found.map((x) => x.f),
      allModes,
    );
    let best: { f: Found; differences: Difference } | null = null;
    const seen = new Set(found.map((x) => x.f.key));
    for (const v of variants) {
      for (const m of run(v)) {
        if (seen.has(m.key)) continue;
        seen.add(m.key);
        if (!found.every((x) => materiallyDifferent(net, m, x.f))) continue;
        if (!best || value(m, crit) < value(best.f, crit))
          best = { f: m, differences: differences(net, m, found[0].f) };
      }
    }
    if (!best) break;
    found.push(best);
  }

  const baseContext = contextFor();
  const itineraries: Itinerary[] = found.map(({ f, differences: diff }, i) => {
    const it = buildItinerary(baseContext, f.steps, { qty: q.qty, riskDays: q.riskDays });
    if (diff && i > 0) {
      it.differences = diff.words;
      it.differenceParts = diff.parts;
      it.summary = `${it.summary}; alternative to itinerary 1: ${diff.words.join('; ')}`;
    }
    return it;
  });
  markBestFor(itineraries);
  // a weight limit that keeps this cargo off a better crossing service: say that it forces a detour
  const bit = 1 << CARGO_INDEX[q.cargo];
  if (found.length > 0 && net.crossings.some((c) => ((c.weightExcluded ?? 0) & bit) !== 0)) {
    const crit: Criterion = q.optimize === 'pareto' ? 'time' : q.optimize;
    const ctx = new SearchContext(net, {
      cargo: q.cargo,
      startMs,
      horizonDays: q.horizonDays,
      modes: q.modes,
      avoid: q.avoid,
      maxTransfers: q.maxTransfers,
      latestArrivalHours,
      cursors,
      ignoreWeightLimits: true,
    });
    const warning = weightLimitDetour(
      ctx,
      source,
      target,
      crit,
      Math.min(...found.map((x) => value(x.f, crit))),
      q.qty,
    );
    if (warning) for (const it of itineraries) it.warnings.push(warning);
  }
  // bulk by road over a distance: say why rail does not carry it (what rail would cost, or what stops it)
  if (
    found.length > 0 &&
    (q.cargo === 'bulk' || q.cargo === 'liquid') &&
    (!q.modes || q.modes.includes('rail'))
  ) {
    const note = railNotUsed(net, found[0].f, from, to, bit, crit, q.qty, () => {
      const r = run({ modes: ['rail'] });
      return r.length ? r.reduce((a, b) => (value(b, crit) < value(a, crit) ? b : a)) : null;
    });
    if (note) itineraries[0]?.warnings.push(note);
  }
  const result: RouteResult = {
    query: q,
    itineraries,
    stats: {
      labels: labelCount,
      searchMs: Math.round((performance.now() - t0) * 100) / 100,
      compileMs: Math.round(net.compileMs * 100) / 100,
    },
  };
  if (itineraries.length === 0) {
    const why = explainNoRoute(net, q, from, to, startMs);
    result.message = why.message;
    result.explanation = why.explanation;
  }
  return result;
}

/** Minimum road distance (km) of a bulk itinerary above which Amur explains why rail does not carry it. */
const RAIL_EXPLAIN_KM = 150;

/** Does the place load (or unload) this cargo onto rail? Load and unload edges are made together. */
function railHandles(net: Network, place: number, bit: number): boolean {
  const gate = net.gateNode[place];
  for (let e = net.offsets[gate]; e < net.offsets[gate + 1]; e++)
    if (net.kind[e] === EDGE_KIND.load && MODE_CODES[net.mode[e]] === 'rail' && net.cargoMask[e] & bit)
      return true;
  return false;
}

/**
 * Why a bulk itinerary that goes mostly by road does not go by rail: the
 * cheapest (or fastest) all-rail itinerary and what it costs or takes more,
 * or the place that does not hand the cargo over to rail (its atlas record
 * gives no capability for it), or the absence of a rail connection.
 */
function railNotUsed(
  net: Network,
  best: Found,
  from: number,
  to: number,
  bit: number,
  crit: Criterion,
  qty: number,
  railBest: () => Found | null,
): Itinerary['warnings'][number] | null {
  if (mainMode(net, best) !== 'road') return null;
  let roadKm = 0;
  for (const s of best.steps)
    if (net.kind[s.edge] === EDGE_KIND.link && MODE_CODES[net.mode[s.edge]] === 'road')
      roadKm += net.km[s.edge];
  if (roadKm < RAIL_EXPLAIN_KM) return null;
  const name = (p: number) => net.places[p].name;
  const unit = qty === 1 ? 'per tonne' : `for ${qty} t`;
  const blocked = [from, to].filter((p) => !railHandles(net, p, bit));
  if (blocked.length > 0)
    return {
      kind: 'note',
      code: 'rail-not-used.no-capability',
      params: {
        placeIds: blocked.map((p) => net.places[p].id),
        placeNames: blocked.map(name),
        roadKm: Math.round(roadKm),
      },
      message: `rail not used: ${blocked.map(name).join(' and ')} ${blocked.length > 1 ? 'do' : 'does'} not load this cargo onto rail (the atlas record gives no capability for it), so it cannot start or end by rail there`,
    };
  const rail = railBest();
  if (!rail)
    return {
      kind: 'note',
      code: 'rail-not-used.no-rail-route',
      params: {
        fromId: net.places[from].id,
        fromName: name(from),
        toId: net.places[to].id,
        toName: name(to),
        roadKm: Math.round(roadKm),
      },
      message: `rail not used: no all-rail itinerary from ${name(from)} to ${name(to)} for this cargo on this date (a missing link, a closed crossing or a yard that cannot change its gauge)`,
    };
  const what =
    crit === 'time'
      ? `${((rail.time - best.time) / 24).toFixed(1)} more days (${(rail.time / 24).toFixed(1)} against ${(best.time / 24).toFixed(1)})`
      : crit === 'cost'
        ? `${formatUsd((rail.cost - best.cost) * qty)} more ${unit} (${formatUsd(rail.cost * qty)} against ${formatUsd(best.cost * qty)})`
        : `${formatCo2((rail.co2 - best.co2) * qty)} more CO2e (${formatCo2(rail.co2 * qty)} against ${formatCo2(best.co2 * qty)})`;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const [r, b] =
    crit === 'time'
      ? [rail.time, best.time]
      : crit === 'cost'
        ? [rail.cost * qty, best.cost * qty]
        : [rail.co2 * qty, best.co2 * qty];
  const unitOf = { time: 'h', cost: 'usd', co2: 'kg-co2e' } as const;
  return {
    kind: 'note',
    code:
      crit === 'time'
        ? 'rail-not-used.slower'
        : crit === 'cost'
          ? 'rail-not-used.costlier'
          : 'rail-not-used.more-co2',
    params: {
      criterion: crit,
      unit: unitOf[crit],
      rail: round2(r),
      best: round2(b),
      more: round2(r - b),
      qty,
      roadKm: Math.round(roadKm),
    },
    message: `rail not used: the best all-rail itinerary takes ${what}; its loading, transshipment or gauge change, and the waits for them, outweigh the cheaper rail tariff over ${Math.round(roadKm)} km`,
  };
}

function crossingIdsOf(net: Network, f: Found): string[] {
  const ids: string[] = [];
  for (const s of f.steps)
    if (net.kind[s.edge] === EDGE_KIND.crossing) ids.push(net.crossings[net.ref[s.edge]].crossingId);
  return ids;
}

function linkIdsOf(net: Network, f: Found): string[] {
  const ids: string[] = [];
  for (const s of f.steps) if (net.kind[s.edge] === EDGE_KIND.link) ids.push(net.links[net.ref[s.edge]].id);
  return ids;
}

/** Km per stretch of line an itinerary runs on: atlas links by id, overlay edges by their end nodes. */
function stretches(net: Network, f: Found): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of f.steps) {
    const e = s.edge;
    if (net.kind[e] !== EDGE_KIND.link && net.kind[e] !== EDGE_KIND.crossing) continue;
    let key: string;
    if (net.kind[e] === EDGE_KIND.crossing) key = `crossing:${net.crossings[net.ref[e]].crossingId}`;
    else {
      const id = net.links[net.ref[e]].id;
      const u = net.tail[e];
      const v = net.targets[e];
      key = id.startsWith('overlay:') ? `${id}:${Math.min(u, v)}-${Math.max(u, v)}` : id;
    }
    out.set(key, (out.get(key) ?? 0) + net.km[e]);
  }
  return out;
}

/** Modes an itinerary moves on (links and crossings), in order of first use. */
function modesOf(net: Network, f: Found): string[] {
  const out: string[] = [];
  for (const s of f.steps) {
    const k = net.kind[s.edge];
    if (k !== EDGE_KIND.link && k !== EDGE_KIND.crossing) continue;
    const m = MODE_CODES[net.mode[s.edge]];
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** Atlas links whose middle lies in the middle half (25–75%) of an itinerary's distance. */
function middleLinks(net: Network, f: Found): Set<string> {
  let total = 0;
  for (const s of f.steps) total += net.km[s.edge];
  const out = new Set<string>();
  let at = 0;
  for (const s of f.steps) {
    const km = net.km[s.edge];
    const mid = at + km / 2;
    at += km;
    if (net.kind[s.edge] !== EDGE_KIND.link) continue;
    const id = net.links[net.ref[s.edge]].id;
    if (!id.startsWith('overlay:') && mid >= total * 0.25 && mid <= total * 0.75) out.add(id);
  }
  return out;
}

/** The mode that carries most of an itinerary's distance. */
function mainMode(net: Network, f: Found): FreightMode | undefined {
  const km = new Map<string, number>();
  for (const s of f.steps)
    if (net.kind[s.edge] === EDGE_KIND.link) {
      const m = MODE_CODES[net.mode[s.edge]];
      km.set(m, (km.get(m) ?? 0) + net.km[s.edge]);
    }
  let best: string | undefined;
  for (const [m, x] of km) if (!best || x > (km.get(best) ?? 0)) best = m;
  return best as FreightMode | undefined;
}

/** Share of `a`'s distance on stretches `b` also runs on (0…1). */
function sharedShare(net: Network, a: Found, b: Found): number {
  const sa = stretches(net, a);
  const sb = stretches(net, b);
  let total = 0;
  let shared = 0;
  for (const [k, km] of sa) {
    total += km;
    if (sb.has(k)) shared += km;
  }
  return total > 0 ? shared / total : 1;
}

/** Two itineraries differ materially when their crossings or modes differ, or they share less than half their distance. */
export const MATERIAL_SHARED_SHARE = 0.5;

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function materiallyDifferent(net: Network, a: Found, b: Found): boolean {
  if (!sameSet(crossingIdsOf(net, a), crossingIdsOf(net, b))) return true;
  if (!sameSet(modesOf(net, a), modesOf(net, b))) return true;
  return sharedShare(net, a, b) < MATERIAL_SHARED_SHARE;
}

const listOf = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** How `a` differs from `b`, in words (English) and as codes with params: crossings, modes, shared distance. */
function differences(net: Network, a: Found, b: Found): Difference {
  const words: string[] = [];
  const parts: RouteText[] = [];
  const ca = [...new Set(crossingIdsOf(net, a))];
  const cb = [...new Set(crossingIdsOf(net, b))];
  const name = (id: string) => net.crossings.find((c) => c.crossingId === id)?.crossingName ?? id;
  if (!sameSet(ca, cb)) {
    const via = ca.length ? `through ${listOf(ca.map(name))}` : 'with no border crossing';
    const instead = cb.length ? ` instead of ${listOf(cb.map(name))}` : '';
    words.push(`${via}${instead}`);
    const these = { crossingIds: ca, crossingNames: ca.map(name) };
    const those = { insteadIds: cb, insteadNames: cb.map(name) };
    if (!ca.length) parts.push({ code: 'difference.no-crossing', params: those });
    else if (!cb.length) parts.push({ code: 'difference.crossings-added', params: these });
    else parts.push({ code: 'difference.crossings', params: { ...these, ...those } });
  }
  const ma = modesOf(net, a);
  const mb = modesOf(net, b);
  if (!sameSet(ma, mb)) {
    words.push(`by ${listOf(ma)} instead of ${listOf(mb)}`);
    parts.push({ code: 'difference.modes', params: { modes: ma, insteadModes: mb } });
  }
  const percent = Math.round(sharedShare(net, a, b) * 100);
  words.push(`shares ${percent}% of its distance with itinerary 1`);
  parts.push({ code: 'difference.shared', params: { percent } });
  return { words, parts };
}

/**
 * When the best path with weight limits lifted crosses a service the cargo's
 * loaded truck is too heavy for, and beats `best` on `crit`, a warning that
 * names the service, its limit, the truck's weight and what the detour costs.
 */
function weightLimitDetour(
  ctx: SearchContext,
  source: number,
  target: number,
  crit: Criterion,
  best: number,
  qty: number,
): Itinerary['warnings'][number] | null {
  const net = ctx.net;
  const bounds = lowerBounds(ctx, target);
  if (!Number.isFinite(bounds.time[source])) return null;
  const f = single(ctx, source, target, bounds, crit);
  if (!f || value(f, crit) >= best - 1e-6) return null;
  const bit = 1 << ctx.cargo;
  const over = f.steps.find((s) => net.kind[s.edge] === EDGE_KIND.crossing && !(net.cargoMask[s.edge] & bit));
  if (!over) return null;
  const cr = net.crossings[net.ref[over.edge]];
  const cargo = ctx.c.cargo;
  const gross = net.profile.modes.road.grossWeightT?.[cargo];
  const load =
    cargo === 'bulk'
      ? 'a bulk load'
      : cargo === 'liquid'
        ? 'a liquid load'
        : `one loaded ${cargo.toUpperCase()}`;
  const gain = best - value(f, crit);
  const saving =
    crit === 'time'
      ? `arrive ${formatDuration(gain)} earlier`
      : crit === 'cost'
        ? `cost ${formatUsd(gain * qty)} less`
        : `emit ${formatCo2(gain * qty)} less`;
  return {
    kind: 'weight-limit',
    code: 'weight-limit',
    params: {
      crossingId: cr.crossingId,
      crossingName: cr.crossingName,
      serviceId: cr.serviceId,
      serviceName: cr.serviceName,
      facility: cr.facility,
      limitT: cr.weightLimitT ?? null,
      grossT: gross ?? null,
      cargo,
      criterion: crit,
      unit: crit === 'time' ? 'h' : crit === 'cost' ? 'usd' : 'kg-co2e',
      gain: Math.round((crit === 'time' ? gain : gain * qty) * 100) / 100,
    },
    message: `the ${serviceLabel(cr.crossingName, cr.serviceName)} has a ${cr.weightLimitT} t limit and a truck with ${load} weighs about ${gross} t (profile modes.road.grossWeightT), so the route avoids it; over it the cargo would ${saving}`,
  };
}

/** Why no itinerary was found, in English (`message`) and as a code with params (`explanation`). */
function explainNoRoute(
  net: Network,
  q: RouteQuery,
  from: number,
  to: number,
  startMs: number,
): { message: string; explanation: RouteText } {
  const ctx = new SearchContext(net, {
    cargo: q.cargo,
    startMs,
    horizonDays: q.horizonDays,
    modes: q.modes,
    avoid: q.avoid,
  });
  const lb = lowerBounds(ctx, net.gateNode[to]);
  const a = net.places[from].name;
  const b = net.places[to].name;
  const ends = { fromId: net.places[from].id, fromName: a, toId: net.places[to].id, toName: b };
  if (!Number.isFinite(lb.time[net.gateNode[from]])) {
    return {
      message: `${a} and ${b} are not connected for ${q.cargo} with the allowed modes${q.avoid.length ? ` while avoiding ${q.avoid.join(', ')}` : ''} (a place may lack the capability to handle ${q.cargo}, or a link is missing in the atlas)`,
      explanation: {
        code: 'no-route.not-connected',
        params: { ...ends, cargo: q.cargo, avoid: [...q.avoid] },
      },
    };
  }
  return {
    message: `${a} and ${b} are connected, but no itinerary opens within ${q.horizonDays} days of ${q.date}${q.maxTransfers !== undefined ? ` with at most ${q.maxTransfers} transfers` : ''}${q.latestArrival ? ` arriving by ${q.latestArrival}` : ''}`,
    explanation: {
      code: 'no-route.no-itinerary',
      params: {
        ...ends,
        horizonDays: q.horizonDays,
        date: q.date,
        maxTransfers: q.maxTransfers ?? null,
        latestArrival: q.latestArrival ?? null,
      },
    },
  };
}

/** A many-to-many matrix of earliest arrival (hours), cost (USD) or CO2e (kg) per cargo unit. */
export function matrix(
  net: Network,
  input: MatrixQueryInput,
  rows?: { start: number; end: number },
): MatrixResult {
  const parsed = MatrixQuery.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RouteQueryError(issue.path.join('.') || 'query', issue.message);
  }
  const q = parsed.data;
  const t0 = performance.now();
  const fromIdx = q.from.map((id, i) => placeOf(net, id, `from[${i}]`));
  const toIdx = q.to.map((id, i) => placeOf(net, id, `to[${i}]`));
  const values: (number | null)[][] = [];
  const start = rows?.start ?? 0;
  const end = rows?.end ?? fromIdx.length;
  // the destinations' lower bounds depend on the edges open to the query, the same for every origin
  let bounds: TargetBounds | undefined;
  const tree = new LabelTree(net.nodeCount);
  for (let i = start; i < end; i++) {
    const origin = net.places[fromIdx[i]];
    const startMs = zonedToUtcMs(
      q.date,
      Number(q.time.slice(0, 2)) * 60 + Number(q.time.slice(3, 5)),
      origin.timezone,
    );
    const ctx = new SearchContext(net, {
      cargo: q.cargo,
      startMs,
      horizonDays: q.horizonDays,
      modes: q.modes,
      avoid: q.avoid,
    });
    // (on time one label per node and way to go on is exact: no bounds needed)
    if (!bounds && q.metric !== 'time')
      bounds = scalarBounds(
        ctx,
        q.metric,
        toIdx.map((p) => net.gateNode[p]),
      );
    const r = scalarAll(ctx, net.gateNode[fromIdx[i]], q.metric, bounds, tree);
    values.push(
      toIdx.map((p) => {
        const x = r.value[net.gateNode[p]];
        return Number.isFinite(x) ? Math.round(x * 100) / 100 : null;
      }),
    );
  }
  return {
    query: q,
    unit: q.metric === 'time' ? 'hours' : q.metric === 'cost' ? 'usd' : 'kgCO2e',
    values,
    stats: { searchMs: Math.round((performance.now() - t0) * 100) / 100, workers: 1 },
  };
}
