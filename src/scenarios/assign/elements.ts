/**
 * The capacitated elements of an assignment and their congestion: every link
 * and crossing service with a capacity the assignment can use is one element
 * (its edges in both directions share the capacity), with a capacity per
 * calendar month (`monthlyCapacity`) and a free-flow generalised cost per
 * tonne g0 (the mean over its edges for dry bulk). The BPR congestion cost
 * per tonne of an element at monthly load v is g0 · α · (v/c)^β; its
 * Beckmann integral is the congestion part of the Frank–Wolfe objective.
 */
import type { dayState } from '../../atlas/calendar.ts';
import type { Atlas } from '../../atlas/schema.ts';
import { EDGE_KIND, type Network } from '../../network/types.ts';
import { chooseCapacity, monthlyCapacity } from './capacity.ts';
import type { CapacityAssumptions, CapacityUsed } from './types.ts';

/** The capacity each link (by id) and crossing service (by `crossing/service`) has, with its months. */
export interface CapacityTables {
  links: Map<string, CapacityUsed | null>;
  services: Map<string, CapacityUsed | null>;
}

export interface Element {
  /** `link:<id>` or `crossing:<crossing>/<service>`. */
  key: string;
  kind: 'link' | 'crossing';
  edges: number[];
  /** Capacity in each calendar month, tonnes (at least a token 1e-6 so that congestion stays finite). */
  capacityMonth: number[];
  g0: number;
}

/** The capacities of the atlas's links and crossing services for `year`, by month. */
export function capacityTables(atlas: Atlas, year: number, capA: CapacityAssumptions): CapacityTables {
  const withMonths = (cap: CapacityUsed | null, thing: Parameters<typeof dayState>[0]) =>
    cap ? { ...cap, byMonth: monthlyCapacity(cap, thing, year, capA) } : null;
  const links = new Map(atlas.links.map((l) => [l.id, withMonths(chooseCapacity(l.capacity, capA), l)]));
  const services = new Map<string, CapacityUsed | null>();
  for (const c of atlas.crossings)
    for (const s of c.services)
      services.set(`${c.id}/${s.id}`, withMonths(chooseCapacity(s.capacity, capA), s));
  return { links, services };
}

/** The capacitated elements of a network, and the congestion cost they put on their edges. */
export class Elements {
  readonly list: Element[] = [];
  /** Element index of each edge, -1 where the edge has no capacity. */
  readonly edgeElement: Int32Array;

  /**
   * @param bulkGc free-flow generalised cost per tonne of each edge (dry bulk), for g0
   */
  constructor(
    readonly net: Network,
    caps: CapacityTables,
    bulkGc: Float64Array,
    readonly bpr: { alpha: number; beta: number },
  ) {
    const E = net.edgeCount;
    this.edgeElement = new Int32Array(E).fill(-1);
    const index = new Map<string, number>();
    for (let e = 0; e < E; e++) {
      const found = elementOfEdge(net, caps, e);
      if (!found) continue;
      const { key, cap } = found;
      let idx = index.get(key);
      if (idx === undefined) {
        idx = this.list.length;
        index.set(key, idx);
        this.list.push({
          key,
          kind: net.kind[e] === EDGE_KIND.link ? 'link' : 'crossing',
          edges: [],
          capacityMonth: (cap.byMonth ?? new Array(12).fill(cap.tonnesPerYear / 12)).map((v) =>
            Math.max(v, 1e-6),
          ),
          g0: 0,
        });
      }
      this.list[idx].edges.push(e);
      this.edgeElement[e] = idx;
    }
    for (const el of this.list) {
      let s = 0;
      let n = 0;
      for (const e of el.edges) {
        const g = Number.isFinite(bulkGc[e]) ? bulkGc[e] : 0;
        s += g;
        n++;
      }
      el.g0 = Math.max(n ? s / n : 0, 1e-6);
    }
  }

  get count(): number {
    return this.list.length;
  }

  /** Congestion cost per tonne of element k at monthly load v in calendar month m. */
  congestion(k: number, v: number, m: number): number {
    const el = this.list[k];
    return el.g0 * this.bpr.alpha * (v / el.capacityMonth[m]) ** this.bpr.beta;
  }

  /** Load of each element (into `out`) from the load of each edge `x`. */
  volumes(x: Float64Array, out: Float64Array): void {
    out.fill(0);
    const ee = this.edgeElement;
    for (let e = 0; e < ee.length; e++) if (ee[e] >= 0) out[ee[e]] += x[e];
  }

  /** The congestion cost per tonne of each edge (into `extra`) at element loads `vol` in month m. */
  extraFrom(vol: Float64Array, extra: Float64Array, m: number): void {
    extra.fill(0);
    for (let k = 0; k < this.list.length; k++) {
      const c = this.congestion(k, vol[k], m);
      for (const e of this.list[k].edges) extra[e] = c;
    }
  }

  /** Beckmann integral of the congestion term over the elements: Σ ∫0^v g0 α (s/c)^β ds. */
  beckmann(vol: Float64Array, m: number): number {
    const { alpha, beta } = this.bpr;
    let s = 0;
    for (let k = 0; k < this.list.length; k++) {
      const el = this.list[k];
      s += (el.g0 * alpha * vol[k] ** (beta + 1)) / ((beta + 1) * el.capacityMonth[m] ** beta);
    }
    return s;
  }

  /** The element's name: the link's line (else its id), or the crossing and service names. */
  name(el: Element): string {
    const net = this.net;
    const e = el.edges[0];
    if (el.kind === 'link') return net.links[net.ref[e]].line ?? net.links[net.ref[e]].id;
    const c = net.crossings[net.ref[e]];
    return `${c.crossingName} ${c.serviceName}`;
  }
}

/** The element key and capacity of edge e, or null when it is not a capacitated link or crossing service. */
function elementOfEdge(
  net: Network,
  caps: CapacityTables,
  e: number,
): { key: string; cap: CapacityUsed } | null {
  const kind = net.kind[e];
  let key: string | null = null;
  let cap: CapacityUsed | null | undefined = null;
  if (kind === EDGE_KIND.link) {
    const l = net.links[net.ref[e]];
    key = `link:${l.id}`;
    cap = caps.links.get(l.id);
  } else if (kind === EDGE_KIND.crossing) {
    const c = net.crossings[net.ref[e]];
    key = `crossing:${c.crossingId}/${c.serviceId}`;
    cap = caps.services.get(`${c.crossingId}/${c.serviceId}`);
  }
  if (!key || !cap) return null;
  return { key, cap };
}
