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
import { LabelTree, type StepValue, TargetBounds, treeTo } from './tree.ts';

/**
 * Reusable labels for `costTree`: per node the best label's generalised cost
 * with congestion (`cost`), without (`base`) and its arrival (`time`, hours);
 * its path by `edgesTo(node)` / `stepsTo(ctx, node)`, or by walking `best`,
 * `lEdge`, `lPrev`.
 */
export class TreeBuffers extends LabelTree {
  /** Per node: generalised cost per tonne with congestion; +Infinity when unreachable. */
  get cost(): Float64Array {
    return this.value;
  }
  /** Per node: the same without congestion. */
  get base(): Float64Array {
    return this.side;
  }
}

/**
 * One-to-all tree on generalised cost per tonne from node `source`, with the
 * router's calendar rules (waits at the cost of storage + value of time), on
 * the router's label kernel (`treeTo`: a place keeps a dearer label that is
 * in time for a season-bound link beside a cheaper late one). `extra` adds a
 * congestion cost per tonne per edge (never negative). Fills `buf`: exact at
 * every node, or at the nodes of `targets` (`costBounds`).
 */
export function costTree(
  ctx: SearchContext,
  source: number,
  gc: Float64Array,
  waitPerHour: number,
  extra: Float64Array | null,
  buf: TreeBuffers,
  targets?: TargetBounds,
): void {
  const free: StepValue = (i, d, t, enter) => d + (gc[i] + (enter - t) * waitPerHour);
  const step: StepValue = extra
    ? (i, d, t, enter) => d + (gc[i] + (enter - t) * waitPerHour) + extra[i]
    : free;
  treeTo(ctx, source, buf, step, { waitPerHour, side: extra ? free : undefined }, targets);
  if (!extra) buf.side.set(buf.value);
}

/** The lower bounds `costTree` with generalised costs `gc` needs for `targets` (nodes): congestion left out. */
export function costBounds(ctx: SearchContext, gc: Float64Array, targets: readonly number[]): TargetBounds {
  return new TargetBounds(ctx, targets, (e) => gc[e]);
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
