/**
 * Date-aware searches over a compiled network (`src/network/types.ts`).
 *
 * Time model: a label's time is hours since the departure instant. An edge
 * with a calendar is entered at the first usable instant at or after the
 * label's time (`ScheduleCursor.nextUsableMs`); the difference is a wait,
 * reported and charged at the profile's storage rate. Arrival = entry +
 * edge hours, so every edge is FIFO (arriving later never lets you leave
 * earlier) and Dijkstra on arrival time is exact.
 *
 * - `labelSearch`: multi-label search over a chosen set of criteria (time,
 *   cost, co2, and transfers when limited), with relaxed dominance (slack),
 *   A*-style ordering and target pruning by static lower bounds from
 *   backward single-criterion passes. With one criterion and slack 0 it is
 *   an exact single-criterion search subject to the calendars. One run is a
 *   `LabelRun` (dominance, queue key, target pruning, insertion, expansion);
 *   its queue, like every search's, is the `IndexedMinHeap` of
 *   `src/graph/heap.ts`.
 * - `earliestArrivalAll`, `scalarAll` (`tree.ts`): one-to-all label trees (matrices).
 * - `guardedPlaces`: where a label remembers its last transfer, so that no
 *   trip out and back lets it transfer there twice.
 */
import { ScheduleCursor } from '../atlas/calendar.ts';
import { CARGO_INDEX, type CargoUnit, type FreightMode, type Profile } from '../costs/profile.ts';
import { IndexedMinHeap } from '../graph/heap.ts';
import { CARGO_COUNT, EDGE_KIND, MODE_CODE, type Network } from '../network/types.ts';

const HOUR_MS = 3_600_000;
const GATE = MODE_CODE.gate;

export type Criterion = 'time' | 'cost' | 'co2';

export interface SearchConstraints {
  cargo: CargoUnit;
  /** Departure instant, ms since epoch (UTC). */
  startMs: number;
  horizonDays: number;
  modes?: FreightMode[];
  /** Place ids, crossing ids and country codes to avoid. */
  avoid?: string[];
  /** Crossing ids forbidden (used for alternatives). */
  forbidCrossings?: Set<string>;
  /** Link ids forbidden (used for alternatives that must differ in their links). */
  forbidLinks?: Set<string>;
  /** Let cargo over crossing services whose weight limit it exceeds (to tell whether a limit forces a detour). */
  ignoreWeightLimits?: boolean;
  maxTransfers?: number;
  /** Latest arrival, hours after the start. */
  latestArrivalHours?: number;
  /**
   * Calendar cursors to share between searches with the same start and
   * horizon (one route query runs several searches); filled lazily.
   */
  cursors?: (ScheduleCursor | undefined)[];
}

/** Everything one query needs: which edges are open to it, calendar cursors, wait cost. */
export class SearchContext {
  readonly cargo: number;
  readonly allowed: Uint8Array;
  readonly horizonHours: number;
  readonly waitUsdPerHour: number;
  /** Whether an edge open to this query has a calendar (then when a label arrives can change where it may go). */
  readonly timeMatters: boolean;
  /** Per place: 1 where a label remembers that it transferred there (`guardedPlaces`). */
  readonly guarded: Uint8Array;
  private readonly cursors: (ScheduleCursor | undefined)[];

  readonly profile: Profile;

  constructor(
    readonly net: Network,
    readonly c: SearchConstraints,
  ) {
    const profile = net.profile;
    this.profile = profile;
    this.cargo = CARGO_INDEX[c.cargo];
    this.horizonHours = c.horizonDays * 24;
    this.waitUsdPerHour = profile.waiting.usdPerDay[c.cargo] / 24;
    this.cursors = c.cursors ?? new Array(net.calendars.length);
    const bit = 1 << this.cargo;
    const modeOk = new Uint8Array(8).fill(1);
    if (c.modes) {
      modeOk.fill(0);
      modeOk[MODE_CODE.gate] = 1;
      for (const m of c.modes) modeOk[MODE_CODE[m]] = 1;
    }
    const avoid = new Set(c.avoid ?? []);
    const blockedPlace = new Uint8Array(net.places.length);
    net.places.forEach((p, i) => {
      if (avoid.has(p.id) || avoid.has(p.country)) blockedPlace[i] = 1;
    });
    const blockedNode = new Uint8Array(net.nodeCount);
    for (let v = 0; v < net.nodeCount; v++) {
      const p = net.nodePlace[v];
      if (p >= 0 && blockedPlace[p]) blockedNode[v] = 1;
      if (!modeOk[net.nodeMode[v]]) blockedNode[v] = 1;
    }
    const allowed = new Uint8Array(net.edgeCount);
    const crossingKind = EDGE_KIND.crossing;
    const linkKind = EDGE_KIND.link;
    const forbidLinks = c.forbidLinks && c.forbidLinks.size > 0 ? c.forbidLinks : null;
    for (let e = 0; e < net.edgeCount; e++) {
      if (!(net.cargoMask[e] & bit)) {
        const overWeight =
          c.ignoreWeightLimits &&
          net.kind[e] === crossingKind &&
          ((net.crossings[net.ref[e]].weightExcluded ?? 0) & bit) !== 0;
        if (!overWeight) continue;
      }
      if (blockedNode[net.tail[e]] || blockedNode[net.targets[e]]) continue;
      if (!modeOk[net.mode[e]]) continue;
      if (net.kind[e] === crossingKind) {
        const cr = net.crossings[net.ref[e]];
        if (avoid.has(cr.crossingId) || c.forbidCrossings?.has(cr.crossingId)) continue;
      } else if (forbidLinks && net.kind[e] === linkKind && forbidLinks.has(net.links[net.ref[e]].id))
        continue;
      allowed[e] = 1;
    }
    this.allowed = allowed;
    let timed = false;
    for (let e = 0; e < net.edgeCount && !timed; e++) timed = allowed[e] === 1 && net.calendar[e] >= 0;
    this.timeMatters = timed;
    this.guarded = guardedPlaces(net, this.cargo);
  }

  /**
   * Whether transfer edge `e` is barred to a label whose guarded place is
   * `guard`: cargo last transferred at a guarded place (`guardedPlaces`) is
   * not transferred there again before it is transferred somewhere else.
   */
  transferBarred(guard: number, e: number): boolean {
    return guard >= 0 && this.net.nodePlace[this.net.tail[e]] === guard;
  }

  /** The guarded place of a label with guarded place `guard` after edge `e`. */
  guardAfter(guard: number, e: number): number {
    if (!this.isTransfer(e)) return guard;
    const p = this.net.nodePlace[this.net.tail[e]];
    return this.guarded[p] ? p : -1;
  }

  /**
   * Entering edge `e` at `t` hours: returns the entry time (after any wait)
   * or -1 when the edge does not open within the horizon.
   */
  entryTime(e: number, t: number): number {
    const cal = this.net.calendar[e];
    if (cal < 0) return t;
    let cur = this.cursors[cal];
    if (!cur) {
      const info = this.net.calendars[cal];
      cur = new ScheduleCursor(info.thing, info.timezone, this.c.startMs, this.c.horizonDays + 2);
      this.cursors[cal] = cur;
    }
    const ms = cur.nextUsableMs(this.c.startMs + t * HOUR_MS);
    if (!Number.isFinite(ms)) return -1;
    const entry = (ms - this.c.startMs) / HOUR_MS;
    return entry > this.horizonHours ? -1 : entry;
  }

  isTransfer(e: number): boolean {
    const k = this.net.kind[e];
    return k === EDGE_KIND.tranship || k === EDGE_KIND['gauge-change'];
  }
}

// ---------------------------------------------------------------- guarded places

const guardedCache = new WeakMap<Network, (Uint8Array | undefined)[]>();

/**
 * The places where the search must remember that a label transferred there.
 * The rule is that cargo transferred at a place is not transferred there
 * again before it has been transferred somewhere else: two transfers in a row
 * at one place, or two with only a trip out and back between them (rail →
 * road, a truck out to the next place and back, road → rail), are a
 * transshipment done as two, and a yard's gauge change must not be dodged so.
 *
 * Where a place's transfers keep the triangle inequality — for every pair of
 * transfers x → y and z → k there (k ≠ x) a direct one x → k no dearer, no
 * slower and no more emitting than the two together — the rule never changes
 * an optimum: a path that transferred at the place, left and came back to
 * transfer again is matched by the direct transfer at its first visit
 * (arriving no later, FIFO; its wait at later calendars charged at the
 * storage rate, which the default profile puts below any journey's cost per
 * hour). Tranships are priced so (release + dwell, the two modes' handling);
 * a place with two rail gauges is not (its gauge change costs more than rail
 * → road → rail), nor one where two transfers reach a mode no direct one does.
 * At a seaport the direct move from a ship's arrival node to its departure
 * node is the call (not a transfer), so a ship's cargo taken off by one
 * transfer and put back on by another is matched by the call.
 * Those are guarded: a label that transferred at one carries it as its
 * guarded place. Over the cargo's transfer edges, whatever the query avoids
 * (guarding a place more than needed changes no answer). Cached per network.
 */
export function guardedPlaces(net: Network, cargo: number): Uint8Array {
  let perCargo = guardedCache.get(net);
  if (!perCargo) {
    perCargo = new Array(CARGO_COUNT);
    guardedCache.set(net, perCargo);
  }
  const cached = perCargo[cargo];
  if (cached) return cached;
  const byPlace = new Map<number, number[]>();
  // a ship's call (arrival → departure at a port) is a direct move there, though not a transfer
  const callsAt = new Map<number, number[]>();
  const bit = 1 << cargo;
  for (let e = 0; e < net.edgeCount; e++) {
    const k = net.kind[e];
    const call = k === EDGE_KIND.call;
    if (!call && k !== EDGE_KIND.tranship && k !== EDGE_KIND['gauge-change']) continue;
    if (!(net.cargoMask[e] & bit)) continue;
    const p = net.nodePlace[net.tail[e]];
    const into = call ? callsAt : byPlace;
    const list = into.get(p);
    if (list) list.push(e);
    else into.set(p, [e]);
  }
  const guarded = new Uint8Array(net.places.length);
  for (const [p, edges] of byPlace)
    if (!keepsTriangle(net, cargo, edges, callsAt.get(p) ?? [])) guarded[p] = 1;
  perCargo[cargo] = guarded;
  return guarded;
}

/**
 * Whether a place's transfer edges keep the triangle inequality on hours, cost and CO2e (`guardedPlaces`);
 * `calls`: the place's call edges, direct moves from a ship's arrival to its departure node (a port's
 * arrival → rail and rail → departure transfers are matched by the call, src/network/compile/sea-calls.ts).
 */
function keepsTriangle(net: Network, cargo: number, edges: number[], calls: number[]): boolean {
  const direct = new Map<string, number>();
  for (const e of [...edges, ...calls]) direct.set(`${net.tail[e]}>${net.targets[e]}`, e);
  const at = (e: number) => e * CARGO_COUNT + cargo;
  for (const first of edges) {
    for (const second of edges) {
      const x = net.tail[first];
      const k = net.targets[second];
      if (k === x) continue;
      const d = direct.get(`${x}>${k}`);
      if (d === undefined) return false;
      const [a, b, c] = [at(d), at(first), at(second)];
      if (net.hours[a] > net.hours[b] + net.hours[c] + 1e-9) return false;
      if (net.costUsd[a] > net.costUsd[b] + net.costUsd[c] + 1e-9) return false;
      if (net.co2eKg[a] > net.co2eKg[b] + net.co2eKg[c] + 1e-9) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- lower bounds

export interface LowerBounds {
  time: Float64Array;
  cost: Float64Array;
  co2: Float64Array;
}

/** Static backward Dijkstra from `target` on one per-edge weight (no waits): a lower bound to the target. */
function backward(ctx: SearchContext, target: number, weights: Float64Array): Float64Array {
  const net = ctx.net;
  const dist = new Float64Array(net.nodeCount).fill(Number.POSITIVE_INFINITY);
  const heap = new IndexedMinHeap(net.nodeCount);
  dist[target] = 0;
  heap.push(target, 0);
  const c = ctx.cargo;
  while (heap.size > 0) {
    const d = heap.topKey();
    const v = heap.pop();
    for (let i = net.rOffsets[v]; i < net.rOffsets[v + 1]; i++) {
      const e = net.rEdges[i];
      if (!ctx.allowed[e]) continue;
      const u = net.tail[e];
      const nd = d + weights[e * CARGO_COUNT + c];
      if (nd < dist[u]) {
        dist[u] = nd;
        heap.push(u, nd);
      }
    }
  }
  return dist;
}

export function lowerBounds(ctx: SearchContext, target: number): LowerBounds {
  return {
    time: backward(ctx, target, ctx.net.hours),
    cost: backward(ctx, target, ctx.net.costUsd),
    co2: backward(ctx, target, ctx.net.co2eKg),
  };
}

// ---------------------------------------------------------------- labels

/** The typed arrays a label store keeps its labels in. */
export type LabelArray = Int32Array | Float64Array | Uint8Array;

/** A copy of `a` grown to `n` entries (a label store's arrays double when full). */
export function grownArray<T extends LabelArray>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Struct-of-arrays label store. */
export class Labels {
  size = 0;
  node = new Int32Array(1024);
  edge = new Int32Array(1024);
  prev = new Int32Array(1024);
  time = new Float64Array(1024);
  cost = new Float64Array(1024);
  co2 = new Float64Array(1024);
  wait = new Float64Array(1024);
  transfers = new Int32Array(1024);
  /** The label's guarded place (`guardedPlaces`), −1 when none. */
  guard = new Int32Array(1024);
  dead = new Uint8Array(1024);

  private grow(): void {
    const n = this.node.length * 2;
    const g = <T extends LabelArray>(a: T): T => grownArray(a, n);
    this.node = g(this.node);
    this.edge = g(this.edge);
    this.prev = g(this.prev);
    this.time = g(this.time);
    this.cost = g(this.cost);
    this.co2 = g(this.co2);
    this.wait = g(this.wait);
    this.transfers = g(this.transfers);
    this.guard = g(this.guard);
    this.dead = g(this.dead);
  }

  add(
    node: number,
    edge: number,
    prev: number,
    time: number,
    cost: number,
    co2: number,
    wait: number,
    transfers: number,
    guard = -1,
  ): number {
    if (this.size === this.node.length) this.grow();
    const i = this.size++;
    this.node[i] = node;
    this.edge[i] = edge;
    this.prev[i] = prev;
    this.time[i] = time;
    this.cost[i] = cost;
    this.co2[i] = co2;
    this.wait[i] = wait;
    this.transfers[i] = transfers;
    this.guard[i] = guard;
    this.dead[i] = 0;
    return i;
  }
}

export interface LabelSearchOptions {
  criteria: Criterion[];
  /** Relative slack of dominance (0 = exact Pareto). */
  slack: number;
  /** Ordering criterion (A* on it with the lower bounds). */
  primary: Criterion;
  /** Stop at the first target label (single-criterion search). */
  firstOnly?: boolean;
  bounds?: LowerBounds;
  /** Safety cap on labels created. */
  maxLabels?: number;
}

export interface LabelSearchResult {
  labels: Labels;
  /** Labels at the target that survived (not dominated). */
  targets: number[];
  truncated: boolean;
}

/** One step of a path: the edge taken, entry (after waiting) and arrival, hours after the start. */
export interface PathStep {
  edge: number;
  enter: number;
  arrive: number;
  wait: number;
}

export function pathOf(labels: Labels, id: number, ctx: SearchContext): PathStep[] {
  const steps: PathStep[] = [];
  let i = id;
  while (i >= 0 && labels.edge[i] >= 0) {
    const e = labels.edge[i];
    const arrive = labels.time[i];
    const hours = ctx.net.hours[e * CARGO_COUNT + ctx.cargo];
    steps.push({ edge: e, enter: arrive - hours, arrive, wait: labels.wait[i] });
    i = labels.prev[i];
  }
  return steps.reverse();
}

/**
 * One run of `labelSearch`: its options read once, the label store, the bag
 * of labels at each node, the queue and the target labels found so far.
 */
class LabelRun {
  readonly net: Network;
  readonly L = new Labels();
  readonly bags: number[][];
  readonly heap = new IndexedMinHeap();
  readonly targets: number[] = [];
  readonly useTime: boolean;
  readonly useCost: boolean;
  readonly useCo2: boolean;
  readonly useTransfers: boolean;
  readonly eps: number;
  readonly latest: number;
  readonly maxTransfers: number;
  readonly lbT: Float64Array | undefined;
  readonly lbC: Float64Array | undefined;
  readonly lbE: Float64Array | undefined;
  /** USD per hour a label earlier than another may pay in longer waits (when it plans on cost and time). */
  readonly waitCharge: number;

  constructor(
    readonly ctx: SearchContext,
    readonly source: number,
    readonly target: number,
    readonly opts: LabelSearchOptions,
  ) {
    this.net = ctx.net;
    this.bags = new Array(this.net.nodeCount);
    this.useTime = opts.criteria.includes('time');
    this.useCost = opts.criteria.includes('cost');
    this.useCo2 = opts.criteria.includes('co2');
    this.useTransfers = ctx.c.maxTransfers !== undefined;
    this.eps = 1 + opts.slack;
    this.latest = ctx.c.latestArrivalHours ?? Number.POSITIVE_INFINITY;
    this.maxTransfers = ctx.c.maxTransfers ?? Number.POSITIVE_INFINITY;
    this.lbT = opts.bounds?.time;
    this.lbC = opts.bounds?.cost;
    this.lbE = opts.bounds?.co2;
    this.waitCharge = this.useTime && this.useCost ? ctx.waitUsdPerHour : 0;
  }

  /** a dominates b (relaxed by f) on the chosen criteria */
  dom(
    at: number,
    ac: number,
    ae: number,
    ax: number,
    bt: number,
    bc: number,
    be: number,
    bx: number,
    f: number,
  ) {
    return (
      (!this.useTime || at <= bt * f + 1e-9) &&
      (!this.useCost || ac <= bc * f + 1e-9) &&
      (!this.useCo2 || ae <= be * f + 1e-9) &&
      (!this.useTransfers || ax <= bx)
    );
  }

  /** The queue key: the primary criterion plus its lower bound to the target (A*). */
  keyOf(t: number, c: number, e: number, v: number): number {
    switch (this.opts.primary) {
      case 'time':
        return t + (this.lbT ? this.lbT[v] : 0);
      case 'cost':
        return c + (this.lbC ? this.lbC[v] : 0);
      default:
        return e + (this.lbE ? this.lbE[v] : 0);
    }
  }

  /** Whether a target label found so far dominates every completion of this label (by the lower bounds). */
  prunedByTargets(t: number, c: number, e: number, x: number, v: number): boolean {
    const { targets, L } = this;
    if (targets.length === 0) return false;
    const et = t + (this.lbT ? this.lbT[v] : 0);
    const ec = c + (this.lbC ? this.lbC[v] : 0);
    const ee = e + (this.lbE ? this.lbE[v] : 0);
    for (const id of targets) {
      if (L.dead[id]) continue;
      if (this.dom(L.time[id], L.cost[id], L.co2[id], L.transfers[id], et, ec, ee, x, this.eps)) return true;
    }
    return false;
  }

  /**
   * Whether label `a` at node `v` stands in for every completion of a label
   * (bt, bc, be, bx) arrived by a transfer or not (`bVia`) with guarded place
   * `bg`: it dominates it (relaxed by f), charged at the storage rate for the
   * longer wait it may meet where it is earlier (short of the target), and may
   * go on wherever the other may.
   */
  standsIn(
    a: number,
    v: number,
    bt: number,
    bc: number,
    be: number,
    bx: number,
    bVia: boolean,
    bg: number,
    f: number,
  ) {
    const { L, ctx } = this;
    if (L.guard[a] >= 0 && L.guard[a] !== bg) return false;
    if (!bVia && L.edge[a] >= 0 && ctx.isTransfer(L.edge[a])) return false;
    const at = L.time[a];
    const late = v !== this.target && bt > at ? (bt - at) * this.waitCharge : 0;
    return this.dom(at, L.cost[a] + late, L.co2[a], L.transfers[a], bt, bc, be, bx, f);
  }

  /** Adds a label at `v` unless dominated; kills the labels it dominates; queues it or records a target. */
  insert(
    v: number,
    e: number,
    prev: number,
    t: number,
    c: number,
    co: number,
    w: number,
    x: number,
    g: number,
  ): void {
    const { ctx, L, targets } = this;
    let bag = this.bags[v];
    if (!bag) {
      bag = [];
      this.bags[v] = bag;
    }
    // a label that arrived by a transfer may not transfer again, so it cannot stand in for one that did not
    const viaTransfer = e >= 0 && ctx.isTransfer(e);
    for (const id of bag) if (this.standsIn(id, v, t, c, co, x, viaTransfer, g, this.eps)) return;
    if (this.target >= 0 && this.prunedByTargets(t, c, co, x, v)) return;
    const id = L.add(v, e, prev, t, c, co, w, x, g);
    let w2 = 0;
    for (let k = 0; k < bag.length; k++) {
      const b = bag[k];
      const bVia = L.edge[b] >= 0 && ctx.isTransfer(L.edge[b]);
      if (this.standsIn(id, v, L.time[b], L.cost[b], L.co2[b], L.transfers[b], bVia, L.guard[b], 1))
        L.dead[b] = 1;
      else bag[w2++] = b;
    }
    bag.length = w2;
    bag.push(id);
    if (v === this.target) {
      for (let k = targets.length - 1; k >= 0; k--) if (L.dead[targets[k]]) targets.splice(k, 1);
      targets.push(id);
    } else {
      this.heap.push(id, this.keyOf(t, c, co, v));
    }
  }

  /** With `firstOnly`: whether label `id` (and so every one after it) can no longer beat the best target. */
  pastBestTarget(id: number): boolean {
    const { L, targets } = this;
    let bestKey = Number.POSITIVE_INFINITY;
    for (const b of targets)
      bestKey = Math.min(bestKey, this.keyOf(L.time[b], L.cost[b], L.co2[b], this.target));
    return this.keyOf(L.time[id], L.cost[id], L.co2[id], L.node[id]) >= bestKey;
  }

  /** Extends label `id` over every edge out of its node that is open to it. */
  expand(id: number): void {
    const { ctx, net, L } = this;
    const v = L.node[id];
    // a gate is a door: cargo enters at the origin's and leaves at the destination's, never passes through one
    if (v !== this.source && net.nodeMode[v] === GATE) return;
    const t = L.time[id];
    const cg = ctx.cargo;
    const lbT = this.lbT;
    const cameByTransfer = L.edge[id] >= 0 && ctx.isTransfer(L.edge[id]);
    for (let i = net.offsets[v]; i < net.offsets[v + 1]; i++) {
      if (!ctx.allowed[i]) continue;
      // two transfers in a row at one place, or two at a guarded place with a trip out and back between
      // them, would dodge the cost of a direct transfer (`guardedPlaces`)
      if (ctx.isTransfer(i) && (cameByTransfer || ctx.transferBarred(L.guard[id], i))) continue;
      const enter = ctx.entryTime(i, t);
      if (enter < 0) continue;
      const k = i * CARGO_COUNT + cg;
      const arrive = enter + net.hours[k];
      if (arrive > this.latest) continue;
      const x = L.transfers[id] + (ctx.isTransfer(i) ? 1 : 0);
      if (x > this.maxTransfers) continue;
      const wait = enter - t;
      const u = net.targets[i];
      if (lbT && (!Number.isFinite(lbT[u]) || arrive + lbT[u] > this.latest)) continue;
      this.insert(
        u,
        i,
        id,
        arrive,
        L.cost[id] + net.costUsd[k] + wait * ctx.waitUsdPerHour,
        L.co2[id] + net.co2eKg[k],
        wait,
        x,
        ctx.guardAfter(L.guard[id], i),
      );
    }
  }
}

/**
 * Multi-criteria label search from node `source` to node `target` (or all
 * nodes when target < 0) subject to the calendars and constraints of `ctx`.
 */
export function labelSearch(
  ctx: SearchContext,
  source: number,
  target: number,
  opts: LabelSearchOptions,
): LabelSearchResult {
  const run = new LabelRun(ctx, source, target, opts);
  const { L, heap, targets } = run;
  const maxLabels = opts.maxLabels ?? 2_000_000;
  let truncated = false;
  run.insert(source, -1, -1, 0, 0, 0, 0, 0, -1);
  if (source === target) return { labels: L, targets, truncated };

  while (heap.size > 0) {
    const id = heap.pop();
    if (L.dead[id]) continue;
    // every remaining key ≥ the best target's key: done
    if (opts.firstOnly && targets.length > 0 && run.pastBestTarget(id)) break;
    if (target >= 0 && run.prunedByTargets(L.time[id], L.cost[id], L.co2[id], L.transfers[id], L.node[id]))
      continue;
    run.expand(id);
    if (L.size > maxLabels) {
      truncated = true;
      break;
    }
  }
  return { labels: L, targets: targets.filter((id) => !L.dead[id]), truncated };
}
