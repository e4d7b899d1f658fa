/**
 * The stages of `buildContractionHierarchy` one by one: the overlay graph,
 * the witness search, the contraction of one node, the order, the packing.
 * (`../ch.test.ts` checks the whole against brute force.)
 */
import { describe, expect, it } from 'vitest';
import { buildCsr } from '../csr.ts';
import { contractNode } from './contract.ts';
import { contractInOrder, removeValue } from './order.ts';
import { overlayOf } from './overlay.ts';
import { packHierarchy } from './pack.ts';
import { WitnessSearch } from './witness.ts';

const LIMITS = { witnessSettleLimit: 500, witnessHopLimit: 8, estimateSettleLimit: 100 };

/** Directed arcs [from, to, weight]. */
const graphOf = (n: number, arcs: [number, number, number][]) =>
  overlayOf(
    buildCsr(n, { from: arcs.map((a) => a[0]), to: arcs.map((a) => a[1]), weight: arcs.map((a) => a[2]) }),
  );

describe('contraction hierarchy stages', () => {
  it('overlay: keeps the shortest of parallel arcs (with its input position) and drops self-loops', () => {
    const g = graphOf(3, [
      [0, 1, 5],
      [0, 1, 2],
      [1, 1, 1],
      [1, 2, 4],
    ]);
    expect(g.inputArcs).toBe(2);
    expect([...g.store.weight.subarray(0, 2)]).toEqual([2, 4]);
    expect([...g.store.arc.subarray(0, 2)]).toEqual([1, 3]);
    expect(g.outE).toEqual([[0], [1], []]);
    expect(g.inE).toEqual([[], [0], [1]]);
  });

  it('witness search: avoids the node being contracted and stops at the hop limit', () => {
    // 0 → 1 → 3 (2 + 2) and 0 → 2 → 4 → 3 (1 + 1 + 1)
    const g = graphOf(5, [
      [0, 1, 2],
      [1, 3, 2],
      [0, 2, 1],
      [2, 4, 1],
      [4, 3, 1],
    ]);
    const w = new WitnessSearch(g, 8);
    w.run(0, -1, 100, 100);
    expect(w.distance(3)).toBe(3);
    w.run(0, 4, 100, 100);
    expect(w.distance(3)).toBe(4);
    w.run(0, 1, 100, 100);
    expect(w.distance(3)).toBe(3);
    const short = new WitnessSearch(g, 2);
    short.run(0, 1, 100, 100);
    expect(short.distance(3)).toBe(Number.POSITIVE_INFINITY);
    // past the distance cap nothing is settled: 1 and 2 are labelled from 0, 3 is never reached
    w.run(0, -1, 0.5, 100);
    expect(w.distance(2)).toBe(1);
    expect(w.distance(3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('contraction: a shortcut where no witness is as short, none where one is, a longer arc shortened in place', () => {
    const path = graphOf(3, [
      [0, 1, 1],
      [1, 2, 1],
    ]);
    const w = new WitnessSearch(path, 8);
    expect(contractNode(path, w, 1, true, 100)).toBe(1);
    expect(path.store.size).toBe(2); // simulated: nothing added
    expect(contractNode(path, w, 1, false, 100)).toBe(1);
    expect(path.store.size).toBe(3);
    expect([path.store.from[2], path.store.to[2], path.store.weight[2]]).toEqual([0, 2, 2]);
    expect([path.store.first[2], path.store.second[2], path.store.arc[2]]).toEqual([0, 1, -1]);

    const witnessed = graphOf(3, [
      [0, 1, 1],
      [1, 2, 1],
      [0, 2, 2],
    ]);
    expect(contractNode(witnessed, new WitnessSearch(witnessed, 8), 1, false, 100)).toBe(0);

    const longer = graphOf(3, [
      [0, 1, 1],
      [1, 2, 1],
      [0, 2, 5],
    ]);
    expect(contractNode(longer, new WitnessSearch(longer, 8), 1, false, 100)).toBe(1);
    expect(longer.store.size).toBe(3);
    // input arcs by tail: e0 = 0 → 1, e1 = 0 → 2 (5), e2 = 1 → 2; e1 becomes the shortcut e0 + e2
    const e1 = [longer.store.weight[1], longer.store.first[1], longer.store.second[1], longer.store.arc[1]];
    expect(e1).toEqual([2, 0, 2, -1]);
  });

  it('order: ranks every node once, upward lists point only at higher ranks', () => {
    const g = graphOf(5, [
      [0, 1, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 4, 1],
      [4, 0, 1],
      [2, 0, 3],
    ]);
    const c = contractInOrder(g, LIMITS);
    expect([...c.rank].sort()).toEqual([0, 1, 2, 3, 4]);
    for (let v = 0; v < 5; v++) {
      for (const e of c.upLists[v]) expect(c.rank[g.store.to[e]]).toBeGreaterThan(c.rank[v]);
      for (const e of c.downLists[v]) expect(c.rank[g.store.from[e]]).toBeGreaterThan(c.rank[v]);
    }
    const list = [4, 7, 9, 7];
    removeValue(list, 7);
    expect(list).toEqual([4, 7, 9]);
    removeValue(list, 1);
    expect(list).toEqual([4, 7, 9]);
  });

  it('pack: lays the upward arcs out by rank and trims the edge store', () => {
    const g = graphOf(3, [
      [0, 1, 1],
      [1, 2, 1],
    ]);
    const c = contractInOrder(g, LIMITS);
    const p = packHierarchy(3, c, g.store);
    for (let v = 0; v < 3; v++) expect(p.nodeAtRank[c.rank[v]]).toBe(v);
    expect(p.edges.from.length).toBe(g.store.size);
    expect(p.up.offsets[3] + p.down.offsets[3]).toBe(
      c.upLists.reduce((s, l) => s + l.length, 0) + c.downLists.reduce((s, l) => s + l.length, 0),
    );
    for (let r = 0; r < 3; r++) {
      for (let i = p.up.offsets[r]; i < p.up.offsets[r + 1]; i++) {
        expect(p.up.targets[i]).toBeGreaterThan(r);
        expect(p.up.weights[i]).toBe(g.store.weight[p.up.edges[i]]);
      }
    }
  });
});
