/**
 * All-or-nothing loading, the step every method repeats: for one month, one
 * shortest-path tree per origin group at the given congestion costs, and
 * each flow's tonnes (a twelfth of the year's, scaled) put on every edge of
 * its path. Flows with no path that month can be recorded (the month is
 * unassigned for them; a flow with a path in some month is reachable).
 */
import type { Network } from '../../network/types.ts';
import { type ExpandedDemand, monthShare } from './demand.ts';
import type { AssignSearch } from './search.ts';

export interface AonCost {
  /** Free-flow generalised cost of the loaded tonnes. */
  base: number;
  /** The same at the congestion costs searched with. */
  congested: number;
}

export class AonLoader {
  /** 1 where the flow found a path in some recorded month. */
  readonly reachable: Uint8Array;
  /** Recorded months (0–11) in which the flow found no path. */
  readonly unassignedMonths: number[][];

  constructor(
    readonly net: Network,
    readonly search: AssignSearch,
    readonly demand: ExpandedDemand,
  ) {
    this.reachable = new Uint8Array(demand.ods.length);
    this.unassignedMonths = demand.ods.map(() => []);
  }

  /**
   * All-or-nothing for month m at congestion costs `extra` (null = free flow),
   * scaled by `scale`: loads into y (edges) and yc (container tonnes), and
   * returns the base cost and congested cost of y. `record` notes which flows
   * have no path this month.
   */
  load(
    m: number,
    extra: Float64Array | null,
    scale: number,
    y: Float64Array,
    yc: Float64Array,
    record: boolean,
  ): AonCost {
    y.fill(0);
    yc.fill(0);
    let baseCost = 0;
    let congCost = 0;
    const { ods, groups } = this.demand;
    const net = this.net;
    for (const g of groups) {
      const buf = this.search.tree(m, g, extra, ods);
      for (const oi of g.ods) {
        const o = ods[oi];
        const dest = net.gateNode[o.to];
        const tonnes = monthShare(o, m) * scale;
        if (!Number.isFinite(buf.cost[dest])) {
          if (record) this.unassignedMonths[oi].push(m);
          continue;
        }
        if (record) this.reachable[oi] = 1;
        baseCost += tonnes * buf.base[dest];
        congCost += tonnes * buf.cost[dest];
        for (let l = buf.best[dest]; buf.lEdge[l] >= 0; l = buf.lPrev[l]) {
          const e = buf.lEdge[l];
          y[e] += tonnes;
          if (o.container) yc[e] += tonnes;
        }
      }
    }
    return { base: baseCost, congested: congCost };
  }
}
