/**
 * The one time-dependent one-to-all kernel of the router: a Dijkstra with one
 * label per node, on the router's calendar rules (an edge is entered at its
 * next opening, `SearchContext.entryTime`; a gate is a door, never passed
 * through; no two transfers in a row). What a label is worth is the variant's
 * parameter (as graphology's `abstractDijkstraMultisource`: one kernel, thin
 * variants): `scalarAll` (time, cost or CO2 for matrices) here, the flow
 * assignment's generalised-cost tree with waiting and congestion in
 * `cost-tree.ts`.
 */
import { IndexedMinHeap } from '../graph/heap.ts';
import { CARGO_COUNT, MODE_CODE } from '../network/types.ts';
import type { Criterion, SearchContext } from './search.ts';

const GATE = MODE_CODE.gate;

/** The arrays a search fills, per node. `time` of a node never reached is left as it was. */
export interface TreeArrays {
  /** The label's value; +Infinity when unreachable. */
  value: Float64Array;
  /** Hours after the start at which the node is reached. */
  time: Float64Array;
  /** The edge the node is reached by; -1 for the source and unreachable nodes. */
  pred: Int32Array;
}

/**
 * The value of a node reached over `edge`: `d` is the value of its tail,
 * reached at `t`; the edge is entered at `enter` (after any wait) and left at
 * `arrive` (hours after the start).
 */
export type StepValue = (edge: number, d: number, t: number, enter: number, arrive: number) => number;

/** Called when a node gets a better label over `edge` from `from` (for values carried beside the key). */
export type OnImprove = (node: number, from: number, edge: number, t: number, enter: number) => void;

/** Fills `out` with the best labels from `source` under `step`. */
export function oneToAll(
  ctx: SearchContext,
  source: number,
  out: TreeArrays,
  step: StepValue,
  onImprove?: OnImprove,
): void {
  const net = ctx.net;
  const { value, time, pred } = out;
  value.fill(Number.POSITIVE_INFINITY);
  pred.fill(-1);
  value[source] = 0;
  time[source] = 0;
  const heap = new IndexedMinHeap(net.nodeCount);
  heap.push(source, 0);
  const allowed = ctx.allowed;
  const cargo = ctx.cargo;
  while (heap.size > 0) {
    const d = heap.topKey();
    const v = heap.pop();
    if (v !== source && net.nodeMode[v] === GATE) continue;
    const t = time[v];
    const pv = pred[v];
    const cameByTransfer = pv >= 0 && ctx.isTransfer(pv);
    for (let i = net.offsets[v]; i < net.offsets[v + 1]; i++) {
      if (!allowed[i]) continue;
      if (cameByTransfer && ctx.isTransfer(i)) continue;
      const enter = ctx.entryTime(i, t);
      if (enter < 0) continue;
      const arrive = enter + net.hours[i * CARGO_COUNT + cargo];
      const nd = step(i, d, t, enter, arrive);
      const u = net.targets[i];
      if (nd < value[u]) {
        value[u] = nd;
        time[u] = arrive;
        pred[u] = i;
        onImprove?.(u, v, i, t, enter);
        heap.push(u, nd);
      }
    }
  }
}

export interface AllResult {
  /** Per node: the metric value (hours, USD or kg CO2e), +Infinity when unreachable. */
  value: Float64Array;
  time: Float64Array;
}

/**
 * One-to-all search with one label per node on `metric`, carrying the time
 * to evaluate calendars. Exact for `time` (FIFO); for `cost`/`co2` it is the
 * best path under the calendars if waiting costs are not decisive (the
 * multi-label `labelSearch` is exact in every case).
 */
export function scalarAll(ctx: SearchContext, source: number, metric: Criterion): AllResult {
  const net = ctx.net;
  const out: TreeArrays = {
    value: new Float64Array(net.nodeCount),
    time: new Float64Array(net.nodeCount).fill(Number.POSITIVE_INFINITY),
    pred: new Int32Array(net.nodeCount),
  };
  const cg = ctx.cargo;
  const w = metric === 'cost' ? net.costUsd : metric === 'co2' ? net.co2eKg : null;
  const waitUsdPerHour = metric === 'cost' ? ctx.waitUsdPerHour : 0;
  const step: StepValue = w
    ? metric === 'cost'
      ? (i, d, t, enter) => d + w[i * CARGO_COUNT + cg] + (enter - t) * waitUsdPerHour
      : (i, d) => d + w[i * CARGO_COUNT + cg]
    : (_i, _d, _t, _enter, arrive) => arrive;
  oneToAll(ctx, source, out, step);
  return { value: out.value, time: out.time };
}

/** Earliest arrival (hours after the start) at every node. */
export function earliestArrivalAll(ctx: SearchContext, source: number): Float64Array {
  return scalarAll(ctx, source, 'time').value;
}
