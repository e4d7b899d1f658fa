/**
 * Contraction hierarchies, witness search: a Dijkstra on the overlay graph
 * from `u` that avoids the node being contracted, capped by a distance, a
 * settle limit and a hop limit. A capped search can only miss a witness (and
 * so add a superfluous shortcut), never lose a path.
 */
import { IndexedMinHeap } from '../heap.ts';
import type { OverlayGraph } from './overlay.ts';

export class WitnessSearch {
  private readonly dist: Float64Array;
  private readonly hops: Uint8Array;
  private readonly seen: Uint32Array;
  private stamp = 0;
  private readonly heap: IndexedMinHeap;

  constructor(
    private readonly graph: OverlayGraph,
    /** Arcs a witness path may have. */
    private readonly hopLimit: number,
  ) {
    const n = graph.nodeCount;
    this.dist = new Float64Array(n);
    this.hops = new Uint8Array(n);
    this.seen = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Dijkstra from `source` avoiding `avoid`, until `maxDist` or `limit` settled nodes. */
  run(source: number, avoid: number, maxDist: number, limit: number): void {
    const { dist, hops: hopsOf, seen, heap } = this;
    heap.clear();
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    seen[source] = stamp;
    dist[source] = 0;
    hopsOf[source] = 0;
    heap.push(source, 0);
    let settled = 0;
    const sw = this.graph.store.weight;
    const sto = this.graph.store.to;
    const outE = this.graph.outE;
    const hopLimit = this.hopLimit;
    while (heap.size > 0) {
      if (heap.topKey() > maxDist) break;
      const u = heap.pop();
      if (++settled > limit) break;
      const hops = hopsOf[u] + 1;
      if (hops > hopLimit) continue;
      const du = dist[u];
      const list = outE[u];
      for (let k = 0; k < list.length; k++) {
        const e = list[k];
        const x = sto[e];
        if (x === avoid) continue;
        const d = du + sw[e];
        if (seen[x] !== stamp || d < dist[x]) {
          seen[x] = stamp;
          dist[x] = d;
          hopsOf[x] = hops;
          heap.push(x, d);
        }
      }
    }
  }

  /** The distance the last run found to `x` (infinite when it did not reach it). */
  distance(x: number): number {
    return this.seen[x] === this.stamp ? this.dist[x] : Number.POSITIVE_INFINITY;
  }
}
