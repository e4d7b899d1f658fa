/**
 * A compact static graph in CSR (compressed sparse row) form: the out-arcs of
 * node `v` are `targets[offsets[v] .. offsets[v + 1])` with the same slice of
 * `weights` (and, when present, `arcIds`: the index of the input edge each arc
 * came from). No per-node objects: a graph of n nodes and m arcs is
 * 4(n + 1) + 4m + 8m (+ 4m) bytes.
 *
 * Used by the static shortest-path kernels (`src/graph/static.ts`,
 * `src/graph/ch.ts`) and the benchmarks. Node ids are 0-based integers.
 */
import { AmurError } from '../errors.ts';

export interface CsrGraph {
  /** Number of nodes; node ids are `0 … nodeCount − 1`. */
  readonly nodeCount: number;
  /** Length `nodeCount + 1`; `offsets[nodeCount]` is the number of arcs. */
  readonly offsets: Int32Array;
  /** Head node of each arc. */
  readonly targets: Int32Array;
  /** Non-negative, finite length of each arc (any unit; the kernels only add and compare). */
  readonly weights: Float64Array;
  /** Index of the input edge each arc was made from (both arcs of an undirected edge share it). */
  readonly arcIds: Int32Array;
}

/** An input edge list: parallel arrays of tail, head and weight. */
export interface EdgeList {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  weight: ArrayLike<number>;
}

export interface BuildCsrOptions {
  /** Add both directions of every edge (default false: `from → to` only). */
  undirected?: boolean;
  /** Name of the input, used in error messages (e.g. a file name). */
  label?: string;
}

/** An edge list that cannot become a graph: names the edge and the field. */
export class GraphInputError extends AmurError {
  constructor(message: string) {
    super('input', message);
    this.name = 'GraphInputError';
  }
}

/**
 * Builds a CSR graph from an edge list by counting sort on the tail node (arcs
 * of a node keep their input order). Throws `GraphInputError` naming the edge
 * index and field when a node id is out of range or a weight is negative or
 * not finite.
 */
export function buildCsr(nodeCount: number, edges: EdgeList, options: BuildCsrOptions = {}): CsrGraph {
  const label = options.label ? `${options.label}: ` : '';
  if (!Number.isInteger(nodeCount) || nodeCount < 0) {
    throw new GraphInputError(`${label}nodeCount must be a non-negative integer, got ${nodeCount}`);
  }
  const m = edges.from.length;
  if (edges.to.length !== m || edges.weight.length !== m) {
    throw new GraphInputError(
      `${label}from, to and weight must have the same length (got ${m}, ${edges.to.length}, ${edges.weight.length})`,
    );
  }
  const arcsPerEdge = options.undirected ? 2 : 1;
  const arcCount = m * arcsPerEdge;
  if (arcCount > 0x7fffffff) throw new GraphInputError(`${label}too many arcs (${arcCount})`);
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) {
    const u = edges.from[e];
    const v = edges.to[e];
    const w = edges.weight[e];
    if (!Number.isInteger(u) || u < 0 || u >= nodeCount) {
      throw new GraphInputError(`${label}edge ${e}: from = ${u} is not a node id in 0…${nodeCount - 1}`);
    }
    if (!Number.isInteger(v) || v < 0 || v >= nodeCount) {
      throw new GraphInputError(`${label}edge ${e}: to = ${v} is not a node id in 0…${nodeCount - 1}`);
    }
    if (!Number.isFinite(w) || w < 0) {
      throw new GraphInputError(`${label}edge ${e}: weight = ${w} must be a finite number ≥ 0`);
    }
    offsets[u + 1]++;
    if (arcsPerEdge === 2) offsets[v + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, nodeCount);
  const targets = new Int32Array(arcCount);
  const weights = new Float64Array(arcCount);
  const arcIds = new Int32Array(arcCount);
  for (let e = 0; e < m; e++) {
    const u = edges.from[e];
    const v = edges.to[e];
    const w = edges.weight[e];
    let i = cursor[u]++;
    targets[i] = v;
    weights[i] = w;
    arcIds[i] = e;
    if (arcsPerEdge === 2) {
      i = cursor[v]++;
      targets[i] = u;
      weights[i] = w;
      arcIds[i] = e;
    }
  }
  return { nodeCount, offsets, targets, weights, arcIds };
}

/** The graph with every arc turned round (`v → u` for each `u → v`), same arc ids. */
export function reverseCsr(g: CsrGraph): CsrGraph {
  const n = g.nodeCount;
  const m = g.targets.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[g.targets[i] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  const arcIds = new Int32Array(m);
  for (let u = 0; u < n; u++) {
    for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
      const j = cursor[g.targets[i]]++;
      targets[j] = u;
      weights[j] = g.weights[i];
      arcIds[j] = g.arcIds[i];
    }
  }
  return { nodeCount: n, offsets, targets, weights, arcIds };
}

/** Number of arcs of a graph. */
export function arcCount(g: CsrGraph): number {
  return g.targets.length;
}

/** Bytes held by the graph's typed arrays. */
export function csrBytes(g: CsrGraph): number {
  return g.offsets.byteLength + g.targets.byteLength + g.weights.byteLength + g.arcIds.byteLength;
}

/**
 * Connected components of the graph taken as undirected (weak components for a
 * directed graph): `component[v]` is the component index, components numbered
 * by decreasing size, `sizes[c]` their node counts.
 */
export function weakComponents(g: CsrGraph): { component: Int32Array; sizes: number[] } {
  const n = g.nodeCount;
  // union–find over the arcs (works for directed and undirected graphs alike)
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let u = 0; u < n; u++) {
    for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
      const a = find(u);
      const b = find(g.targets[i]);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const rootSize = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const r = find(v);
    rootSize.set(r, (rootSize.get(r) ?? 0) + 1);
  }
  const roots = [...rootSize.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const index = new Map<number, number>();
  roots.forEach(([r], i) => {
    index.set(r, i);
  });
  const component = new Int32Array(n);
  for (let v = 0; v < n; v++) component[v] = index.get(find(v))!;
  return { component, sizes: roots.map(([, s]) => s) };
}

/** A graph with planar or geographic node coordinates. */
export interface PointGraph {
  graph: CsrGraph;
  x: Float64Array;
  y: Float64Array;
  /** Input edge list (0-based node ids), as read. */
  edges: { from: Int32Array; to: Int32Array; weight: Float64Array };
}

/**
 * Reads the binary road-graph format of the ngraph.path demo (the files in
 * `../shared/data/graphs/`): `co` is int32 little-endian `x, y` pairs (index =
 * node id), `gr` int32 little-endian 1-based `from, to` pairs, one per
 * undirected segment; weight = Euclidean distance of the coordinates.
 */
export function csrFromCoGr(co: Uint8Array, gr: Uint8Array, label = 'graph'): PointGraph {
  if (co.byteLength % 8 !== 0) {
    throw new GraphInputError(
      `${label}.co.bin: ${co.byteLength} bytes is not a whole number of int32 x,y pairs`,
    );
  }
  if (gr.byteLength % 8 !== 0) {
    throw new GraphInputError(
      `${label}.gr.bin: ${gr.byteLength} bytes is not a whole number of int32 id pairs`,
    );
  }
  const cv = new DataView(co.buffer, co.byteOffset, co.byteLength);
  const gv = new DataView(gr.buffer, gr.byteOffset, gr.byteLength);
  const n = co.byteLength / 8;
  const m = gr.byteLength / 8;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = cv.getInt32(8 * i, true);
    y[i] = cv.getInt32(8 * i + 4, true);
  }
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const a = gv.getInt32(8 * e, true) - 1;
    const b = gv.getInt32(8 * e + 4, true) - 1;
    if (a < 0 || a >= n || b < 0 || b >= n) {
      throw new GraphInputError(
        `${label}.gr.bin: segment ${e} (${a + 1}, ${b + 1}) names a node outside 1…${n} of ${label}.co.bin`,
      );
    }
    from[e] = a;
    to[e] = b;
    weight[e] = Math.hypot(x[a] - x[b], y[a] - y[b]);
  }
  const graph = buildCsr(n, { from, to, weight }, { undirected: true, label });
  return { graph, x, y, edges: { from, to, weight } };
}
