/**
 * Static single-criterion shortest paths on a CSR graph: Dijkstra and
 * bidirectional Dijkstra with an indexed binary heap on typed arrays. No
 * per-node objects and no per-query allocation proportional to the graph: the
 * work arrays are allocated once per `StaticShortestPath` and invalidated in
 * O(1) between queries by a generation stamp.
 *
 * These are the kernels under the matrices and the benchmarks; the date-aware
 * multimodal search lives elsewhere in `src/routing/`. For repeated queries on a
 * large graph, see the contraction hierarchies in `ch.ts`.
 */
import { type CsrGraph, reverseCsr } from './csr.ts';
import { IndexedMinHeap } from './heap.ts';

/** The answer to one query. `distance` is `Infinity` when the target cannot be reached. */
export interface PathResult {
  distance: number;
  /** Nodes from source to target (both included); empty when unreachable. */
  nodes: number[];
  /** Arc positions in the CSR graph used, in order (for the reverse search, positions in the forward graph). */
  arcs: number[];
  /** Nodes taken off the queue (work done). */
  settled: number;
}

/** Per-direction search state: tentative distances, parents, stamps and a heap. */
class SearchSpace {
  readonly dist: Float64Array;
  readonly parentArc: Int32Array;
  readonly parentNode: Int32Array;
  /** `seen[v] === stamp` ⇔ v has a tentative distance in the current query. */
  readonly seen: Uint32Array;
  readonly settledStamp: Uint32Array;
  readonly heap: IndexedMinHeap;
  stamp = 0;

  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.parentArc = new Int32Array(n);
    this.parentNode = new Int32Array(n);
    this.seen = new Uint32Array(n);
    this.settledStamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  reset(): void {
    this.heap.clear();
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.settledStamp.fill(0);
      this.stamp = 1;
    }
  }

  distance(v: number): number {
    return this.seen[v] === this.stamp ? this.dist[v] : Number.POSITIVE_INFINITY;
  }

  relax(v: number, d: number, fromNode: number, arc: number): boolean {
    if (this.seen[v] === this.stamp && this.dist[v] <= d) return false;
    this.seen[v] = this.stamp;
    this.dist[v] = d;
    this.parentNode[v] = fromNode;
    this.parentArc[v] = arc;
    this.heap.push(v, d);
    return true;
  }
}

function checkNode(g: CsrGraph, v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v >= g.nodeCount) {
    throw new RangeError(`${what} = ${v} is not a node id in 0…${g.nodeCount - 1}`);
  }
}

/**
 * Dijkstra and bidirectional Dijkstra on one CSR graph. Create it once per
 * graph and reuse it for many queries (it is not re-entrant: one query at a
 * time per instance).
 */
export class StaticShortestPath {
  private readonly forward: SearchSpace;
  private backwardSpace?: SearchSpace;
  private reverseGraph?: CsrGraph;

  /**
   * @param graph the graph to search.
   * @param reverse its reverse graph (needed by `bidirectional`; built on first
   *   use when absent). Pass `graph` itself for a symmetric (undirected) graph.
   */
  constructor(
    readonly graph: CsrGraph,
    reverse?: CsrGraph,
  ) {
    this.forward = new SearchSpace(graph.nodeCount);
    this.reverseGraph = reverse;
  }

  /** Plain Dijkstra from `source`, stopping when `target` is settled. */
  dijkstra(source: number, target: number): PathResult {
    const g = this.graph;
    checkNode(g, source, 'source');
    checkNode(g, target, 'target');
    const s = this.forward;
    s.reset();
    s.relax(source, 0, -1, -1);
    const { offsets, targets, weights } = g;
    const heap = s.heap;
    const dist = s.dist;
    let settled = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      settled++;
      if (u === target) break;
      const du = dist[u];
      for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
        s.relax(targets[i], du + weights[i], u, i);
      }
    }
    const distance = s.distance(target);
    if (distance === Number.POSITIVE_INFINITY) return { distance, nodes: [], arcs: [], settled };
    const nodes: number[] = [];
    const arcs: number[] = [];
    for (let v = target; v !== -1; v = s.parentNode[v]) {
      nodes.push(v);
      if (s.parentArc[v] >= 0) arcs.push(s.parentArc[v]);
    }
    nodes.reverse();
    arcs.reverse();
    return { distance, nodes, arcs, settled };
  }

  /**
   * Distances from `source` to every node (Infinity where unreachable), into
   * `out` when given. Stops early once every node of `targets` is settled.
   */
  distancesFrom(source: number, out?: Float64Array, targets?: ArrayLike<number>): Float64Array {
    const g = this.graph;
    checkNode(g, source, 'source');
    const result = out ?? new Float64Array(g.nodeCount);
    result.fill(Number.POSITIVE_INFINITY);
    const s = this.forward;
    s.reset();
    s.relax(source, 0, -1, -1);
    let remaining = -1;
    let isTarget: Uint8Array | undefined;
    if (targets) {
      isTarget = new Uint8Array(g.nodeCount);
      remaining = 0;
      for (let i = 0; i < targets.length; i++) {
        if (!isTarget[targets[i]]) {
          isTarget[targets[i]] = 1;
          remaining++;
        }
      }
    }
    const { offsets, targets: heads, weights } = g;
    const heap = s.heap;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = s.dist[u];
      result[u] = du;
      if (isTarget?.[u] && --remaining === 0) break;
      for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) s.relax(heads[i], du + weights[i], u, i);
    }
    return result;
  }

  /**
   * Bidirectional Dijkstra: a forward search from `source` and a backward
   * search from `target` on the reverse graph, each step expanding the side
   * with the smaller queue head, stopping when the two heads together reach
   * the best meeting distance found.
   */
  bidirectional(source: number, target: number): PathResult {
    const g = this.graph;
    checkNode(g, source, 'source');
    checkNode(g, target, 'target');
    if (!this.reverseGraph) this.reverseGraph = reverseCsr(g);
    if (!this.backwardSpace) this.backwardSpace = new SearchSpace(g.nodeCount);
    const rg = this.reverseGraph;
    const f = this.forward;
    const b = this.backwardSpace;
    f.reset();
    b.reset();
    f.relax(source, 0, -1, -1);
    b.relax(target, 0, -1, -1);
    let best = source === target ? 0 : Number.POSITIVE_INFINITY;
    let meet = source === target ? source : -1;
    let settled = 0;
    while (f.heap.size > 0 && b.heap.size > 0) {
      const fTop = f.heap.topKey();
      const bTop = b.heap.topKey();
      if (fTop + bTop >= best) break;
      const forwardStep = fTop <= bTop;
      const me = forwardStep ? f : b;
      const other = forwardStep ? b : f;
      const graph = forwardStep ? g : rg;
      const u = me.heap.pop();
      settled++;
      const du = me.dist[u];
      const { offsets, targets, weights } = graph;
      for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
        const v = targets[i];
        const dv = du + weights[i];
        me.relax(v, dv, u, i);
        if (other.seen[v] === other.stamp) {
          const total = dv + other.dist[v];
          if (total < best) {
            best = total;
            meet = v;
          }
        }
      }
    }
    if (meet < 0) return { distance: Number.POSITIVE_INFINITY, nodes: [], arcs: [], settled };
    // forward half: source … meet
    const nodes: number[] = [];
    const arcs: number[] = [];
    for (let v = meet; v !== -1; v = f.parentNode[v]) {
      nodes.push(v);
      if (f.parentArc[v] >= 0) arcs.push(f.parentArc[v]);
    }
    nodes.reverse();
    arcs.reverse();
    // backward half: meet … target, arcs mapped from the reverse graph to the forward graph
    for (let v = meet; b.parentNode[v] !== -1; ) {
      const next = b.parentNode[v];
      nodes.push(next);
      arcs.push(forwardArc(g, v, next, rg.arcIds[b.parentArc[v]], rg.weights[b.parentArc[v]]));
      v = next;
    }
    return { distance: best, nodes, arcs, settled };
  }
}

/** Position of the arc `u → v` in `g` with the given arc id (and weight), −1 if absent. */
function forwardArc(g: CsrGraph, u: number, v: number, arcId: number, weight: number): number {
  let fallback = -1;
  for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
    if (g.targets[i] === v && g.weights[i] === weight) {
      if (g.arcIds[i] === arcId) return i;
      fallback = i;
    }
  }
  return fallback;
}

/** Sum of the weights of a sequence of arc positions (to check a path's length). */
export function pathLength(g: CsrGraph, arcs: readonly number[]): number {
  let total = 0;
  for (const a of arcs) total += g.weights[a];
  return total;
}
