/**
 * Contraction hierarchies, node ordering: nodes are contracted one by one in
 * the order of a priority (edge difference + deleted neighbours), updated
 * lazily (a popped node is re-evaluated and put back when it is no longer the
 * minimum) and for the neighbours of each contracted node.
 */
import { IndexedMinHeap } from '../heap.ts';
import { contractNode } from './contract.ts';
import type { OverlayGraph } from './overlay.ts';
import { WitnessSearch } from './witness.ts';

export interface OrderLimits {
  /** Nodes a witness search may settle before giving up. */
  witnessSettleLimit: number;
  /** Arcs a witness path may have. */
  witnessHopLimit: number;
  /** Settle limit of the witness searches used only to estimate priorities. */
  estimateSettleLimit: number;
  /** Called every 20,000 contracted nodes. */
  onProgress?: (contracted: number, nodeCount: number) => void;
}

export interface Contraction {
  /** `rank[v]`: 0 = contracted first. */
  rank: Int32Array;
  /** Per node, its arcs to higher-ranked nodes when it was contracted: out-arcs (up) and in-arcs (down). */
  upLists: number[][];
  downLists: number[][];
}

/** Contracts every node of `graph` (adding shortcuts to it) and returns the order and each node's upward arcs. */
export function contractInOrder(graph: OverlayGraph, limits: OrderLimits): Contraction {
  const n = graph.nodeCount;
  const { store, inE, outE } = graph;
  const witness = new WitnessSearch(graph, limits.witnessHopLimit);
  const deleted = new Int32Array(n);
  const priority = (v: number): number => {
    const shortcuts = contractNode(graph, witness, v, true, limits.estimateSettleLimit);
    return shortcuts - (inE[v].length + outE[v].length) + deleted[v];
  };
  const queue = new IndexedMinHeap(n);
  for (let v = 0; v < n; v++) queue.push(v, priority(v));

  const rank = new Int32Array(n);
  const upLists: number[][] = new Array(n);
  const downLists: number[][] = new Array(n);
  let next = 0;
  const neighbours = new Int32Array(n).fill(-1);
  while (queue.size > 0) {
    const v = queue.pop();
    // lazy update: re-evaluate, and put back if it is no longer the minimum
    if (queue.size > 0) {
      const p = priority(v);
      if (p > queue.topKey()) {
        queue.push(v, p);
        continue;
      }
    }
    contractNode(graph, witness, v, false, limits.witnessSettleLimit);
    rank[v] = next++;
    upLists[v] = outE[v];
    downLists[v] = inE[v];
    // detach v from its neighbours and collect them for a priority update
    const touched: number[] = [];
    for (const e of inE[v]) {
      const u = store.from[e];
      removeValue(outE[u], e);
      if (neighbours[u] !== v) {
        neighbours[u] = v;
        touched.push(u);
      }
    }
    for (const e of outE[v]) {
      const x = store.to[e];
      removeValue(inE[x], e);
      if (neighbours[x] !== v) {
        neighbours[x] = v;
        touched.push(x);
      }
    }
    for (const u of touched) {
      deleted[u]++;
      queue.set(u, priority(u));
    }
    if (limits.onProgress && next % 20000 === 0) limits.onProgress(next, n);
  }
  return { rank, upLists, downLists };
}

/** Removes the first occurrence of `value` from `list` (order not kept). */
export function removeValue(list: number[], value: number): void {
  const i = list.indexOf(value);
  if (i < 0) return;
  list[i] = list[list.length - 1];
  list.pop();
}
