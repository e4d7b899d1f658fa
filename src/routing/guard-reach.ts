/**
 * Where a label's guarded place still matters to the trees (`tree.ts`). A
 * guarded place g only bars the transfers at g (`SearchContext.transferBarred`),
 * and the guard lasts until the next transfer (at another place, which
 * replaces it). So at a node from which no transfer at g can be reached over
 * non-transfer edges open to the query, every way on of a label guarded at g
 * is a way on of the same label unguarded: the trees then carry it unguarded
 * (exact: the same ways on, and it compares with the other labels there as
 * what it is). The closure: a node that cannot reach a transfer at g over
 * non-transfer edges has no non-transfer successor that can.
 */
import type { SearchContext } from './search.ts';

/** Per query's open edges (the `allowed` array), per guarded place: the nodes where its guard matters. */
const cache = new WeakMap<Uint8Array, Map<number, Uint8Array>>();

/**
 * Per node, 1 where a label guarded at place `g` can reach a transfer at `g`
 * over non-transfer edges open to the query `ctx` (backward from those
 * transfers' tails); computed once per query's open edges and place.
 */
export function guardMatters(ctx: SearchContext, g: number): Uint8Array {
  let byPlace = cache.get(ctx.allowed);
  if (!byPlace) {
    byPlace = new Map();
    cache.set(ctx.allowed, byPlace);
  }
  let reach = byPlace.get(g);
  if (!reach) {
    reach = backwardToTransfers(ctx, g);
    byPlace.set(g, reach);
  }
  return reach;
}

function backwardToTransfers(ctx: SearchContext, g: number): Uint8Array {
  const net = ctx.net;
  const allowed = ctx.allowed;
  const tail = net.tail;
  const reach = new Uint8Array(net.nodeCount);
  const stack: number[] = [];
  for (let e = 0; e < net.edgeCount; e++) {
    if (!allowed[e] || !ctx.isTransfer(e)) continue;
    const v = tail[e];
    if (net.nodePlace[v] !== g || reach[v]) continue;
    reach[v] = 1;
    stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (let i = net.rOffsets[v]; i < net.rOffsets[v + 1]; i++) {
      const e = net.rEdges[i];
      if (!allowed[e] || ctx.isTransfer(e)) continue;
      const u = tail[e];
      if (reach[u]) continue;
      reach[u] = 1;
      stack.push(u);
    }
  }
  return reach;
}
