/**
 * The one time-dependent one-to-all kernel of the router: a label-setting
 * Dijkstra on the router's calendar rules (an edge is entered at its next
 * opening, `SearchContext.entryTime`; a gate is a door, never passed
 * through; no two transfers in a row; no transfer again at a guarded place
 * before one elsewhere, `SearchContext.guardAfter`). What a label is worth is
 * the variant's parameter (as graphology's `abstractDijkstraMultisource`: one
 * kernel, thin variants): `scalarAll` (time, cost or CO2 for matrices) here,
 * the flow assignment's generalised-cost tree with waiting and congestion in
 * `cost-tree.ts`.
 *
 * Labels, not one value per node: a place may be reached by a cheap label
 * that comes too late for a season-bound link and by a dearer one in time for
 * it, and only the second goes on. So a node keeps every label no other
 * label there dominates: A dominates B when A arrives no later, is worth no
 * more once B's extra time at the next wait is charged (`waitPerHour`), and
 * may go on wherever B may (A did not arrive by a transfer unless B did; A's
 * guarded place is none or B's). Exact: every label a completion of B needs
 * is matched by one of A (FIFO edges: leaving earlier never arrives later;
 * the extra wait A may meet is at most B's lateness, charged at
 * `waitPerHour`). When no edge open to the query has a calendar, time does
 * not change what an edge costs and the comparison is on the value alone (a
 * node then keeps at most one label per way it may go on).
 */
import { IndexedMinHeap } from '../graph/heap.ts';
import { CARGO_COUNT, MODE_CODE } from '../network/types.ts';
import { guardMatters } from './guard-reach.ts';
import { type Criterion, grownArray, type LabelArray, type PathStep, type SearchContext } from './search.ts';
import { Staircases } from './staircase.ts';

const GATE = MODE_CODE.gate;

/**
 * The labels of one search and, per node, the best of them: the least value
 * (then the earliest). Reusable: each search starts with `reset`.
 */
export class LabelTree {
  /** Per node: the best label's value; +Infinity when unreachable. */
  readonly value: Float64Array;
  /** Per node: hours after the start at which the best label arrives (left as it was when unreachable). */
  readonly time: Float64Array;
  /** Per node: the best label's side value (`SideValue`), when the search carries one. */
  readonly side: Float64Array;
  /** Per node: the best label, −1 when unreachable. */
  readonly best: Int32Array;
  /** Per node: its first label (the bag of a search on value alone, linked by `lNext`), −1 when none. */
  readonly head: Int32Array;
  /** Per node: the labels of a search on value and arrival, by way to go on and arrival (`staircase.ts`). */
  readonly stairs: Staircases;
  /** Scratch: per node, the bound of `treeTo`'s second search. */
  readonly bound: Float64Array;
  /** The queue of labels (kept between searches: it grows to the most labels a search made). */
  readonly heap: IndexedMinHeap;
  size = 0;
  lNode = new Int32Array(1024);
  /** The edge a label arrived by (−1 at the source). */
  lEdge = new Int32Array(1024);
  /** The label it extends (−1 at the source). */
  lPrev = new Int32Array(1024);
  lNext = new Int32Array(1024);
  lGuard = new Int32Array(1024);
  lDead = new Uint8Array(1024);
  /** 1 when the label arrived by a transfer. */
  lVia = new Uint8Array(1024);
  lValue = new Float64Array(1024);
  lSide = new Float64Array(1024);
  lTime = new Float64Array(1024);

  constructor(readonly nodeCount: number) {
    this.value = new Float64Array(nodeCount);
    this.time = new Float64Array(nodeCount).fill(Number.POSITIVE_INFINITY);
    this.side = new Float64Array(nodeCount);
    this.best = new Int32Array(nodeCount);
    this.head = new Int32Array(nodeCount);
    this.heap = new IndexedMinHeap(nodeCount);
    this.bound = new Float64Array(nodeCount);
    this.stairs = new Staircases(nodeCount);
  }

  reset(): void {
    this.size = 0;
    this.value.fill(Number.POSITIVE_INFINITY);
    this.best.fill(-1);
    this.head.fill(-1);
    this.stairs.reset();
    this.heap.clear();
  }

  private grow(): void {
    const n = this.lNode.length * 2;
    const g = <T extends LabelArray>(a: T): T => grownArray(a, n);
    this.lNode = g(this.lNode);
    this.lEdge = g(this.lEdge);
    this.lPrev = g(this.lPrev);
    this.lNext = g(this.lNext);
    this.lGuard = g(this.lGuard);
    this.lDead = g(this.lDead);
    this.lVia = g(this.lVia);
    this.lValue = g(this.lValue);
    this.lSide = g(this.lSide);
    this.lTime = g(this.lTime);
  }

  /** Adds a label (in no bag or staircase yet); returns its id. */
  add(
    node: number,
    edge: number,
    prev: number,
    value: number,
    side: number,
    time: number,
    guard: number,
    via: boolean,
  ): number {
    if (this.size === this.lNode.length) this.grow();
    const id = this.size++;
    this.lNode[id] = node;
    this.lEdge[id] = edge;
    this.lPrev[id] = prev;
    this.lValue[id] = value;
    this.lSide[id] = side;
    this.lTime[id] = time;
    this.lGuard[id] = guard;
    this.lDead[id] = 0;
    this.lVia[id] = via ? 1 : 0;
    return id;
  }

  /** Sets each node's best label from the live labels of its bag. */
  finish(): void {
    const { value, time, side, best } = this;
    for (let id = 0; id < this.size; id++) {
      if (this.lDead[id]) continue;
      const v = this.lNode[id];
      const b = best[v];
      if (b < 0 || this.lValue[id] < value[v] || (this.lValue[id] === value[v] && this.lTime[id] < time[v])) {
        best[v] = id;
        value[v] = this.lValue[id];
        time[v] = this.lTime[id];
        side[v] = this.lSide[id];
      }
    }
  }

  /** The edges of the best path to `node`, from the source; empty when unreachable or the source. */
  edgesTo(node: number): number[] {
    const edges: number[] = [];
    for (let id = this.best[node]; id >= 0 && this.lEdge[id] >= 0; id = this.lPrev[id])
      edges.push(this.lEdge[id]);
    return edges.reverse();
  }

  /** The steps of the best path to `node` (edge, entry after any wait, arrival, wait), from the source. */
  stepsTo(ctx: SearchContext, node: number): PathStep[] {
    const steps: PathStep[] = [];
    for (let id = this.best[node]; id >= 0 && this.lEdge[id] >= 0; id = this.lPrev[id]) {
      const e = this.lEdge[id];
      const arrive = this.lTime[id];
      const enter = arrive - ctx.net.hours[e * CARGO_COUNT + ctx.cargo];
      steps.push({ edge: e, enter, arrive, wait: Math.max(0, enter - this.lTime[this.lPrev[id]]) });
    }
    return steps.reverse();
  }
}

/**
 * The value of a label reached over `edge`: `d` is the value of the label it
 * extends, reached at `t`; the edge is entered at `enter` (after any wait)
 * and left at `arrive` (hours after the start). Never below `d`.
 */
export type StepValue = (edge: number, d: number, t: number, enter: number, arrive: number) => number;

export interface TreeOptions {
  /** What waiting an hour adds to the value (0 when the value does not charge waits, or is the time). */
  waitPerHour: number;
  /** A second value carried beside the label's (not compared): the cost tree's cost without congestion. */
  side?: StepValue;
  /**
   * Compare labels on their value alone, one label per node and way to go on:
   * exact when the value is the arrival time (FIFO) or no edge has a calendar.
   */
  valueOnly?: boolean;
  /** Per node: a label worth more is dropped (`TargetBounds`: it can reach no target at its best value). */
  bound?: Float64Array;
}

/**
 * Whether label `a` dominates a label (value bv, time bt, arrived by transfer or not, guarded place bg).
 * Compared exactly (of two equal labels the first stays): the overload search breaks ties with tolls of 1e-9.
 */
function dominates(
  T: LabelTree,
  a: number,
  bv: number,
  bt: number,
  bVia: boolean,
  bg: number,
  byTime: boolean,
  waitPerHour: number,
): boolean {
  const ag = T.lGuard[a];
  if (ag >= 0 && ag !== bg) return false;
  if (!bVia && T.lVia[a]) return false;
  if (!byTime) return T.lValue[a] <= bv;
  const at = T.lTime[a];
  return at <= bt && T.lValue[a] + waitPerHour * (bt - at) <= bv;
}

/**
 * Adds the label unless one at `u` dominates it; kills those it dominates.
 * Returns its id, or −1. Scans the node's whole bag: the search on value
 * alone (a few labels per node), and the reference `insertByTime` is tested against.
 */
export function insertLinear(
  T: LabelTree,
  ctx: SearchContext,
  u: number,
  edge: number,
  prev: number,
  nd: number,
  ns: number,
  arrive: number,
  guard: number,
  byTime: boolean,
  waitPerHour: number,
): number {
  const via = edge >= 0 && ctx.isTransfer(edge);
  for (let id = T.head[u]; id >= 0; id = T.lNext[id])
    if (dominates(T, id, nd, arrive, via, guard, byTime, waitPerHour)) return -1;
  const id = T.add(u, edge, prev, nd, ns, arrive, guard, via);
  T.lNext[id] = T.head[u];
  T.head[u] = id;
  // unlink the labels the new one dominates (the new one is first in the bag)
  let last = id;
  for (let k = T.lNext[id]; k >= 0; k = T.lNext[k]) {
    if (dominates(T, id, T.lValue[k], T.lTime[k], T.lVia[k] === 1, T.lGuard[k], byTime, waitPerHour)) {
      T.lDead[k] = 1;
      T.lNext[last] = T.lNext[k];
    } else last = k;
  }
  return id;
}

/** `insertLinear` on value and arrival, by the node's staircases (`staircase.ts`): the same decisions. */
export function insertByTime(
  T: LabelTree,
  ctx: SearchContext,
  u: number,
  edge: number,
  prev: number,
  nd: number,
  ns: number,
  arrive: number,
  guard: number,
  waitPerHour: number,
): number {
  const via = edge >= 0 && ctx.isTransfer(edge);
  if (T.stairs.dominated(T, u, nd, arrive, guard, via, waitPerHour)) return -1;
  const id = T.add(u, edge, prev, nd, ns, arrive, guard, via);
  T.stairs.kill(T, u, id, guard, via, waitPerHour);
  T.stairs.place(T, u, id, guard, via);
  return id;
}

/** Fills `tree` with the labels from `source` under `step`. */
export function oneToAll(
  ctx: SearchContext,
  source: number,
  tree: LabelTree,
  step: StepValue,
  opts: TreeOptions,
): void {
  const net = ctx.net;
  tree.reset();
  const byTime = ctx.timeMatters && !opts.valueOnly;
  const bound = opts.bound;
  const waitPerHour = opts.waitPerHour;
  const side = opts.side;
  const heap = tree.heap;
  const root = tree.add(source, -1, -1, 0, 0, 0, -1, false);
  if (byTime) tree.stairs.place(tree, source, root, -1, false);
  else {
    tree.lNext[root] = -1;
    tree.head[source] = root;
  }
  heap.push(root, 0);
  const allowed = ctx.allowed;
  const cargo = ctx.cargo;
  const matters: (Uint8Array | undefined)[] = [];
  const sourceIsGate = net.nodeMode[source] === GATE;
  while (heap.size > 0) {
    const l = heap.pop();
    if (tree.lDead[l]) continue;
    const v = tree.lNode[l];
    if (l !== root && net.nodeMode[v] === GATE) continue;
    const d = tree.lValue[l];
    const s = tree.lSide[l];
    const t = tree.lTime[l];
    const guard = tree.lGuard[l];
    const cameByTransfer = tree.lVia[l] === 1;
    for (let i = net.offsets[v]; i < net.offsets[v + 1]; i++) {
      if (!allowed[i]) continue;
      if (ctx.isTransfer(i) && (cameByTransfer || ctx.transferBarred(guard, i))) continue;
      const enter = ctx.entryTime(i, t);
      if (enter < 0) continue;
      const u = net.targets[i];
      // back at the origin's gate (a gate source): a path on from there would pass through it (a gate is a
      // door) and the root is its best label; with waits charged, a lap out and back (free load and unload)
      // was a way to wait unpaid, a new label every lap, without end (air cost matrices: origin-gate.test.ts)
      if (u === source && sourceIsGate) continue;
      const arrive = enter + net.hours[i * CARGO_COUNT + cargo];
      const nd = step(i, d, t, enter, arrive);
      if (bound && nd > bound[u]) continue;
      const ns = side ? side(i, s, t, enter, arrive) : 0;
      let g = ctx.guardAfter(guard, i);
      if (g >= 0) {
        const reach = matters[g] ?? guardMatters(ctx, g);
        matters[g] = reach;
        if (!reach[u]) g = -1;
      }
      const id = byTime
        ? insertByTime(tree, ctx, u, i, l, nd, ns, arrive, g, waitPerHour)
        : insertLinear(tree, ctx, u, i, l, nd, ns, arrive, g, false, waitPerHour);
      if (id >= 0) heap.push(id, nd);
    }
  }
  tree.finish();
}

/**
 * Static lower bounds of a value from every node to each of a set of target
 * nodes (backward Dijkstra over the edges open to the query on a per-edge
 * weight no greater than what the edge adds to the value: waits, congestion
 * and the calendars left out), and from them the bound a label must keep
 * within to matter to any target (`boundFor`).
 */
export class TargetBounds {
  /** Per target: the lower bound from every node to it (+Infinity when it cannot be reached). */
  readonly toTarget: Float64Array[];

  constructor(
    ctx: SearchContext,
    readonly targets: readonly number[],
    weight: (edge: number) => number,
  ) {
    this.toTarget = targets.map((u) => backwardBound(ctx, u, weight));
  }

  /**
   * Per node v, the most a label at v may be worth and still reach some
   * target u at no more than `upper[u]` (a value a feasible path reaches u
   * at): max over u of upper[u] − bound(v → u), with a little room for
   * rounding; +Infinity where a target v can reach has no upper value.
   */
  boundFor(upper: Float64Array, out: Float64Array): Float64Array {
    out.fill(Number.NEGATIVE_INFINITY);
    this.targets.forEach((u, k) => {
      const lb = this.toTarget[k];
      const ub = upper[u];
      const room = ub + 1e-7 * Math.abs(ub) + 1e-9;
      for (let v = 0; v < out.length; v++) {
        const l = lb[v];
        if (l === Number.POSITIVE_INFINITY) continue;
        const b = room - l;
        if (b > out[v]) out[v] = b;
      }
    });
    return out;
  }
}

function backwardBound(ctx: SearchContext, target: number, weight: (edge: number) => number): Float64Array {
  const net = ctx.net;
  const dist = new Float64Array(net.nodeCount).fill(Number.POSITIVE_INFINITY);
  const heap = new IndexedMinHeap(net.nodeCount);
  dist[target] = 0;
  heap.push(target, 0);
  while (heap.size > 0) {
    const d = heap.topKey();
    const v = heap.pop();
    for (let i = net.rOffsets[v]; i < net.rOffsets[v + 1]; i++) {
      const e = net.rEdges[i];
      if (!ctx.allowed[e]) continue;
      const u = net.tail[e];
      const nd = d + weight(e);
      if (nd < dist[u]) {
        dist[u] = nd;
        heap.push(u, nd);
      }
    }
  }
  return dist;
}

/**
 * The labels from `source` with the best value exact at every node, or,
 * given `targets`, at those nodes (others may be left dearer or unreached):
 * with no calendar open to the query, or a value that is the arrival time,
 * one label per node and way to go on; else, first that search, whose values
 * at the targets are reached by real paths (upper bounds), then the labels'
 * search keeping only labels that can still reach a target within its upper
 * bound (`TargetBounds`), which drops the many earlier-but-dearer labels
 * that matter to no target and keeps every one that can.
 */
export function treeTo(
  ctx: SearchContext,
  source: number,
  tree: LabelTree,
  step: StepValue,
  opts: TreeOptions,
  targets?: TargetBounds,
): void {
  if (!ctx.timeMatters || opts.valueOnly) {
    oneToAll(ctx, source, tree, step, { ...opts, valueOnly: true });
    return;
  }
  if (!targets) {
    oneToAll(ctx, source, tree, step, opts);
    return;
  }
  oneToAll(ctx, source, tree, step, { ...opts, valueOnly: true });
  const bound = targets.boundFor(tree.value, tree.bound);
  oneToAll(ctx, source, tree, step, { ...opts, bound });
}

export interface AllResult {
  /** Per node: the metric value (hours, USD or kg CO2e), +Infinity when unreachable. */
  value: Float64Array;
  time: Float64Array;
}

/**
 * One-to-all search on `metric` (hours, USD with waits at the storage rate,
 * or kg CO2e), exact under the calendars (see the kernel's note) at every
 * node, or at the nodes of `targets` (`treeTo`; `scalarBounds`).
 */
export function scalarAll(
  ctx: SearchContext,
  source: number,
  metric: Criterion,
  targets?: TargetBounds,
  tree?: LabelTree,
): AllResult {
  const net = ctx.net;
  const out = tree ?? new LabelTree(net.nodeCount);
  const cg = ctx.cargo;
  const w = metric === 'cost' ? net.costUsd : metric === 'co2' ? net.co2eKg : null;
  const waitUsdPerHour = metric === 'cost' ? ctx.waitUsdPerHour : 0;
  const step: StepValue = w
    ? metric === 'cost'
      ? (i, d, t, enter) => d + w[i * CARGO_COUNT + cg] + (enter - t) * waitUsdPerHour
      : (i, d) => d + w[i * CARGO_COUNT + cg]
    : (_i, _d, _t, _enter, arrive) => arrive;
  treeTo(ctx, source, out, step, { waitPerHour: waitUsdPerHour, valueOnly: metric === 'time' }, targets);
  return { value: out.value, time: out.time };
}

/** The static lower bounds `scalarAll` on `metric` needs for `targets` (nodes). */
export function scalarBounds(
  ctx: SearchContext,
  metric: Criterion,
  targets: readonly number[],
): TargetBounds {
  const net = ctx.net;
  const w = metric === 'cost' ? net.costUsd : metric === 'co2' ? net.co2eKg : net.hours;
  const cg = ctx.cargo;
  return new TargetBounds(ctx, targets, (e) => w[e * CARGO_COUNT + cg]);
}

/** Earliest arrival (hours after the start) at every node. */
export function earliestArrivalAll(ctx: SearchContext, source: number): Float64Array {
  return scalarAll(ctx, source, 'time').value;
}
