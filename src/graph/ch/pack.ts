/**
 * Contraction hierarchies, packing: the contracted overlay graph laid out for
 * queries — by rank (node `v` at `rank[v]`, so the upper part of the
 * hierarchy, which every query visits, is contiguous) as two CSR graphs of
 * upward arcs, and the edge store trimmed for unpacking shortcuts.
 */

import type { Contraction } from './order.ts';
import type { EdgeStore } from './overlay.ts';

export interface RankCsr {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  edges: Int32Array;
}

export interface PackedHierarchy {
  nodeAtRank: Int32Array;
  up: RankCsr;
  down: RankCsr;
  edges: { from: Int32Array; to: Int32Array; first: Int32Array; second: Int32Array; arc: Int32Array };
}

/** Lays out a finished contraction of `n` nodes over `store`. */
export function packHierarchy(
  n: number,
  { rank, upLists, downLists }: Contraction,
  store: EdgeStore,
): PackedHierarchy {
  const nodeAtRank = new Int32Array(n);
  for (let v = 0; v < n; v++) nodeAtRank[rank[v]] = v;
  const up = rankCsr(n, nodeAtRank, upLists, store, (e) => rank[store.to[e]]);
  const down = rankCsr(n, nodeAtRank, downLists, store, (e) => rank[store.from[e]]);
  const size = store.size;
  return {
    nodeAtRank,
    up,
    down,
    edges: {
      from: store.from.slice(0, size),
      to: store.to.slice(0, size),
      first: store.first.slice(0, size),
      second: store.second.slice(0, size),
      arc: store.arc.slice(0, size),
    },
  };
}

/** The arcs in `lists` (by node) as CSR by rank, pointing at `targetRank(edge)`. */
export function rankCsr(
  n: number,
  nodeAtRank: Int32Array,
  lists: number[][],
  store: EdgeStore,
  targetRank: (e: number) => number,
): RankCsr {
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) offsets[r + 1] = offsets[r] + lists[nodeAtRank[r]].length;
  const m = offsets[n];
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  const edges = new Int32Array(m);
  for (let r = 0; r < n; r++) {
    let i = offsets[r];
    for (const e of lists[nodeAtRank[r]]) {
      targets[i] = targetRank(e);
      weights[i] = store.weight[e];
      edges[i] = e;
      i++;
    }
  }
  return { offsets, targets, weights, edges };
}
