/**
 * The flow assignment's and the scenario diff's one-to-all tree: generalised
 * cost per tonne (money + value of time × tonnes × hours + carbon price ×
 * CO2e, per tonne), waiting charged at the profile's storage rate plus the
 * value of time, an optional congestion cost per edge; on the router's one
 * kernel (`tree.ts`) with its calendar rules.
 */
import { CARGO_INDEX, type CargoUnit } from '../costs/profile.ts';
import { CARGO_COUNT, type Network } from '../network/types.ts';
import type { SearchContext } from './search.ts';
import { oneToAll } from './tree.ts';

/** Reusable arrays for `costTree`. */
export class TreeBuffers {
  cost: Float64Array;
  base: Float64Array;
  time: Float64Array;
  pred: Int32Array;
  constructor(n: number) {
    this.cost = new Float64Array(n);
    this.base = new Float64Array(n);
    this.time = new Float64Array(n);
    this.pred = new Int32Array(n);
  }
}

/**
 * One-to-all Dijkstra on generalised cost per tonne from node `source`, with
 * the router's calendar rules (waits at the cost of storage + value of time).
 * `extra` adds a congestion cost per tonne per edge. Fills `buf.cost` (with
 * congestion), `buf.base` (without), `buf.time` (hours) and `buf.pred` (edge).
 */
export function costTree(
  ctx: SearchContext,
  source: number,
  gc: Float64Array,
  waitPerHour: number,
  extra: Float64Array | null,
  buf: TreeBuffers,
): void {
  const base = buf.base;
  base[source] = 0;
  oneToAll(
    ctx,
    source,
    { value: buf.cost, time: buf.time, pred: buf.pred },
    extra
      ? (i, d, t, enter) => d + (gc[i] + (enter - t) * waitPerHour) + extra[i]
      : (i, d, t, enter) => d + (gc[i] + (enter - t) * waitPerHour),
    (u, v, i, t, enter) => {
      base[u] = base[v] + (gc[i] + (enter - t) * waitPerHour);
    },
  );
}

/** Generalised cost per tonne of every edge for a cargo unit: (USD + VOT × tonnes × hours + carbon price × CO2e) / tonnes. */
export function generalisedCost(
  net: Network,
  cargo: CargoUnit,
  votUsdPerTonneHour: number,
  carbonUsdPerTonne: number,
): Float64Array {
  const E = net.edgeCount;
  const a = new Float64Array(E);
  const c = CARGO_INDEX[cargo];
  const t = net.profile.cargo.tonnesPerUnit[cargo];
  for (let e = 0; e < E; e++) {
    const k = e * CARGO_COUNT + c;
    a[e] =
      (net.costUsd[k] + votUsdPerTonneHour * t * net.hours[k] + (carbonUsdPerTonne * net.co2eKg[k]) / 1000) /
      t;
  }
  return a;
}

/** Cost of waiting per tonne and hour: the profile's storage rate plus the value of time. */
export function waitCostPerTonneHour(net: Network, cargo: CargoUnit, votUsdPerTonneHour: number): number {
  return (
    net.profile.waiting.usdPerDay[cargo] / 24 / net.profile.cargo.tonnesPerUnit[cargo] + votUsdPerTonneHour
  );
}
