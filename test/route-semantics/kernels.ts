/**
 * The search kernels the route semantics suite runs against, as adapters:
 * each says what it provides (`Capability`) and answers a route query as
 * well as it can. The reference (`compileNetwork` + `route`) gives whole
 * itineraries; the matrix (`matrix`, one cell), the one-to-all kernel
 * (`oneToAll` / `scalarAll` in `src/routing/tree.ts`) and the assignment's
 * cost tree (`costTree` with `src/scenarios/assign/search.ts`'s costs, exact at
 * the destination: `costBounds`) give
 * the best value of a criterion and whether the destination is reached.
 *
 * A rule declares what it needs (suite.ts); against a kernel that gives no
 * itinerary, every query of the rule is planned by the reference, the
 * rule's own assertions run on that answer, and the kernel must agree with
 * it on everything it provides (`agreeWithReference`): reachability, and
 * the best time, cost or CO2e whenever the reference's answer contains the
 * optimum of that criterion (optimise on it, or the Pareto set). So a
 * kernel passes a rule exactly when its answers are those of a reference
 * that passes it.
 */
import { expect } from 'vitest';
import type { Atlas } from '../../src/atlas/schema.ts';
import type { Profile } from '../../src/costs/profile.ts';
import { compileNetwork } from '../../src/network/compile.ts';
import { MODE_CODE, type Network } from '../../src/network/types.ts';
import { costBounds, costTree } from '../../src/routing/cost-tree.ts';
import { departure, matrix, route } from '../../src/routing/index.ts';
import { RouteQuery, type RouteQueryInput, type RouteResult } from '../../src/routing/schema.ts';
import { SearchContext } from '../../src/routing/search.ts';
import { LabelTree, oneToAll, scalarAll } from '../../src/routing/tree.ts';
import { AssignSearch } from '../../src/scenarios/assign/search.ts';

/** What a kernel can tell about a query. */
export type Capability = 'itinerary' | 'reachability' | 'best-time' | 'best-cost' | 'best-co2';

/** A route implementation under test: plans `query` on `atlas` with `profile`. */
export type RouteImpl = (atlas: Atlas, profile: Profile, query: RouteQueryInput) => RouteResult;

/** A kernel's answer to one query: per unit of cargo, like `matrix`. Absent: not provided. */
export interface Best {
  reachable: boolean;
  hours?: number;
  costUsd?: number;
  co2eKg?: number;
}

export interface Kernel {
  name: string;
  provides: readonly Capability[];
  /** Kernels that provide 'itinerary'. */
  route?: RouteImpl;
  /** Kernels that do not: the best values from the query's origin to its destination. */
  best?: (net: Network, q: RouteQuery) => Best;
  /** Absolute tolerance on the values (the matrix rounds to 0.01). */
  tolerance?: number;
}

export const reference: Kernel = {
  name: 'reference (compileNetwork + route)',
  provides: ['itinerary', 'reachability', 'best-time', 'best-cost', 'best-co2'],
  route: (atlas, profile, query) => route(compileNetwork(atlas, profile), query),
};

function placeIndex(net: Network, id: string, field: string): number {
  const i = net.places.findIndex((p) => p.id === id);
  if (i < 0) throw new Error(`kernel adapter: ${field} ${id} is not a place id of the test atlas`);
  return i;
}

/** The query's constraints a one-to-all kernel has no notion of: a case using them cannot be compared. */
function refuseUnsupported(kernel: string, q: RouteQuery): void {
  if (q.maxTransfers !== undefined || q.latestArrival !== undefined)
    throw new Error(`${kernel}: maxTransfers and latestArrival are route-only constraints`);
}

/** The search context a one-to-all kernel gets for `q`: its departure, cargo, horizon, modes and avoid list. */
function contextOf(net: Network, q: RouteQuery): { ctx: SearchContext; source: number; target: number } {
  const from = placeIndex(net, q.from, 'from');
  const to = placeIndex(net, q.to, 'to');
  const { startMs } = departure(q, net.places[from].timezone);
  const ctx = new SearchContext(net, {
    cargo: q.cargo,
    startMs,
    horizonDays: q.horizonDays,
    modes: q.modes,
    avoid: q.avoid,
  });
  return { ctx, source: net.gateNode[from], target: net.gateNode[to] };
}

/**
 * The path a tree reached its target by (`edges`, from `source`), checked
 * against the rules of the network: it starts at the source, each edge
 * leaves where the one before it arrived, it never passes through a gate (the
 * origin's and destination's doors only), never takes two transfers
 * (tranship, gauge change) in a row and never comes back to a place to
 * transfer there again after a transfer there with only a trip out and back
 * between them.
 */
export function expectLegalTreePath(ctx: SearchContext, edges: number[], source: number): void {
  const net = ctx.net;
  let at = source;
  let lastTransferAt = -1;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k];
    expect(net.tail[e], `edge ${k} of the tree's path does not leave where the one before arrived`).toBe(at);
    at = net.targets[e];
    if (k < edges.length - 1)
      expect(
        net.nodeMode[at],
        `the tree passes through the gate of ${net.places[net.nodePlace[at]]?.id}`,
      ).not.toBe(MODE_CODE.gate);
    if (k > 0)
      expect(ctx.isTransfer(edges[k - 1]) && ctx.isTransfer(e), 'two transfers in a row').toBe(false);
    if (!ctx.isTransfer(e)) continue;
    const place = net.nodePlace[net.tail[e]];
    expect(place, `the tree transfers at ${net.places[place]?.id} again, back from a trip out`).not.toBe(
      lastTransferAt,
    );
    lastTransferAt = place;
  }
}

/** The matrix (`matrix`): one cell per criterion, from the query's origin to its destination. */
export const matrixKernel: Kernel = {
  name: 'matrix (one cell)',
  provides: ['reachability', 'best-time', 'best-cost', 'best-co2'],
  tolerance: 0.006,
  best(net, q) {
    refuseUnsupported('matrix', q);
    const cell = (metric: 'time' | 'cost' | 'co2') =>
      matrix(net, {
        from: [q.from],
        to: [q.to],
        date: q.date,
        time: q.time,
        cargo: q.cargo,
        metric,
        modes: q.modes,
        avoid: q.avoid,
        horizonDays: q.horizonDays,
      }).values[0][0];
    const hours = cell('time');
    if (hours === null) return { reachable: false };
    return { reachable: true, hours, costUsd: cell('cost') ?? Number.NaN, co2eKg: cell('co2') ?? Number.NaN };
  },
};

/** The one-to-all kernel (`oneToAll`, earliest arrival as its label; `scalarAll` for cost and CO2e, exact at every node). */
export const oneToAllKernel: Kernel = {
  name: 'one-to-all kernel (oneToAll / scalarAll)',
  provides: ['reachability', 'best-time', 'best-cost', 'best-co2'],
  best(net, q) {
    refuseUnsupported('oneToAll', q);
    const { ctx, source, target } = contextOf(net, q);
    const tree = new LabelTree(net.nodeCount);
    oneToAll(ctx, source, tree, (_i, _d, _t, _enter, arrive) => arrive, { waitPerHour: 0 });
    if (!Number.isFinite(tree.value[target])) return { reachable: false };
    expectLegalTreePath(ctx, tree.edgesTo(target), source);
    return {
      reachable: true,
      hours: tree.value[target],
      costUsd: scalarAll(ctx, source, 'cost').value[target],
      co2eKg: scalarAll(ctx, source, 'co2').value[target],
    };
  },
};

/**
 * The assignment's cost tree: `costTree` on the generalised cost per tonne
 * and the waiting cost the assignment's searches give it (`AssignSearch`
 * `gcFor`, `waitPerHourOf`, its tree buffer, no congestion), with no value of
 * time and no carbon price, so the generalised cost per tonne is the money
 * cost per tonne; departing at the query's departure (the assignment departs
 * on the 15th of each month at 00:00 UTC: `AssignSearch.ctxFor`).
 */
export const costTreeKernel: Kernel = {
  name: "assignment's cost tree (costTree)",
  provides: ['reachability', 'best-cost'],
  best(net, q) {
    refuseUnsupported('costTree', q);
    const { ctx, source, target } = contextOf(net, q);
    const search = new AssignSearch(net, {
      year: Number(q.date.slice(0, 4)),
      horizonDays: q.horizonDays,
      vot: 0,
      carbon: 0,
    });
    const buf = search.buf;
    const gc = search.gcFor(q.cargo);
    costTree(ctx, source, gc, search.waitPerHourOf(q.cargo), null, buf, costBounds(ctx, gc, [target]));
    if (!Number.isFinite(buf.cost[target])) return { reachable: false };
    expectLegalTreePath(ctx, buf.edgesTo(target), source);
    const tonnes = net.profile.cargo.tonnesPerUnit[q.cargo];
    return { reachable: true, costUsd: buf.cost[target] * tonnes };
  },
};

/** Every kernel the suite runs against. */
export const KERNELS: readonly Kernel[] = [reference, matrixKernel, oneToAllKernel, costTreeKernel];

const min = (xs: number[]) => Math.min(...xs);

/**
 * Checks that `best` (a kernel's answer) agrees with the reference's result
 * `r` on what `kernel` provides: reachability always; the best time, cost or
 * CO2e per unit when `r` holds the optimum of that criterion.
 */
export function agreeWithReference(kernel: Kernel, q: RouteQuery, r: RouteResult, best: Best): void {
  const what = `${kernel.name}, ${q.from} → ${q.to} on ${q.date} ${q.time}, ${q.cargo}, optimise ${q.optimize}`;
  const its = r.itineraries;
  expect(best.reachable, `${what}: reachable`).toBe(its.length > 0);
  if (its.length === 0) return;
  const tol = kernel.tolerance ?? 1e-6;
  const has = (c: Capability) => kernel.provides.includes(c);
  const holds = (o: RouteQuery['optimize']) => q.optimize === o || q.optimize === 'pareto';
  const close = (label: string, got: number | undefined, want: number) => {
    expect(got, `${what}: ${label} not given`).toBeTypeOf('number');
    expect(
      Math.abs((got as number) - want),
      `${what}: ${label} ${got} vs the reference's ${want}`,
    ).toBeLessThanOrEqual(tol);
  };
  if (has('best-time') && holds('time')) close('best hours', best.hours, min(its.map((i) => i.totals.hours)));
  if (has('best-cost') && holds('cost'))
    close('best cost per unit', best.costUsd, min(its.map((i) => i.totals.costUsd)) / q.qty);
  if (has('best-co2') && holds('co2'))
    close('best CO2e per unit', best.co2eKg, min(its.map((i) => i.totals.co2eKg)) / q.qty);
}

const CRITERIA = ['time', 'cost', 'co2'] as const;
const CAPABILITY_OF = { time: 'best-time', cost: 'best-cost', co2: 'best-co2' } as const;

/**
 * A route implementation for a rule run against `kernel`: the kernel's own
 * when it gives itineraries; otherwise the reference's answer, after the
 * kernel has been checked against it on the same network and query, and on
 * the same query optimising each other criterion the kernel gives the best
 * value of (so a kernel of best cost is checked on the rule's time queries too).
 */
export function implOf(kernel: Kernel): RouteImpl {
  if (kernel.route) return kernel.route;
  const best = kernel.best;
  if (!best) throw new Error(`${kernel.name}: neither route nor best`);
  return (atlas, profile, query) => {
    const net = compileNetwork(atlas, profile);
    const r = route(net, query);
    const q = RouteQuery.parse(query);
    const b = best(net, q);
    agreeWithReference(kernel, q, r, b);
    for (const crit of CRITERIA) {
      if (q.optimize === crit || q.optimize === 'pareto' || !kernel.provides.includes(CAPABILITY_OF[crit]))
        continue;
      const other = { ...query, optimize: crit, alternatives: 0 };
      agreeWithReference(kernel, RouteQuery.parse(other), route(net, other), b);
    }
    return r;
  };
}
