/**
 * Contraction hierarchies, preprocessing state: the overlay graph that
 * contraction works on — every arc (input arcs and the shortcuts added so far)
 * in one growable edge store, with the in- and out-lists of the nodes not yet
 * contracted.
 */
import type { CsrGraph } from '../csr.ts';

/** Growable edge store used during preprocessing: the input arcs and the shortcuts, by edge id. */
export class EdgeStore {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  weight = new Float64Array(1024);
  /** For a shortcut, its two halves (edge ids); −1 for an input arc. */
  first = new Int32Array(1024);
  second = new Int32Array(1024);
  /** For an input arc, its position in the input CSR graph; −1 for a shortcut. */
  arc = new Int32Array(1024);
  size = 0;

  add(from: number, to: number, weight: number, first: number, second: number, arc: number): number {
    if (this.size === this.from.length) this.grow();
    const e = this.size++;
    this.from[e] = from;
    this.to[e] = to;
    this.weight[e] = weight;
    this.first[e] = first;
    this.second[e] = second;
    this.arc[e] = arc;
    return e;
  }

  private grow(): void {
    const n = this.from.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.from = g32(this.from);
    this.to = g32(this.to);
    this.first = g32(this.first);
    this.second = g32(this.second);
    this.arc = g32(this.arc);
    const w = new Float64Array(n);
    w.set(this.weight);
    this.weight = w;
  }
}

/** The arcs of the remaining graph: edge store plus each node's out- and in-lists (edge ids). */
export interface OverlayGraph {
  readonly nodeCount: number;
  readonly store: EdgeStore;
  readonly outE: number[][];
  readonly inE: number[][];
  /** Arcs taken from the input graph (the first `inputArcs` edge ids). */
  readonly inputArcs: number;
}

/**
 * The overlay graph of `g` before any contraction. Parallel arcs are reduced
 * to the shortest (the first one listed among equals); self-loops are dropped
 * (they are never on a shortest path).
 */
export function overlayOf(g: CsrGraph): OverlayGraph {
  const n = g.nodeCount;
  const store = new EdgeStore();
  const outE: number[][] = new Array(n);
  const inE: number[][] = new Array(n);
  for (let v = 0; v < n; v++) {
    outE[v] = [];
    inE[v] = [];
  }
  const lastEdgeTo = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
      const v = g.targets[i];
      if (v === u) continue;
      const w = g.weights[i];
      const existing = lastEdgeTo[v];
      if (existing >= 0 && store.from[existing] === u) {
        if (w < store.weight[existing]) {
          store.weight[existing] = w;
          store.arc[existing] = i;
        }
        continue;
      }
      const e = store.add(u, v, w, -1, -1, i);
      lastEdgeTo[v] = e;
      outE[u].push(e);
      inE[v].push(e);
    }
  }
  return { nodeCount: n, store, outE, inE, inputArcs: store.size };
}
