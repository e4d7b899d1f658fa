/**
 * Flow assignment of an OD demand table (tonnes per year by commodity group)
 * to a scenario network.
 *
 * Time: the year is spread over its twelve months; each month's demand
 * (annual / 12) departs on the 15th at 00:00 UTC and is routed with the
 * calendars of that date (a shipment may wait for a season up to
 * `horizonDays`), so seasonal closures shift flows month by month. Months are
 * assigned independently.
 *
 * Cost: generalised cost per tonne = (money + value of time × tonnes × hours
 * + carbon price × CO2e) / tonnes per cargo unit, waiting charged at the
 * profile's storage rate plus the value of time. One shortest-path tree per
 * origin, cargo unit and month on that cost (`costTree`, a one-to-all
 * Dijkstra over the router's network with its calendar rules: gates are
 * doors, no two transfers in a row).
 *
 * Capacity: crossing services and links with a published `capacity` are
 * capacitated elements. Capacities are converted to tonnes per year
 * (`capacityTonnes`, assumptions in `DEFAULT_CAPACITY_ASSUMPTIONS`) and taken
 * as the total over both directions. The capacity of a month is what the
 * element can carry in the days it is open that month (`monthlyCapacity`):
 * a daily rate (t/day, trucks/day, trains/day) times the open days, a yearly
 * figure spread over the open days of the year — so a winter ice road's
 * capacity falls in its months, not a twelfth in each. A BPR function adds
 * to every edge of an element a congestion cost per tonne g0 · α · (v/c)^β,
 * with g0 the element's free-flow generalised cost per tonne, v its monthly
 * load and c its monthly capacity.
 *
 * Overloads: BPR is a soft limit. Every element whose load in some month
 * exceeds that month's capacity is reported (`overloads`) with the excess
 * tonnes and where that flow would go instead: in its peak month the ODs
 * using it are rerouted with the element closed, at the final congested
 * costs, and the alternatives (the crossing services of the new paths, or a
 * domestic route) are listed with the tonnes they would take and the extra
 * generalised cost per tonne.
 *
 * Methods: `aon` (all-or-nothing at free-flow cost), `incremental` (N equal
 * slices, each all-or-nothing at the costs of the load so far) and `fw`
 * (Frank–Wolfe on the Beckmann objective with a bisection line search). The
 * relative gap (TSTC − SPTC) / TSTC is reported per iteration.
 *
 * Conservation: every OD row's tonnes are either assigned or unassigned with
 * a reason (no path in the network, or closed — no itinerary opens within the
 * horizon — in some months or all year); totals add up to the demand.
 */
import { dayState, daysFromCivil, isoFromDays } from '../atlas/calendar.ts';
import type { Atlas, Capacity } from '../atlas/schema.ts';
import type { CargoUnit } from '../costs/profile.ts';
import { EDGE_KIND, MODE_CODE, type Network } from '../network/types.ts';
import { costTree, generalisedCost, TreeBuffers, waitCostPerTonneHour } from '../routing/cost-tree.ts';
import { SearchContext } from '../routing/search.ts';
import { type TransitRule, transitAvoid } from './apply.ts';
import type { DemandTable } from './schema.ts';

export type AssignMethod = 'aon' | 'incremental' | 'fw';

export interface CapacityAssumptions {
  /** Payload of a loaded truck, tonnes (trucks/day, vehicles/day). */
  truckPayloadTonnes: number;
  /** Share of "vehicles" that are loaded cargo trucks (vehicles/day counts cars and buses too). */
  vehicleTruckShare: number;
  /** Net cargo of a freight train, tonnes (trains/day). */
  trainTonnes: number;
  /** Operating days a year. */
  daysPerYear: number;
  /** Tonnes per TEU (TEU/yr capacities); the profile's loaded TEU. */
  tonnesPerTeu: number;
}

/** Stated assumptions, not published figures: see docs/scenarios.md. */
export const DEFAULT_CAPACITY_ASSUMPTIONS: CapacityAssumptions = {
  truckPayloadTonnes: 20,
  vehicleTruckShare: 0.5,
  trainTonnes: 3000,
  daysPerYear: 365,
  tonnesPerTeu: 10,
};

export interface AssignOptions {
  method?: AssignMethod;
  /** Frank–Wolfe iterations, or incremental slices (default 20 / 4). */
  iterations?: number;
  year?: number;
  /** Value of time, USD per tonne and hour (default 0.05: goods worth ~US$4,400/t at 10%/yr). */
  votUsdPerTonneHour?: number;
  /** Carbon price, USD per tonne CO2e (default 0). */
  carbonUsdPerTonne?: number;
  bpr?: { alpha: number; beta: number };
  capacity?: Partial<CapacityAssumptions>;
  rules?: TransitRule[];
  horizonDays?: number;
  /** Only these months (0–11); default all twelve. */
  months?: number[];
  /** Stop Frank–Wolfe when the relative gap falls below this (default 1e-4). */
  gapTarget?: number;
}

export interface CapacityUsed {
  tonnesPerYear: number;
  /** Tonnes it can carry in each month (January first), by the days it is open. */
  byMonth?: number[];
  value: number;
  unit: string;
  basis: string;
  year?: number;
  how: string;
}

export interface ElementResult {
  id: string;
  name: string;
  /** Tonnes a year (both directions). */
  load: number;
  /** Of which containers, TEU a year. */
  teu: number;
  byMonth: number[];
  capacity: number | null;
  capacityUsed: CapacityUsed | null;
  utilisation: number | null;
  /** Months whose load reaches the monthly capacity. */
  monthsAtCapacity: number;
}

/** Where the flow over an overloaded element would go with the element closed. */
export interface Diversion {
  /** The crossing services of the alternative paths (`crossing/service`), or `domestic route`, or `no alternative`. */
  via: string;
  /** Tonnes a year of the excess that would take this way (the excess shared in proportion to the ODs using the element). */
  tonnes: number;
  /** Extra generalised cost per tonne of the alternative over the element, at the final congested costs, USD. */
  extraUsdPerTonne: number | null;
  /** Origin–destination pairs behind it (up to five), `from → to (cargo)`. */
  examples: string[];
  /** Some element of the alternative is itself loaded beyond capacity in that month. */
  alsoOverloaded: boolean;
}

/** An element loaded beyond its capacity in some month. */
export interface Overload {
  kind: 'link' | 'crossing';
  /** Link id, or `crossing/service`. */
  id: string;
  name: string;
  /** Months (0–11) in which the load exceeds the capacity, with load and capacity, tonnes. */
  months: { month: number; load: number; capacity: number }[];
  /** Tonnes a year above capacity (sum over the overloaded months). */
  excessTonnes: number;
  /** Highest monthly load / capacity. */
  peakUtilisation: number;
  /** Month (0–11) of the peak, where the diversion was computed. */
  peakMonth: number;
  divertedTo: Diversion[];
}

export interface CrossingResult extends ElementResult {
  services: (ElementResult & { service: string })[];
}

export interface Unassigned {
  from: string;
  to: string;
  commodity: string;
  cargo: string;
  tonnes: number;
  reason: 'no-path' | 'closed-all-year' | 'closed-some-months' | 'unknown-place';
  months: number[];
}

export interface IterationReport {
  iteration: number;
  relativeGap: number | null;
  /** Step size (Frank–Wolfe), mean over months. */
  lambda: number | null;
  objective: number;
  ms: number;
  /** Total and shortest-path total system cost behind the gap (to merge month groups). */
  tstc?: number;
  sptc?: number;
}

export interface AssignResult {
  method: AssignMethod;
  year: number;
  unit: 'tonnes/yr';
  totals: {
    demand: number;
    assigned: number;
    unassigned: number;
    byCommodity: Record<string, { demand: number; assigned: number; unassigned: number }>;
  };
  links: ElementResult[];
  crossings: CrossingResult[];
  /** Elements loaded beyond their capacity in some month, with where the excess would go (empty: none). */
  overloads: Overload[];
  unassigned: Unassigned[];
  iterations: IterationReport[];
  assumptions: {
    capacity: CapacityAssumptions;
    votUsdPerTonneHour: number;
    carbonUsdPerTonne: number;
    bpr: { alpha: number; beta: number };
    departures: string;
  };
  stats: { trees: number; ms: number; origins: number; odPairs: number };
}

// ---------------------------------------------------------------- capacities

const CAPACITY_ORDER: Record<string, number> = {
  'Mt/yr': 0,
  'kt/yr': 0,
  't/day': 0,
  'TEU/yr': 1,
  'trains/day': 2,
  'trucks/day': 2,
  'vehicles/day': 3,
};

/** Converts a published capacity to tonnes a year, or null when it is not a freight capacity. */
export function capacityTonnes(c: Capacity, a: CapacityAssumptions): { tonnes: number; how: string } | null {
  switch (c.unit) {
    case 'Mt/yr':
      return { tonnes: c.value * 1e6, how: `${c.value} Mt/yr` };
    case 'kt/yr':
      return { tonnes: c.value * 1e3, how: `${c.value} kt/yr` };
    case 't/day':
      return { tonnes: c.value * a.daysPerYear, how: `${c.value} t/day × ${a.daysPerYear} d` };
    case 'TEU/yr':
      return { tonnes: c.value * a.tonnesPerTeu, how: `${c.value} TEU/yr × ${a.tonnesPerTeu} t/TEU` };
    case 'trucks/day':
      return {
        tonnes: c.value * a.truckPayloadTonnes * a.daysPerYear,
        how: `${c.value} trucks/day × ${a.truckPayloadTonnes} t × ${a.daysPerYear} d`,
      };
    case 'vehicles/day':
      return {
        tonnes: c.value * a.vehicleTruckShare * a.truckPayloadTonnes * a.daysPerYear,
        how: `${c.value} vehicles/day × ${a.vehicleTruckShare} trucks/vehicle × ${a.truckPayloadTonnes} t × ${a.daysPerYear} d`,
      };
    case 'trains/day':
      return {
        tonnes: c.value * a.trainTonnes * a.daysPerYear,
        how: `${c.value} trains/day × ${a.trainTonnes} t × ${a.daysPerYear} d`,
      };
    default:
      return null;
  }
}

/**
 * The capacity an assignment uses: among the convertible entries, those not
 * `planned` if any (else the planned ones), tonnage units before TEU, trains
 * and trucks, then vehicles; the latest year first.
 */
export function chooseCapacity(list: Capacity[] | undefined, a: CapacityAssumptions): CapacityUsed | null {
  if (!list?.length) return null;
  const conv = list
    .map((c, i) => ({ c, i, t: capacityTonnes(c, a) }))
    .filter((x): x is { c: Capacity; i: number; t: { tonnes: number; how: string } } => x.t !== null);
  if (conv.length === 0) return null;
  // published figures before estimates made here, and what exists before what is planned
  const published = conv.filter((x) => x.c.basis !== 'estimate');
  const notPlanned = (published.length > 0 ? published : conv).filter((x) => x.c.basis !== 'planned');
  const pool = notPlanned.length > 0 ? notPlanned : published.length > 0 ? published : conv;
  pool.sort(
    (x, y) =>
      (CAPACITY_ORDER[x.c.unit] ?? 9) - (CAPACITY_ORDER[y.c.unit] ?? 9) ||
      (y.c.year ?? 0) - (x.c.year ?? 0) ||
      x.i - y.i,
  );
  const best = pool[0];
  return {
    tonnesPerYear: best.t.tonnes,
    value: best.c.value,
    unit: best.c.unit,
    basis: best.c.basis,
    year: best.c.year,
    how: best.t.how,
  };
}

const PER_DAY_UNITS = new Set(['t/day', 'trucks/day', 'vehicles/day', 'trains/day']);

/**
 * The tonnes an element can carry in each month of `year`, by the days it is
 * open (`dayState` of its status and calendar; opening hours are inside the
 * published daily rates): a daily rate × the open days of the month; a yearly
 * capacity × the month's share of the open days of the year. An element open
 * every day gets a twelfth-ish of a yearly figure each month.
 */
export function monthlyCapacity(
  used: CapacityUsed,
  thing: Parameters<typeof dayState>[0],
  year: number,
  a: CapacityAssumptions,
): number[] {
  const open = new Array(12).fill(0);
  const start = daysFromCivil(year, 1, 1);
  const end = daysFromCivil(year + 1, 1, 1);
  for (let d = start; d < end; d++) {
    const iso = isoFromDays(d);
    if (dayState(thing, iso).usable) open[Number(iso.slice(5, 7)) - 1]++;
  }
  const openYear = open.reduce((s, v) => s + v, 0);
  if (PER_DAY_UNITS.has(used.unit)) {
    const perDay = used.tonnesPerYear / a.daysPerYear;
    return open.map((n) => perDay * n);
  }
  return open.map((n) => (openYear > 0 ? (used.tonnesPerYear * n) / openYear : 0));
}

// ---------------------------------------------------------------- search

const GATE = MODE_CODE.gate;

// ---------------------------------------------------------------- assignment

interface Od {
  from: number;
  to: number;
  cargo: CargoUnit;
  avoid: string;
  tonnes: number;
  rows: number[];
  container: boolean;
}

interface Element {
  key: string;
  kind: 'link' | 'crossing';
  edges: number[];
  /** Capacity in each calendar month, tonnes (at least a token 1e-6 so that congestion stays finite). */
  capacityMonth: number[];
  g0: number;
}

/**
 * Assigns the demand to the network. `atlas` is the scenario's atlas (for the
 * capacities of links and crossing services).
 */
export function assign(
  net: Network,
  atlas: Atlas,
  demand: DemandTable,
  opts: AssignOptions = {},
): AssignResult {
  const t0 = performance.now();
  const method = opts.method ?? 'aon';
  const iterations = opts.iterations ?? (method === 'fw' ? 20 : method === 'incremental' ? 4 : 1);
  const year = opts.year ?? 2024;
  const vot = opts.votUsdPerTonneHour ?? 0.05;
  const carbon = opts.carbonUsdPerTonne ?? 0;
  const bpr = opts.bpr ?? { alpha: 0.15, beta: 4 };
  const capA: CapacityAssumptions = {
    ...DEFAULT_CAPACITY_ASSUMPTIONS,
    tonnesPerTeu: net.profile.cargo.tonnesPerUnit.teu,
    ...opts.capacity,
  };
  const horizonDays = opts.horizonDays ?? 120;
  const months = opts.months ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const gapTarget = opts.gapTarget ?? 1e-4;
  const rules = opts.rules ?? [];
  const E = net.edgeCount;
  const tpu = net.profile.cargo.tonnesPerUnit;

  // ---- OD aggregation
  const unassigned: Unassigned[] = [];
  const ods: Od[] = [];
  const odKey = new Map<string, number>();
  demand.rows.forEach((r, i) => {
    const f = net.placeIndex.get(r.from);
    const t = net.placeIndex.get(r.to);
    if (f === undefined || t === undefined) {
      unassigned.push({
        from: r.from,
        to: r.to,
        commodity: r.commodity,
        cargo: r.cargo,
        tonnes: (r.tonnesPerYear * months.length) / 12,
        reason: 'unknown-place',
        months: [...months],
      });
      return;
    }
    const avoid = transitAvoid(rules, net.places[f].country, net.places[t].country).join(',');
    const k = `${f}|${t}|${r.cargo}|${avoid}`;
    let idx = odKey.get(k);
    if (idx === undefined) {
      idx = ods.length;
      odKey.set(k, idx);
      ods.push({
        from: f,
        to: t,
        cargo: r.cargo,
        avoid,
        tonnes: 0,
        rows: [],
        container: r.cargo === 'teu' || r.cargo === 'feu',
      });
    }
    ods[idx].tonnes += r.tonnesPerYear;
    ods[idx].rows.push(i);
  });
  // groups: (origin, cargo, avoid) → od indices
  const groups = new Map<string, { from: number; cargo: CargoUnit; avoid: string; ods: number[] }>();
  ods.forEach((o, i) => {
    const k = `${o.from}|${o.cargo}|${o.avoid}`;
    let g = groups.get(k);
    if (!g) {
      g = { from: o.from, cargo: o.cargo, avoid: o.avoid, ods: [] };
      groups.set(k, g);
    }
    g.ods.push(i);
  });
  const groupList = [...groups.values()];

  // ---- generalised cost per tonne, per cargo
  const gcOf = new Map<CargoUnit, Float64Array>();
  const gcFor = (cargo: CargoUnit): Float64Array => {
    let a = gcOf.get(cargo);
    if (!a) {
      a = generalisedCost(net, cargo, vot, carbon);
      gcOf.set(cargo, a);
    }
    return a;
  };
  const waitPerHourOf = (cargo: CargoUnit) => waitCostPerTonneHour(net, cargo, vot);

  // ---- capacitated elements
  const withMonths = (cap: CapacityUsed | null, thing: Parameters<typeof dayState>[0]) =>
    cap ? { ...cap, byMonth: monthlyCapacity(cap, thing, year, capA) } : null;
  const linkCap = new Map(atlas.links.map((l) => [l.id, withMonths(chooseCapacity(l.capacity, capA), l)]));
  const serviceCap = new Map<string, CapacityUsed | null>();
  for (const c of atlas.crossings)
    for (const s of c.services)
      serviceCap.set(`${c.id}/${s.id}`, withMonths(chooseCapacity(s.capacity, capA), s));
  const edgeElement = new Int32Array(E).fill(-1);
  const elements: Element[] = [];
  const elementIndex = new Map<string, number>();
  const bulkGc = gcFor('bulk');
  for (let e = 0; e < E; e++) {
    const kind = net.kind[e];
    let key: string | null = null;
    let cap: CapacityUsed | null | undefined = null;
    if (kind === EDGE_KIND.link) {
      const l = net.links[net.ref[e]];
      key = `link:${l.id}`;
      cap = linkCap.get(l.id);
    } else if (kind === EDGE_KIND.crossing) {
      const c = net.crossings[net.ref[e]];
      key = `crossing:${c.crossingId}/${c.serviceId}`;
      cap = serviceCap.get(`${c.crossingId}/${c.serviceId}`);
    }
    if (!key || !cap) continue;
    let idx = elementIndex.get(key);
    if (idx === undefined) {
      idx = elements.length;
      elementIndex.set(key, idx);
      elements.push({
        key,
        kind: kind === EDGE_KIND.link ? 'link' : 'crossing',
        edges: [],
        capacityMonth: (cap.byMonth ?? new Array(12).fill(cap.tonnesPerYear / 12)).map((v) =>
          Math.max(v, 1e-6),
        ),
        g0: 0,
      });
    }
    elements[idx].edges.push(e);
    edgeElement[e] = idx;
  }
  for (const el of elements) {
    let s = 0;
    let n = 0;
    for (const e of el.edges) {
      const g = Number.isFinite(bulkGc[e]) ? bulkGc[e] : 0;
      s += g;
      n++;
    }
    el.g0 = Math.max(n ? s / n : 0, 1e-6);
  }
  const K = elements.length;
  /** Congestion cost per tonne of element k at monthly load v in calendar month m. */
  const congestion = (k: number, v: number, m: number) => {
    const el = elements[k];
    return el.g0 * bpr.alpha * (v / el.capacityMonth[m]) ** bpr.beta;
  };

  // ---- search contexts per (month, cargo, avoid)
  const ctxCache = new Map<string, SearchContext>();
  const ctxFor = (m: number, cargo: CargoUnit, avoid: string) => {
    const k = `${m}|${cargo}|${avoid}`;
    let c = ctxCache.get(k);
    if (!c) {
      c = new SearchContext(net, {
        cargo,
        startMs: Date.UTC(year, m, 15, 0, 0),
        horizonDays,
        avoid: avoid ? avoid.split(',') : [],
      });
      ctxCache.set(k, c);
    }
    return c;
  };
  const buf = new TreeBuffers(net.nodeCount);
  let trees = 0;

  // monthly tonnes of each OD: a twelfth, the last month takes the rounding rest
  const monthShare = (o: Od, m: number) => (m === 11 ? o.tonnes - 11 * (o.tonnes / 12) : o.tonnes / 12);
  const reachable = new Uint8Array(ods.length); // found a path in some month
  const unassignedOdMonths: number[][] = ods.map(() => []);

  /**
   * All-or-nothing for month m at congestion costs `extra` (null = free flow),
   * scaled by `scale`: loads into y (edges) and yc (container tonnes), and
   * returns the base cost and congested cost of y.
   */
  const aon = (
    m: number,
    extra: Float64Array | null,
    scale: number,
    y: Float64Array,
    yc: Float64Array,
    record: boolean,
  ): { base: number; congested: number } => {
    y.fill(0);
    yc.fill(0);
    let baseCost = 0;
    let congCost = 0;
    for (const g of groupList) {
      const ctx = ctxFor(m, g.cargo, g.avoid);
      const gc = gcFor(g.cargo);
      costTree(ctx, net.gateNode[g.from], gc, waitPerHourOf(g.cargo), extra, buf);
      trees++;
      for (const oi of g.ods) {
        const o = ods[oi];
        const dest = net.gateNode[o.to];
        const tonnes = monthShare(o, m) * scale;
        if (!Number.isFinite(buf.cost[dest])) {
          if (record) unassignedOdMonths[oi].push(m);
          continue;
        }
        if (record) reachable[oi] = 1;
        baseCost += tonnes * buf.base[dest];
        congCost += tonnes * buf.cost[dest];
        let v = dest;
        while (buf.pred[v] >= 0) {
          const e = buf.pred[v];
          y[e] += tonnes;
          if (o.container) yc[e] += tonnes;
          v = net.tail[e];
        }
      }
    }
    return { base: baseCost, congested: congCost };
  };

  const load = months.map(() => new Float64Array(E));
  const loadC = months.map(() => new Float64Array(E));
  const iterReports: IterationReport[] = [];
  const elementVolumes = (x: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let e = 0; e < E; e++) if (edgeElement[e] >= 0) out[edgeElement[e]] += x[e];
  };
  const extraFrom = (vol: Float64Array, extra: Float64Array, m: number) => {
    extra.fill(0);
    for (let k = 0; k < K; k++) {
      const c = congestion(k, vol[k], m);
      for (const e of elements[k].edges) extra[e] = c;
    }
  };
  // Beckmann integral of the congestion term: ∫0^v g0 α (s/c)^β ds
  const beckmann = (vol: Float64Array, m: number) => {
    let s = 0;
    for (let k = 0; k < K; k++) {
      const el = elements[k];
      s +=
        (el.g0 * bpr.alpha * vol[k] ** (bpr.beta + 1)) / ((bpr.beta + 1) * el.capacityMonth[m] ** bpr.beta);
    }
    return s;
  };

  const perMonth = months.map(() => ({ F: 0 }));
  const y = new Float64Array(E);
  const yc = new Float64Array(E);
  const extra = new Float64Array(E);
  const vx = new Float64Array(K);
  const vy = new Float64Array(K);

  if (method === 'aon' || K === 0) {
    const t1 = performance.now();
    let obj = 0;
    months.forEach((m, mi) => {
      const r = aon(m, null, 1, load[mi], loadC[mi], true);
      perMonth[mi].F = r.base;
      elementVolumes(load[mi], vx);
      obj += r.base + beckmann(vx, m);
    });
    iterReports.push({
      iteration: 1,
      relativeGap: null,
      lambda: null,
      objective: obj,
      ms: performance.now() - t1,
    });
  } else if (method === 'incremental') {
    const steps = Math.max(1, iterations);
    // relative gap of the loads so far against all-or-nothing of the same share of the demand
    const gapNow = (share: number): { gap: number; tstc: number; sptc: number } => {
      let tstc = 0;
      let sptc = 0;
      months.forEach((m, mi) => {
        elementVolumes(load[mi], vx);
        extraFrom(vx, extra, m);
        const r = aon(m, extra, share, y, yc, false);
        let congX = 0;
        for (let k = 0; k < K; k++) congX += congestion(k, vx[k], m) * vx[k];
        tstc += perMonth[mi].F + congX;
        sptc += r.congested;
      });
      return { gap: tstc > 0 ? (tstc - sptc) / tstc : 0, tstc, sptc };
    };
    for (let s = 0; s < steps; s++) {
      const t1 = performance.now();
      let obj = 0;
      months.forEach((m, mi) => {
        elementVolumes(load[mi], vx);
        extraFrom(vx, extra, m);
        const r = aon(m, s === 0 ? null : extra, 1 / steps, y, yc, s === 0);
        perMonth[mi].F += r.base;
        const x = load[mi];
        const xc = loadC[mi];
        for (let e = 0; e < E; e++) {
          x[e] += y[e];
          xc[e] += yc[e];
        }
        elementVolumes(x, vx);
        obj += perMonth[mi].F + beckmann(vx, m);
      });
      const g = gapNow((s + 1) / steps);
      iterReports.push({
        iteration: s + 1,
        relativeGap: g.gap,
        lambda: 1 / steps,
        objective: obj,
        ms: performance.now() - t1,
        tstc: g.tstc,
        sptc: g.sptc,
      });
    }
  } else {
    // Frank–Wolfe
    months.forEach((m, mi) => {
      const r = aon(m, null, 1, load[mi], loadC[mi], true);
      perMonth[mi].F = r.base;
    });
    for (let it = 1; it <= iterations; it++) {
      const t1 = performance.now();
      let tstc = 0;
      let sptc = 0;
      let obj = 0;
      let lamSum = 0;
      months.forEach((m, mi) => {
        const x = load[mi];
        const xc = loadC[mi];
        elementVolumes(x, vx);
        extraFrom(vx, extra, m);
        const r = aon(m, extra, 1, y, yc, false);
        let congX = 0;
        for (let k = 0; k < K; k++) congX += congestion(k, vx[k], m) * vx[k];
        tstc += perMonth[mi].F + congX;
        sptc += r.congested;
        // line search: d/dλ of the Beckmann objective along y − x
        elementVolumes(y, vy);
        const dF = r.base - perMonth[mi].F;
        const deriv = (lam: number) => {
          let s = dF;
          for (let k = 0; k < K; k++) {
            const d = vy[k] - vx[k];
            if (d !== 0) s += congestion(k, vx[k] + lam * d, m) * d;
          }
          return s;
        };
        let lam: number;
        if (deriv(1) <= 0) lam = 1;
        else if (deriv(0) >= 0) lam = 0;
        else {
          let lo = 0;
          let hi = 1;
          for (let b = 0; b < 40; b++) {
            const mid = (lo + hi) / 2;
            if (deriv(mid) > 0) hi = mid;
            else lo = mid;
          }
          lam = (lo + hi) / 2;
        }
        lamSum += lam;
        for (let e = 0; e < E; e++) {
          x[e] += lam * (y[e] - x[e]);
          xc[e] += lam * (yc[e] - xc[e]);
        }
        perMonth[mi].F += lam * dF;
        elementVolumes(x, vx);
        obj += perMonth[mi].F + beckmann(vx, m);
      });
      const gap = tstc > 0 ? (tstc - sptc) / tstc : 0;
      iterReports.push({
        iteration: it,
        relativeGap: gap,
        lambda: lamSum / months.length,
        objective: obj,
        ms: performance.now() - t1,
        tstc,
        sptc,
      });
      if (gap < gapTarget) break;
    }
  }

  // ---- unassigned demand with reasons; conservation per row
  ods.forEach((o, oi) => {
    const ms = unassignedOdMonths[oi];
    if (ms.length === 0) return;
    const reason: Unassigned['reason'] = !reachable[oi]
      ? staticallyConnected(net, o, ctxFor(months[0], o.cargo, o.avoid))
        ? 'closed-all-year'
        : 'no-path'
      : 'closed-some-months';
    for (const ri of o.rows) {
      const r = demand.rows[ri];
      const share = o.tonnes > 0 ? r.tonnesPerYear / o.tonnes : 0;
      let t = 0;
      for (const m of ms) t += monthShare(o, m) * share;
      unassigned.push({
        from: r.from,
        to: r.to,
        commodity: r.commodity,
        cargo: r.cargo,
        tonnes: t,
        reason,
        months: ms,
      });
    }
  });
  const byCommodity: AssignResult['totals']['byCommodity'] = {};
  let demandT = 0;
  let unassignedT = 0;
  const monthFraction = months.length / 12;
  demand.rows.forEach((r) => {
    const b = byCommodity[r.commodity] ?? { demand: 0, assigned: 0, unassigned: 0 };
    b.demand += r.tonnesPerYear * monthFraction;
    byCommodity[r.commodity] = b;
    demandT += r.tonnesPerYear * monthFraction;
  });
  for (const u of unassigned) {
    byCommodity[u.commodity].unassigned += u.tonnes;
    unassignedT += u.tonnes;
  }
  for (const b of Object.values(byCommodity)) b.assigned = b.demand - b.unassigned;

  // ---- results per element
  const tpuTeu = tpu.teu;
  const linkAgg = new Map<string, { name: string; byMonth: number[]; teu: number }>();
  const serviceAgg = new Map<
    string,
    { crossing: string; service: string; name: string; byMonth: number[]; teu: number }
  >();
  months.forEach((_, mi) => {
    const x = load[mi];
    const xc = loadC[mi];
    for (let e = 0; e < E; e++) {
      if (x[e] <= 1e-9) continue;
      const kind = net.kind[e];
      if (kind === EDGE_KIND.link) {
        const l = net.links[net.ref[e]];
        let a = linkAgg.get(l.id);
        if (!a) {
          a = { name: l.line ?? l.id, byMonth: new Array(12).fill(0), teu: 0 };
          linkAgg.set(l.id, a);
        }
        a.byMonth[months[mi]] += x[e];
        a.teu += xc[e] / tpuTeu;
      } else if (kind === EDGE_KIND.crossing) {
        const c = net.crossings[net.ref[e]];
        const k = `${c.crossingId}/${c.serviceId}`;
        let a = serviceAgg.get(k);
        if (!a) {
          a = {
            crossing: c.crossingId,
            service: c.serviceId,
            name: `${c.crossingName} ${c.serviceName}`,
            byMonth: new Array(12).fill(0),
            teu: 0,
          };
          serviceAgg.set(k, a);
        }
        a.byMonth[months[mi]] += x[e];
        a.teu += xc[e] / tpuTeu;
      }
    }
  });
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const element = (
    id: string,
    name: string,
    byMonth: number[],
    teu: number,
    cap: CapacityUsed | null | undefined,
  ): ElementResult => {
    const load = byMonth.reduce((s, v) => s + v, 0);
    const capacity = cap ? cap.tonnesPerYear : null;
    const capMonths = cap?.byMonth ?? (capacity ? new Array(12).fill(capacity / 12) : null);
    // what the element can carry in the months assigned
    const capAssigned = capMonths ? months.reduce((s, m) => s + capMonths[m], 0) : 0;
    return {
      id,
      name,
      load: r3(load),
      teu: r3(teu),
      byMonth: byMonth.map(r3),
      capacity,
      capacityUsed: cap ?? null,
      utilisation: capMonths
        ? capAssigned > 0
          ? Math.round((load / capAssigned) * 10000) / 10000
          : 0
        : null,
      monthsAtCapacity: capMonths
        ? byMonth.filter((v, m) => v > 1e-6 && v >= capMonths[m] * 0.999).length
        : 0,
    };
  };
  const links = [...linkAgg.entries()]
    .map(([id, a]) => element(id, a.name, a.byMonth, a.teu, linkCap.get(id)))
    .sort((p, q) => q.load - p.load);
  const crossingMap = new Map<string, CrossingResult>();
  for (const [k, a] of serviceAgg) {
    const s = { ...element(k, a.name, a.byMonth, a.teu, serviceCap.get(k)), service: a.service };
    let c = crossingMap.get(a.crossing);
    if (!c) {
      const cr = atlas.crossings.find((x) => x.id === a.crossing);
      c = {
        ...element(a.crossing, cr?.names.en ?? a.crossing, new Array(12).fill(0), 0, null),
        services: [],
      };
      crossingMap.set(a.crossing, c);
    }
    c.services.push(s);
  }
  const crossings = [...crossingMap.values()].map((c) => {
    const byMonth = new Array(12).fill(0);
    for (const s of c.services)
      s.byMonth.forEach((v, i) => {
        byMonth[i] += v;
      });
    const teu = c.services.reduce((s, x) => s + x.teu, 0);
    const capped = c.services.every((s) => s.capacity !== null);
    const cap = capped ? c.services.reduce((s, x) => s + (x.capacity ?? 0), 0) : null;
    // what the services can carry in the months assigned, by the days each is open
    const capAssigned = c.services.reduce(
      (s, x) => s + months.reduce((t, m) => t + (x.capacityUsed?.byMonth?.[m] ?? (x.capacity ?? 0) / 12), 0),
      0,
    );
    const base = element(c.id, c.name, byMonth, teu, null);
    return {
      ...base,
      capacity: cap,
      utilisation: cap ? (capAssigned > 0 ? Math.round((base.load / capAssigned) * 10000) / 10000 : 0) : null,
      monthsAtCapacity: Math.max(0, ...c.services.map((s) => s.monthsAtCapacity)),
      services: c.services.sort((p, q) => q.load - p.load),
    };
  });
  crossings.sort((p, q) => q.load - p.load);

  // ---- overloads: elements beyond capacity in some month, and where the excess would go
  const overloads: Overload[] = [];
  const volByMonth = months.map((_, mi) => {
    const v = new Float64Array(K);
    elementVolumes(load[mi], v);
    return v;
  });
  const elementName = (el: Element): string => {
    const e = el.edges[0];
    if (el.kind === 'link') return net.links[net.ref[e]].line ?? net.links[net.ref[e]].id;
    const c = net.crossings[net.ref[e]];
    return `${c.crossingName} ${c.serviceName}`;
  };
  const placeId = (i: number) => net.places[i].id;
  for (let k = 0; k < K; k++) {
    const el = elements[k];
    const over: Overload['months'] = [];
    let peak = 0;
    let peakMi = -1;
    let excess = 0;
    months.forEach((m, mi) => {
      const v = volByMonth[mi][k];
      const c = el.capacityMonth[m];
      if (v > 1 && v > c * 1.001) {
        over.push({ month: m, load: r3(v), capacity: r3(c > 1e-6 ? c : 0) });
        excess += v - c;
        if (v / c > peak) {
          peak = v / c;
          peakMi = mi;
        }
      }
    });
    if (over.length === 0) continue;
    const m = months[peakMi];
    extraFrom(volByMonth[peakMi], extra, m);
    const blocked = Float64Array.from(extra);
    for (const e of el.edges) blocked[e] = Number.POSITIVE_INFINITY;
    // the ODs whose path at the final congested costs (else at free flow) crosses the element
    const usersAt = (costs: Float64Array | null) => {
      const found: { oi: number; tonnes: number; before: number; g: (typeof groupList)[number] }[] = [];
      for (const g of groupList) {
        costTree(
          ctxFor(m, g.cargo, g.avoid),
          net.gateNode[g.from],
          gcFor(g.cargo),
          waitPerHourOf(g.cargo),
          costs,
          buf,
        );
        trees++;
        for (const oi of g.ods) {
          const dest = net.gateNode[ods[oi].to];
          if (!Number.isFinite(buf.cost[dest])) continue;
          let uses = false;
          for (let v = dest; buf.pred[v] >= 0; v = net.tail[buf.pred[v]])
            if (edgeElement[buf.pred[v]] === k) {
              uses = true;
              break;
            }
          if (uses) found.push({ oi, tonnes: monthShare(ods[oi], m), before: buf.cost[dest], g });
        }
      }
      return found;
    };
    // at the final costs; else with the element's own congestion lifted
    let users = usersAt(extra);
    if (users.length === 0) {
      // (and a token toll on every other edge, so that a tie with a parallel element goes its way)
      const favoured = new Float64Array(E);
      for (let e = 0; e < E; e++) favoured[e] = edgeElement[e] === k ? 0 : extra[e] + 1e-9;
      users = usersAt(favoured);
    }
    if (users.length === 0) users = usersAt(null);
    const userTonnes = users.reduce((s, u) => s + u.tonnes, 0);
    const byVia = new Map<
      string,
      { tonnes: number; extraSum: number; extraTonnes: number; examples: string[]; busy: boolean }
    >();
    // one tree per origin group with the element closed; every user of that group reads it
    const groupsUsed = new Set(users.map((u) => u.g));
    for (const g of groupsUsed) {
      costTree(
        ctxFor(m, g.cargo, g.avoid),
        net.gateNode[g.from],
        gcFor(g.cargo),
        waitPerHourOf(g.cargo),
        blocked,
        buf,
      );
      trees++;
      for (const u of users) {
        if (u.g !== g) continue;
        const o = ods[u.oi];
        const dest = net.gateNode[o.to];
        let via: string;
        let extraCost: number | null = null;
        let busy = false;
        if (!Number.isFinite(buf.cost[dest])) via = 'no alternative';
        else {
          const used: string[] = [];
          for (let v = dest; buf.pred[v] >= 0; v = net.tail[buf.pred[v]]) {
            const e = buf.pred[v];
            const ek = edgeElement[e];
            if (ek >= 0 && volByMonth[peakMi][ek] > elements[ek].capacityMonth[m] * 1.001) busy = true;
            if (net.kind[e] !== EDGE_KIND.crossing) continue;
            const c = net.crossings[net.ref[e]];
            used.unshift(`${c.crossingId}/${c.serviceId}`);
          }
          via = used.length ? [...new Set(used)].join(' + ') : 'domestic route';
          extraCost = buf.cost[dest] - u.before;
        }
        const share = userTonnes > 0 ? u.tonnes / userTonnes : 0;
        let d = byVia.get(via);
        if (!d) {
          d = { tonnes: 0, extraSum: 0, extraTonnes: 0, examples: [], busy: false };
          byVia.set(via, d);
        }
        d.tonnes += excess * share;
        d.busy ||= busy;
        if (extraCost !== null) {
          d.extraSum += extraCost * u.tonnes;
          d.extraTonnes += u.tonnes;
        }
        const ex = `${placeId(o.from)} → ${placeId(o.to)} (${o.cargo})`;
        if (d.examples.length < 5 && !d.examples.includes(ex)) d.examples.push(ex);
      }
    }
    overloads.push({
      kind: el.kind,
      id: el.key.slice(el.key.indexOf(':') + 1),
      name: elementName(el),
      months: over,
      excessTonnes: r3(excess),
      peakUtilisation: Math.round(peak * 10000) / 10000,
      peakMonth: m,
      divertedTo: [...byVia.entries()]
        .map(([via, d]) => ({
          via,
          tonnes: r3(d.tonnes),
          extraUsdPerTonne: d.extraTonnes > 0 ? Math.round((d.extraSum / d.extraTonnes) * 100) / 100 : null,
          examples: d.examples,
          alsoOverloaded: d.busy,
        }))
        .sort((p, q) => q.tonnes - p.tonnes),
    });
  }
  overloads.sort((p, q) => q.excessTonnes - p.excessTonnes);

  return {
    method,
    year,
    unit: 'tonnes/yr',
    totals: {
      demand: demandT,
      assigned: demandT - unassignedT,
      unassigned: unassignedT,
      byCommodity,
    },
    links,
    crossings,
    overloads,
    unassigned,
    iterations: iterReports,
    assumptions: {
      capacity: capA,
      votUsdPerTonneHour: vot,
      carbonUsdPerTonne: carbon,
      bpr,
      departures: `the 15th of each month at 00:00 UTC, ${year}; a twelfth of the yearly demand each month`,
    },
    stats: { trees, ms: Math.round(performance.now() - t0), origins: groupList.length, odPairs: ods.length },
  };
}

/** Is there a path at all, ignoring calendars (static reachability on allowed edges)? */
function staticallyConnected(net: Network, o: Od, ctx: SearchContext): boolean {
  const seen = new Uint8Array(net.nodeCount);
  const source = net.gateNode[o.from];
  const target = net.gateNode[o.to];
  const stack = [source];
  seen[source] = 1;
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v === target) return true;
    if (v !== source && net.nodeMode[v] === GATE) continue;
    for (let i = net.offsets[v]; i < net.offsets[v + 1]; i++) {
      if (!ctx.allowed[i]) continue;
      const u = net.targets[i];
      if (!seen[u]) {
        seen[u] = 1;
        stack.push(u);
      }
    }
  }
  return false;
}
