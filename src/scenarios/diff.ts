/**
 * `diffScenarios(a, b, pairs, opts)`: routes every OD pair on every date in
 * both scenario networks with the router (`route()`, one optimum on the
 * chosen criterion) and compares them: per pair and date the change in time,
 * cost and CO2e, the crossings and corridors used before and after and
 * whether the shipment switches; per crossing and link the change in use;
 * summary statistics overall and per date. The CLI (`amur scenario diff`),
 * the API and the web app's scenario view print this same object.
 */
import { zonedToUtcMs } from '../atlas/calendar.ts';
import { CARGO_COUNT, EDGE_KIND, MODE_CODES } from '../network/types.ts';
import {
  costBounds,
  costTree,
  generalisedCost,
  TreeBuffers,
  waitCostPerTonneHour,
} from '../routing/cost-tree.ts';
import { RouteQueryError, route } from '../routing/index.ts';
import type { Itinerary } from '../routing/schema.ts';
import { SearchContext } from '../routing/search.ts';
import { type ScenarioNetwork, transitAvoid } from './apply.ts';
import type { PairDiff, RouteSummary, ScenarioDiff } from './diff-schema.ts';
import type { OdPair } from './schema.ts';

export interface DiffOptions {
  /** Departure dates (local time of the origin, 08:00). */
  dates: string[];
  /**
   * The router's single criteria, or `generalised`: the assignment's
   * generalised cost (money + value of time + carbon price, waiting at storage
   * rate + value of time) on a one-to-all tree (`costTree`).
   */
  optimize?: 'time' | 'cost' | 'co2' | 'generalised';
  /** Value of time for `generalised`, USD per tonne-hour (default 0.05). */
  votUsdPerTonneHour?: number;
  /** Carbon price for `generalised`, USD per tonne CO2e (default 0). */
  carbonUsdPerTonne?: number;
  /** How long a shipment may wait for a season, days (router default 120). */
  horizonDays?: number;
}

export type { DateSummary, PairDiff, RouteSummary, ScenarioDiff, UseDiff } from './diff-schema.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

function summarise(it: Itinerary): RouteSummary {
  const corridors = new Set<string>();
  const lines = new Set<string>();
  const modes = new Set<string>();
  const links = new Set<string>();
  for (const l of it.legs) {
    if (l.corridor) corridors.add(l.corridor);
    if (l.line && !l.crossing) lines.add(l.line);
    modes.add(l.mode);
    for (const id of l.linkIds) links.add(id);
  }
  return {
    hours: r2(it.totals.hours),
    days: r2(it.totals.hours / 24),
    costUsd: r2(it.totals.costUsd),
    co2eKg: r2(it.totals.co2eKg),
    km: r2(it.totals.km),
    waitHours: r2(it.totals.waitHours),
    crossings: it.crossings.map((c) => `${c.id}/${c.service}`),
    corridors: [...corridors],
    lines: [...lines],
    modes: [...modes],
    links: [...links],
    summary: it.summary,
  };
}

function routeOne(
  s: ScenarioNetwork,
  pair: OdPair,
  date: string,
  opts: DiffOptions,
  trees: TreeCache,
): { summary: RouteSummary | null; message?: string } {
  const net = s.network;
  const fi = net.placeIndex.get(pair.from);
  const ti = net.placeIndex.get(pair.to);
  if (fi === undefined || ti === undefined)
    return {
      summary: null,
      message: `place ${fi === undefined ? pair.from : pair.to} is not in scenario ${s.id}`,
    };
  const avoid = transitAvoid(s.rules, net.places[fi].country, net.places[ti].country);
  if (opts.optimize === 'generalised') return generalisedRoute(s, pair, date, opts, fi, ti, avoid, trees);
  try {
    const r = route(net, {
      from: pair.from,
      to: pair.to,
      date,
      cargo: pair.cargo,
      optimize: opts.optimize ?? 'cost',
      modes: pair.modes,
      avoid,
      horizonDays: opts.horizonDays,
    });
    const it = r.itineraries[0];
    return it ? { summary: summarise(it) } : { summary: null, message: r.message };
  } catch (e) {
    if (e instanceof RouteQueryError) return { summary: null, message: e.message };
    throw e;
  }
}

/** Trees of one `diffScenarios` call, per scenario. */
type TreeCache = Map<ScenarioNetwork, Map<string, { ctx: SearchContext; buf: TreeBuffers }>>;

/** The least generalised-cost path from the origin's door to the destination's, summarised like an itinerary. */
function generalisedRoute(
  s: ScenarioNetwork,
  pair: OdPair,
  date: string,
  opts: DiffOptions,
  fi: number,
  ti: number,
  avoid: string[],
  trees: TreeCache,
): { summary: RouteSummary | null; message?: string } {
  const net = s.network;
  const vot = opts.votUsdPerTonneHour ?? 0.05;
  // one tree per scenario, pair of places, cargo, date, modes and avoid list, exact at the destination
  const key = `${fi}|${ti}|${pair.cargo}|${date}|${pair.modes?.join(',') ?? ''}|${avoid.join(',')}`;
  let cache = trees.get(s);
  if (!cache) {
    cache = new Map();
    trees.set(s, cache);
  }
  let hit = cache.get(key);
  if (!hit) {
    const ctx = new SearchContext(net, {
      cargo: pair.cargo,
      startMs: zonedToUtcMs(date, 8 * 60, net.places[fi].timezone),
      horizonDays: opts.horizonDays ?? 120,
      modes: pair.modes,
      avoid,
    });
    const buf = new TreeBuffers(net.nodeCount);
    const gc = generalisedCost(net, pair.cargo, vot, opts.carbonUsdPerTonne ?? 0);
    const dest = [net.gateNode[ti]];
    costTree(
      ctx,
      net.gateNode[fi],
      gc,
      waitCostPerTonneHour(net, pair.cargo, vot),
      null,
      buf,
      costBounds(ctx, gc, dest),
    );
    hit = { ctx, buf };
    cache.set(key, hit);
  }
  const { ctx, buf } = hit;
  const dest = net.gateNode[ti];
  if (!Number.isFinite(buf.cost[dest]))
    return {
      summary: null,
      message: `no itinerary from ${pair.from} to ${pair.to} for ${pair.cargo} within ${opts.horizonDays ?? 120} days of ${date}${avoid.length ? ` avoiding ${avoid.join(', ')}` : ''}`,
    };
  const c = ctx.cargo;
  let cost = 0;
  let co2 = 0;
  let km = 0;
  let wait = 0;
  const crossings: string[] = [];
  const corridors = new Set<string>();
  const lines = new Set<string>();
  const modes = new Set<string>();
  const links = new Set<string>();
  for (const { edge: e, wait: w } of buf.stepsTo(ctx, dest)) {
    const k = e * CARGO_COUNT + c;
    wait += w;
    cost += net.costUsd[k] + w * ctx.waitUsdPerHour;
    co2 += net.co2eKg[k];
    km += net.km[e];
    if (net.kind[e] === EDGE_KIND.crossing) {
      const x = net.crossings[net.ref[e]];
      crossings.push(`${x.crossingId}/${x.serviceId}`);
      modes.add(MODE_CODES[net.mode[e]]);
    } else if (net.kind[e] === EDGE_KIND.link) {
      const l = net.links[net.ref[e]];
      links.add(l.id);
      if (l.corridor) corridors.add(l.corridor);
      if (l.line) lines.add(l.line);
      modes.add(MODE_CODES[net.mode[e]]);
    }
  }
  const hours = buf.time[dest];
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    summary: {
      hours: r(hours),
      days: r(hours / 24),
      costUsd: r(cost),
      co2eKg: r(co2),
      km: r(km),
      waitHours: r(wait),
      crossings,
      corridors: [...corridors],
      lines: [...lines],
      modes: [...modes],
      links: [...links],
      summary: `${net.places[fi].name} → ${net.places[ti].name} by ${[...modes].join(' and ')}${crossings.length ? ` over ${crossings.join(', ')}` : ''}, ${r(hours / 24)} days, $${Math.round(cost)} (least generalised cost)`,
    },
  };
}

const same = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/** How a shipment's route changed between two scenarios. */
export function changeOf(before: RouteSummary | null, after: RouteSummary | null): PairDiff['change'] {
  if (before && after)
    return same(before.crossings, after.crossings) &&
      same(before.corridors, after.corridors) &&
      same(before.lines, after.lines)
      ? same(before.links, after.links)
        ? 'same'
        : 'rerouted'
      : 'switched';
  if (after) return 'new-route';
  if (before) return 'lost-route';
  return 'no-route';
}

type Yearly = NonNullable<ScenarioDiff['summary']['yearly']>;

/**
 * The year's effect where pairs carry tonnes per year: each pair's tonnes
 * spread evenly over the `dateCount` dates, its deltas per cargo unit scaled
 * by the units those tonnes make (`tonnesPerUnit`); undefined when no pair
 * has tonnes.
 */
export function yearlyEffect(
  pairs: OdPair[],
  diffs: PairDiff[],
  tonnesPerUnit: Record<string, number>,
  dateCount: number,
): Yearly | undefined {
  if (!pairs.some((p) => p.tonnesPerYear !== undefined)) return undefined;
  const weight = new Map(pairs.map((p) => [`${p.from}|${p.to}|${p.cargo}`, p.tonnesPerYear ?? 0]));
  const yearly: Yearly = {
    tonnes: 0,
    comparedTonnes: 0,
    switchedTonnes: 0,
    deltaCostUsd: 0,
    deltaCo2eKg: 0,
    deltaTonneHours: 0,
  };
  for (const p of pairs) yearly.tonnes += p.tonnesPerYear ?? 0;
  for (const d of diffs) {
    const t = (weight.get(`${d.from}|${d.to}|${d.cargo}`) ?? 0) / dateCount;
    if (!d.delta) continue;
    const units = t / tonnesPerUnit[d.cargo];
    yearly.comparedTonnes += t;
    if (d.switched) yearly.switchedTonnes += t;
    yearly.deltaCostUsd += units * d.delta.costUsd;
    yearly.deltaCo2eKg += units * d.delta.co2eKg;
    yearly.deltaTonneHours += t * d.delta.hours;
  }
  for (const k of Object.keys(yearly) as (keyof typeof yearly)[]) yearly[k] = Math.round(yearly[k]);
  return yearly;
}

/** Compares scenario `a` (before) with `b` (after) over OD pairs and dates. */
export function diffScenarios(
  a: ScenarioNetwork,
  b: ScenarioNetwork,
  pairs: OdPair[],
  opts: DiffOptions,
): ScenarioDiff {
  const t0 = performance.now();
  const trees: TreeCache = new Map();
  const out: PairDiff[] = [];
  const crossingUse = new Map<string, { name: string; before: number; after: number }>();
  const linkUse = new Map<string, { before: number; after: number }>();
  const crossingName = new Map<string, string>();
  for (const s of [a, b])
    for (const c of s.network.crossings)
      crossingName.set(`${c.crossingId}/${c.serviceId}`, c.crossingName + ' ' + c.serviceName);
  let routes = 0;
  for (const date of opts.dates) {
    for (const pair of pairs) {
      const x = routeOne(a, pair, date, opts, trees);
      const y = routeOne(b, pair, date, opts, trees);
      routes += 2;
      const before = x.summary;
      const after = y.summary;
      const change = changeOf(before, after);
      const d: PairDiff = {
        from: pair.from,
        to: pair.to,
        cargo: pair.cargo,
        date,
        before,
        after,
        delta:
          before && after
            ? {
                hours: r2(after.hours - before.hours),
                costUsd: r2(after.costUsd - before.costUsd),
                co2eKg: r2(after.co2eKg - before.co2eKg),
              }
            : null,
        switched: change === 'switched' || change === 'new-route' || change === 'lost-route',
        change,
      };
      if (x.message) d.beforeMessage = x.message;
      if (y.message) d.afterMessage = y.message;
      out.push(d);
      for (const [sum, key] of [
        [before, 'before'],
        [after, 'after'],
      ] as const) {
        if (!sum) continue;
        for (const c of new Set(sum.crossings)) {
          let u = crossingUse.get(c);
          if (!u) {
            u = { name: crossingName.get(c) ?? c, before: 0, after: 0 };
            crossingUse.set(c, u);
          }
          u[key]++;
        }
        for (const l of sum.links) {
          let u = linkUse.get(l);
          if (!u) {
            u = { before: 0, after: 0 };
            linkUse.set(l, u);
          }
          u[key]++;
        }
      }
    }
  }
  const mean = (ds: PairDiff[]) => {
    const c = ds.filter((d) => d.delta);
    const n = c.length || 1;
    return {
      hours: r2(c.reduce((s, d) => s + (d.delta?.hours ?? 0), 0) / n),
      costUsd: r2(c.reduce((s, d) => s + (d.delta?.costUsd ?? 0), 0) / n),
      co2eKg: r2(c.reduce((s, d) => s + (d.delta?.co2eKg ?? 0), 0) / n),
    };
  };
  const total = (ds: PairDiff[]) => ({
    hours: r2(ds.reduce((s, d) => s + (d.delta?.hours ?? 0), 0)),
    costUsd: r2(ds.reduce((s, d) => s + (d.delta?.costUsd ?? 0), 0)),
    co2eKg: r2(ds.reduce((s, d) => s + (d.delta?.co2eKg ?? 0), 0)),
  });
  const uses = (m: Map<string, { name?: string; before: number; after: number }>) =>
    [...m.entries()]
      .map(([id, u]) => ({
        id,
        name: u.name ?? id,
        before: u.before,
        after: u.after,
        delta: u.after - u.before,
      }))
      .sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || q.after - p.after || p.id.localeCompare(q.id));
  const yearly = yearlyEffect(pairs, out, b.network.profile.cargo.tonnesPerUnit, opts.dates.length);
  return {
    a: { id: a.id, name: a.name },
    b: { id: b.id, name: b.name },
    optimize: opts.optimize ?? 'cost',
    dates: opts.dates,
    pairs: out,
    crossings: uses(crossingUse),
    links: uses(linkUse),
    summary: {
      shipments: out.length,
      compared: out.filter((d) => d.delta).length,
      switched: out.filter((d) => d.switched).length,
      newRoutes: out.filter((d) => d.change === 'new-route').length,
      lostRoutes: out.filter((d) => d.change === 'lost-route').length,
      noRoute: out.filter((d) => d.change === 'no-route').length,
      meanDelta: mean(out),
      totalDelta: total(out),
      meanDeltaSwitched: mean(out.filter((d) => d.change === 'switched')),
      byDate: opts.dates.map((date) => {
        const ds = out.filter((d) => d.date === date);
        return {
          date,
          compared: ds.filter((d) => d.delta).length,
          switched: ds.filter((d) => d.switched).length,
          meanDelta: mean(ds),
        };
      }),
      ...(yearly ? { yearly } : {}),
    },
    stats: { routes, ms: Math.round(performance.now() - t0) },
  };
}

/** The 15th of each month of `year` (the default dates of `--months`). */
export function monthDates(year: number): string[] {
  return Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}-15`);
}

/** CSV of the per-pair rows (one line per pair and date). */
export function diffToCsv(d: ScenarioDiff): string {
  const head = [
    'from',
    'to',
    'cargo',
    'date',
    'change',
    'switched',
    'before_hours',
    'after_hours',
    'delta_hours',
    'before_cost_usd',
    'after_cost_usd',
    'delta_cost_usd',
    'before_co2e_kg',
    'after_co2e_kg',
    'delta_co2e_kg',
    'before_crossings',
    'after_crossings',
    'before_corridors',
    'after_corridors',
  ];
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = (x: number | undefined | null) => (x === undefined || x === null ? '' : String(x));
  const lines = d.pairs.map((p) =>
    [
      p.from,
      p.to,
      p.cargo,
      p.date,
      p.change,
      String(p.switched),
      n(p.before?.hours),
      n(p.after?.hours),
      n(p.delta?.hours),
      n(p.before?.costUsd),
      n(p.after?.costUsd),
      n(p.delta?.costUsd),
      n(p.before?.co2eKg),
      n(p.after?.co2eKg),
      n(p.delta?.co2eKg),
      q(p.before?.crossings.join(' ') ?? ''),
      q(p.after?.crossings.join(' ') ?? ''),
      q(p.before?.corridors.join('; ') ?? ''),
      q(p.after?.corridors.join('; ') ?? ''),
    ].join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
