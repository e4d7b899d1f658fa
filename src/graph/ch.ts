/**
 * Contraction hierarchies (Geisberger, Sanders, Schultes & Delling, "Contraction
 * Hierarchies: Faster and Simpler Hierarchical Routing in Road Networks", WEA
 * 2008) for static single-criterion shortest paths on a CSR graph.
 *
 * Preprocessing contracts the nodes one by one in the order of a priority
 * (edge difference + deleted neighbours, updated lazily and for the
 * neighbours of each contracted node). Contracting `v` adds a shortcut
 * `u → x` of weight `w(u,v) + w(v,x)` for every pair of remaining
 * neighbours unless a witness search (Dijkstra from `u` that avoids `v`, capped
 * by a settle limit and a hop limit) finds a path no longer. A capped witness
 * search can only add superfluous shortcuts, never lose a path, so answers stay
 * exact whatever the limits.
 *
 * A query is a bidirectional Dijkstra that only goes up the hierarchy (forward
 * from the source on arcs to higher-ranked nodes, backward from the target
 * likewise) with stall-on-demand; each side stops once its queue head reaches
 * the best meeting distance. Shortcuts are unpacked recursively into the arcs
 * of the input graph, so the path is given in input node ids and arc positions.
 *
 * Query arrays are laid out by rank (node `v` is stored at `rank[v]`) so that
 * the upper part of the hierarchy, which every query visits, is contiguous.
 */
import { contractInOrder } from './ch/order.ts';
import { overlayOf } from './ch/overlay.ts';
import { packHierarchy, type RankCsr } from './ch/pack.ts';
import type { CsrGraph } from './csr.ts';
import { IndexedMinHeap } from './heap.ts';
import type { PathResult } from './static.ts';

export type { RankCsr } from './ch/pack.ts';

export interface ChOptions {
  /** Nodes a witness search may settle before giving up (default 500). */
  witnessSettleLimit?: number;
  /** Arcs a witness path may have (default 8). */
  witnessHopLimit?: number;
  /** Settle limit of the witness searches used only to estimate priorities (default 100). */
  estimateSettleLimit?: number;
  /** Called now and then with the number of contracted nodes. */
  onProgress?: (contracted: number, nodeCount: number) => void;
}

/** A preprocessed graph, ready for `ChQuery`. All arrays are typed; nothing refers back to the input graph. */
export interface ContractionHierarchy {
  readonly nodeCount: number;
  /** Contraction order: `rank[v]` (0 = contracted first). */
  readonly rank: Int32Array;
  /** Node id at each rank (inverse of `rank`). */
  readonly nodeAtRank: Int32Array;
  /** Upward arcs `r → r'` (r' > r) by rank, as CSR: offsets, target ranks, weights, edge ids. */
  readonly up: RankCsr;
  /** Upward arcs of the reverse graph: at rank r, arcs `r' → r` with r' > r, pointing at r'. */
  readonly down: RankCsr;
  /** Edge store for unpacking: original arcs and shortcuts. */
  readonly edges: {
    /** Input node ids of the tail and head. */
    from: Int32Array;
    to: Int32Array;
    /** For a shortcut, its two halves (edge ids); −1 for an input arc. */
    first: Int32Array;
    second: Int32Array;
    /** For an input arc, its position in the input CSR graph; −1 for a shortcut. */
    arc: Int32Array;
  };
  readonly stats: { inputArcs: number; arcs: number; shortcuts: number; preprocessMs: number };
}

/**
 * Builds the contraction hierarchy of `g` in three stages: the overlay graph
 * of its arcs (`ch/overlay.ts`: parallel arcs reduced to the shortest,
 * self-loops dropped, as they are never on a shortest path), contraction in
 * priority order with witness searches (`ch/order.ts`, `ch/contract.ts`,
 * `ch/witness.ts`), and packing by rank for queries (`ch/pack.ts`).
 */
export function buildContractionHierarchy(g: CsrGraph, options: ChOptions = {}): ContractionHierarchy {
  const started = performance.now();
  const graph = overlayOf(g);
  const contraction = contractInOrder(graph, {
    witnessSettleLimit: options.witnessSettleLimit ?? 500,
    witnessHopLimit: options.witnessHopLimit ?? 8,
    estimateSettleLimit: options.estimateSettleLimit ?? 100,
    onProgress: options.onProgress,
  });
  const size = graph.store.size;
  return {
    nodeCount: g.nodeCount,
    rank: contraction.rank,
    ...packHierarchy(g.nodeCount, contraction, graph.store),
    stats: {
      inputArcs: g.targets.length,
      arcs: size,
      shortcuts: size - graph.inputArcs,
      preprocessMs: performance.now() - started,
    },
  };
}

/** Bytes held by the hierarchy's typed arrays (query graphs + unpacking store + ranks). */
export function chBytes(ch: ContractionHierarchy): number {
  const csr = (c: RankCsr) =>
    c.offsets.byteLength + c.targets.byteLength + c.weights.byteLength + c.edges.byteLength;
  const e = ch.edges;
  return (
    csr(ch.up) +
    csr(ch.down) +
    ch.rank.byteLength +
    ch.nodeAtRank.byteLength +
    e.from.byteLength +
    e.to.byteLength +
    e.first.byteLength +
    e.second.byteLength +
    e.arc.byteLength
  );
}

/**
 * Queries on a contraction hierarchy. Holds its own work arrays (one query at a
 * time per instance; make one per worker).
 */
export class ChQuery {
  private readonly distF: Float64Array;
  private readonly distB: Float64Array;
  private readonly parentF: Int32Array;
  private readonly parentB: Int32Array;
  private readonly seenF: Uint32Array;
  private readonly seenB: Uint32Array;
  private readonly heapF: IndexedMinHeap;
  private readonly heapB: IndexedMinHeap;
  private stamp = 0;

  constructor(readonly ch: ContractionHierarchy) {
    const n = ch.nodeCount;
    this.distF = new Float64Array(n);
    this.distB = new Float64Array(n);
    this.parentF = new Int32Array(n);
    this.parentB = new Int32Array(n);
    this.seenF = new Uint32Array(n);
    this.seenB = new Uint32Array(n);
    this.heapF = new IndexedMinHeap(n);
    this.heapB = new IndexedMinHeap(n);
  }

  /** Shortest distance only (no unpacking). */
  distance(source: number, target: number): number {
    return this.search(source, target).distance;
  }

  /** Shortest path from `source` to `target` (input node ids), unpacked into input arcs. */
  query(source: number, target: number): PathResult {
    const { distance, meet, settled } = this.search(source, target);
    if (meet < 0) return { distance, nodes: [], arcs: [], settled };
    const { from, to, first, second, arc } = this.ch.edges;
    // the edge sequence at rank level: source … meet (forward parents), meet … target (backward parents)
    const top: number[] = [];
    for (let r = meet; this.parentF[r] >= 0; r = this.ch.rank[from[this.parentF[r]]])
      top.push(this.parentF[r]);
    top.reverse();
    for (let r = meet; this.parentB[r] >= 0; r = this.ch.rank[to[this.parentB[r]]]) top.push(this.parentB[r]);
    const nodes: number[] = [source];
    const arcs: number[] = [];
    const stack: number[] = [];
    for (const e0 of top) {
      stack.push(e0);
      while (stack.length > 0) {
        const e = stack.pop()!;
        if (first[e] < 0) {
          arcs.push(arc[e]);
          nodes.push(to[e]);
        } else {
          stack.push(second[e], first[e]);
        }
      }
    }
    return { distance, nodes, arcs, settled };
  }

  private search(source: number, target: number): { distance: number; meet: number; settled: number } {
    const ch = this.ch;
    const n = ch.nodeCount;
    for (const [v, what] of [
      [source, 'source'],
      [target, 'target'],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= n) {
        throw new RangeError(`${what} = ${v} is not a node id in 0…${n - 1}`);
      }
    }
    const { distF, distB, parentF, parentB, seenF, seenB, heapF, heapB } = this;
    heapF.clear();
    heapB.clear();
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      seenF.fill(0);
      seenB.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const s = ch.rank[source];
    const t = ch.rank[target];
    seenF[s] = stamp;
    distF[s] = 0;
    parentF[s] = -1;
    heapF.push(s, 0);
    seenB[t] = stamp;
    distB[t] = 0;
    parentB[t] = -1;
    heapB.push(t, 0);
    let best = Number.POSITIVE_INFINITY;
    let meet = -1;
    let settled = 0;
    const up = ch.up;
    const down = ch.down;
    for (;;) {
      const fTop = heapF.topKey();
      const bTop = heapB.topKey();
      const forwardLive = fTop < best;
      const backwardLive = bTop < best;
      if (!forwardLive && !backwardLive) break;
      const forward = forwardLive && (!backwardLive || fTop <= bTop);
      // one step on one side: `g` is the side's upward graph, `opp` the other one (for stalling)
      const g = forward ? up : down;
      const opp = forward ? down : up;
      const dist = forward ? distF : distB;
      const seen = forward ? seenF : seenB;
      const parent = forward ? parentF : parentB;
      const heap = forward ? heapF : heapB;
      const otherDist = forward ? distB : distF;
      const otherSeen = forward ? seenB : seenF;
      const u = heap.pop();
      settled++;
      const du = dist[u];
      if (otherSeen[u] === stamp) {
        const total = du + otherDist[u];
        if (total < best) {
          best = total;
          meet = u;
        }
      }
      // stall-on-demand: u is reached more cheaply through a higher node already seen
      let stalled = false;
      for (let i = opp.offsets[u], end = opp.offsets[u + 1]; i < end; i++) {
        const x = opp.targets[i];
        if (seen[x] === stamp && dist[x] + opp.weights[i] < du) {
          stalled = true;
          break;
        }
      }
      if (stalled) continue;
      const { offsets, targets, weights, edges } = g;
      for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
        const x = targets[i];
        const d = du + weights[i];
        if (seen[x] !== stamp || d < dist[x]) {
          seen[x] = stamp;
          dist[x] = d;
          parent[x] = edges[i];
          heap.push(x, d);
        }
      }
    }
    return { distance: best, meet, settled };
  }
}

/** The hierarchy's typed arrays by name (for caching it in a file; `chFromArrays` is the inverse). */
export function chToArrays(ch: ContractionHierarchy): Record<string, Int32Array | Float64Array> {
  return {
    rank: ch.rank,
    nodeAtRank: ch.nodeAtRank,
    'up.offsets': ch.up.offsets,
    'up.targets': ch.up.targets,
    'up.weights': ch.up.weights,
    'up.edges': ch.up.edges,
    'down.offsets': ch.down.offsets,
    'down.targets': ch.down.targets,
    'down.weights': ch.down.weights,
    'down.edges': ch.down.edges,
    'edges.from': ch.edges.from,
    'edges.to': ch.edges.to,
    'edges.first': ch.edges.first,
    'edges.second': ch.edges.second,
    'edges.arc': ch.edges.arc,
  };
}

/** Rebuilds a hierarchy from `chToArrays`' arrays; throws naming the first missing or mistyped array. */
export function chFromArrays(
  a: Record<string, Int32Array | Float64Array>,
  stats: ContractionHierarchy['stats'],
): ContractionHierarchy {
  const i32 = (k: string): Int32Array => {
    const v = a[k];
    if (!(v instanceof Int32Array))
      throw new Error(`contraction hierarchy: array "${k}" missing or not Int32Array`);
    return v;
  };
  const f64 = (k: string): Float64Array => {
    const v = a[k];
    if (!(v instanceof Float64Array))
      throw new Error(`contraction hierarchy: array "${k}" missing or not Float64Array`);
    return v;
  };
  const csr = (p: string): RankCsr => ({
    offsets: i32(`${p}.offsets`),
    targets: i32(`${p}.targets`),
    weights: f64(`${p}.weights`),
    edges: i32(`${p}.edges`),
  });
  const rank = i32('rank');
  return {
    nodeCount: rank.length,
    rank,
    nodeAtRank: i32('nodeAtRank'),
    up: csr('up'),
    down: csr('down'),
    edges: {
      from: i32('edges.from'),
      to: i32('edges.to'),
      first: i32('edges.first'),
      second: i32('edges.second'),
      arc: i32('edges.arc'),
    },
    stats,
  };
}
