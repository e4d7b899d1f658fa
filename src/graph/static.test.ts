import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsr } from './csr.ts';
import { bruteForceDistances, close, expectValidPath, graphOf, randomGraph } from './static.testkit.ts';
import { StaticShortestPath } from './static.ts';

describe('StaticShortestPath', () => {
  it('finds the hand-worked shortest path on a small graph', () => {
    // 0 →(4) 1, 0 →(1) 2, 2 →(2) 1, 1 →(1) 3, 2 →(7) 3: best 0-2-1-3 = 4
    const g = buildCsr(5, { from: [0, 0, 2, 1, 2], to: [1, 2, 1, 3, 3], weight: [4, 1, 2, 1, 7] });
    const sp = new StaticShortestPath(g);
    for (const r of [sp.dijkstra(0, 3), sp.bidirectional(0, 3)]) {
      expect(r.distance).toBe(4);
      expect(r.nodes).toEqual([0, 2, 1, 3]);
      expectValidPath(g, 0, 3, r);
    }
    expect(sp.dijkstra(3, 0).distance).toBe(Number.POSITIVE_INFINITY);
    expect(sp.bidirectional(0, 4)).toMatchObject({ distance: Number.POSITIVE_INFINITY, nodes: [] });
    expect(sp.dijkstra(2, 2)).toMatchObject({ distance: 0, nodes: [2], arcs: [] });
    expect(Array.from(sp.distancesFrom(0))).toEqual([0, 3, 1, 4, Number.POSITIVE_INFINITY]);
  });

  it('rejects node ids outside the graph', () => {
    const sp = new StaticShortestPath(buildCsr(2, { from: [0], to: [1], weight: [1] }));
    expect(() => sp.dijkstra(0, 2)).toThrow(/target = 2 is not a node id in 0…1/);
    expect(() => sp.bidirectional(-1, 0)).toThrow(/source = -1/);
  });

  it('Dijkstra and bidirectional Dijkstra equal brute force on random graphs', () => {
    fc.assert(
      fc.property(randomGraph, (r) => {
        const g = graphOf(r);
        const sp = new StaticShortestPath(g);
        for (let s = 0; s < g.nodeCount; s++) {
          const ref = bruteForceDistances(g, s);
          const all = sp.distancesFrom(s);
          for (let t = 0; t < g.nodeCount; t++) {
            expect(close(all[t], ref[t])).toBe(true);
            const a = sp.dijkstra(s, t);
            const b = sp.bidirectional(s, t);
            expect(close(a.distance, ref[t])).toBe(true);
            expect(close(b.distance, ref[t])).toBe(true);
            expectValidPath(g, s, t, a);
            expectValidPath(g, s, t, b);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
