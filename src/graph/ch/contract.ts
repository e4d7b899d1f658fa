/**
 * Contraction hierarchies, contraction of one node `v`: for every pair of
 * remaining neighbours `u → v → x` without a witness path `u ⇝ x` (avoiding
 * `v`) no longer than `w(u,v) + w(v,x)`, a shortcut `u → x` is added (an
 * existing arc `u → x` is shortened in place instead). Simulated, it only
 * counts the shortcuts, for the node's priority.
 */
import type { OverlayGraph } from './overlay.ts';
import type { WitnessSearch } from './witness.ts';

/** Contracts `v` (with `simulate`, only counts), with witness searches settling at most `settleLimit` nodes; returns the number of shortcuts. */
export function contractNode(
  graph: OverlayGraph,
  witness: WitnessSearch,
  v: number,
  simulate: boolean,
  settleLimit: number,
): number {
  const { store, inE, outE } = graph;
  const ins = inE[v];
  const outs = outE[v];
  let shortcuts = 0;
  const sw = store.weight;
  for (let a = 0; a < ins.length; a++) {
    const e1 = ins[a];
    const u = store.from[e1];
    const w1 = sw[e1];
    let maxOut = 0;
    let candidates = 0;
    for (let b = 0; b < outs.length; b++) {
      const x = store.to[outs[b]];
      if (x === u) continue;
      candidates++;
      if (sw[outs[b]] > maxOut) maxOut = sw[outs[b]];
    }
    if (candidates === 0) continue;
    witness.run(u, v, w1 + maxOut, settleLimit);
    for (let b = 0; b < outs.length; b++) {
      const e2 = outs[b];
      const x = store.to[e2];
      if (x === u) continue;
      const w = w1 + sw[e2];
      if (witness.distance(x) <= w) continue;
      shortcuts++;
      if (!simulate) addShortcut(graph, u, x, w, e1, e2);
    }
  }
  return shortcuts;
}

/** The shortcut `u → x` of weight `w` made of `e1` then `e2`; an existing longer arc `u → x` (both uncontracted) is replaced in place. */
function addShortcut(graph: OverlayGraph, u: number, x: number, w: number, e1: number, e2: number): void {
  const { store, inE, outE } = graph;
  const ul = outE[u];
  let existing = -1;
  for (let k = 0; k < ul.length; k++) {
    if (store.to[ul[k]] === x) {
      existing = ul[k];
      break;
    }
  }
  if (existing >= 0) {
    if (w < store.weight[existing]) {
      store.weight[existing] = w;
      store.first[existing] = e1;
      store.second[existing] = e2;
      store.arc[existing] = -1;
    }
  } else {
    const e = store.add(u, x, w, e1, e2, -1);
    outE[u].push(e);
    inE[x].push(e);
  }
}
