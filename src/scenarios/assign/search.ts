/**
 * The searches of one assignment: a search context per (month, cargo unit,
 * avoid list), departing on the 15th at 00:00 UTC with the calendars of that
 * date; the generalised cost per tonne of every edge per cargo unit; one
 * shortest-path tree buffer reused by every tree (`costTree`), and the count
 * of trees grown (reported in the result's stats).
 */
import type { CargoUnit } from '../../costs/profile.ts';
import type { Network } from '../../network/types.ts';
import {
  costBounds,
  costTree,
  generalisedCost,
  TreeBuffers,
  waitCostPerTonneHour,
} from '../../routing/cost-tree.ts';
import { SearchContext } from '../../routing/search.ts';
import type { TargetBounds } from '../../routing/tree.ts';
import type { OriginGroup } from './demand.ts';

export interface AssignSearchOptions {
  year: number;
  horizonDays: number;
  /** Value of time, USD per tonne and hour. */
  vot: number;
  /** Carbon price, USD per tonne CO2e. */
  carbon: number;
}

export class AssignSearch {
  /** Trees grown so far. */
  trees = 0;
  /** The last tree grown (`tree` overwrites it). */
  readonly buf: TreeBuffers;
  private readonly gcOf = new Map<CargoUnit, Float64Array>();
  private readonly ctxCache = new Map<string, SearchContext>();
  private readonly bounds = new Map<OriginGroup, TargetBounds>();

  constructor(
    readonly net: Network,
    readonly opts: AssignSearchOptions,
  ) {
    this.buf = new TreeBuffers(net.nodeCount);
  }

  /** Generalised cost per tonne of every edge for `cargo` (computed once). */
  gcFor(cargo: CargoUnit): Float64Array {
    let a = this.gcOf.get(cargo);
    if (!a) {
      a = generalisedCost(this.net, cargo, this.opts.vot, this.opts.carbon);
      this.gcOf.set(cargo, a);
    }
    return a;
  }

  waitPerHourOf(cargo: CargoUnit): number {
    return waitCostPerTonneHour(this.net, cargo, this.opts.vot);
  }

  /** The search context of month `m` (departing the 15th, 00:00 UTC) for `cargo` avoiding `avoid`. */
  ctxFor(m: number, cargo: CargoUnit, avoid: string): SearchContext {
    const k = `${m}|${cargo}|${avoid}`;
    let c = this.ctxCache.get(k);
    if (!c) {
      c = new SearchContext(this.net, {
        cargo,
        startMs: Date.UTC(this.opts.year, m, 15, 0, 0),
        horizonDays: this.opts.horizonDays,
        avoid: avoid ? avoid.split(',') : [],
      });
      this.ctxCache.set(k, c);
    }
    return c;
  }

  /** The lower bounds to the destinations of origin group `g` (the same every month: computed once). */
  private boundsOf(ctx: SearchContext, g: OriginGroup, ods: readonly { to: number }[]): TargetBounds {
    let b = this.bounds.get(g);
    if (!b) {
      b = costBounds(
        ctx,
        this.gcFor(g.cargo),
        g.ods.map((oi) => this.net.gateNode[ods[oi].to]),
      );
      this.bounds.set(g, b);
    }
    return b;
  }

  /**
   * Grows the tree of origin group `g` in month `m` with `extra` cost per
   * tonne on each edge (null: none); exact at the destinations of the group's
   * flows (`ods`, indexed by `g.ods`).
   */
  tree(m: number, g: OriginGroup, extra: Float64Array | null, ods: readonly { to: number }[]): TreeBuffers {
    const ctx = this.ctxFor(m, g.cargo, g.avoid);
    costTree(
      ctx,
      this.net.gateNode[g.from],
      this.gcFor(g.cargo),
      this.waitPerHourOf(g.cargo),
      extra,
      this.buf,
      this.boundsOf(ctx, g, ods),
    );
    this.trees++;
    return this.buf;
  }
}
