import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeShared, sharedData } from '../../test/shared.ts';
import { buildContractionHierarchy, ChQuery, chBytes } from './ch.ts';
import { buildCsr, csrFromCoGr, weakComponents } from './csr.ts';
import { bruteForceDistances, close, expectValidPath, graphOf, randomGraph } from './static.testkit.ts';
import { StaticShortestPath } from './static.ts';

describe('contraction hierarchies', () => {
  it('answers a hand-worked query through a shortcut', () => {
    // a path 0 – 1 – 2 – 3 with a long direct arc 0 – 3; every inner node gets contracted
    const g = buildCsr(
      4,
      { from: [0, 1, 2, 0], to: [1, 2, 3, 3], weight: [1, 1, 1, 10] },
      { undirected: true },
    );
    const ch = buildContractionHierarchy(g);
    const q = new ChQuery(ch);
    const r = q.query(0, 3);
    expect(r.distance).toBe(3);
    expect(r.nodes).toEqual([0, 1, 2, 3]);
    expectValidPath(g, 0, 3, r);
    expect(q.query(3, 0).nodes).toEqual([3, 2, 1, 0]);
    expect(ch.stats.inputArcs).toBe(8);
    expect(chBytes(ch)).toBeGreaterThan(0);
  });

  it('equals brute force on random graphs (default and minimal witness limits)', () => {
    fc.assert(
      fc.property(randomGraph, fc.boolean(), (r, tight) => {
        const g = graphOf(r);
        const ch = buildContractionHierarchy(
          g,
          tight ? { witnessSettleLimit: 1, witnessHopLimit: 1, estimateSettleLimit: 1 } : {},
        );
        const q = new ChQuery(ch);
        for (let s = 0; s < g.nodeCount; s++) {
          const ref = bruteForceDistances(g, s);
          for (let t = 0; t < g.nodeCount; t++) {
            const a = q.query(s, t);
            expect(close(a.distance, ref[t])).toBe(true);
            expect(close(q.distance(s, t), ref[t])).toBe(true);
            expectValidPath(g, s, t, a);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects node ids outside the graph', () => {
    const q = new ChQuery(buildContractionHierarchy(buildCsr(2, { from: [0], to: [1], weight: [1] })));
    expect(() => q.query(0, 7)).toThrow(/target = 7 is not a node id in 0…1/);
  });
});

describeShared('contraction hierarchies on amsterdam-roads (OSM, 68,213 nodes)', () => {
  it('gives the same path lengths as Dijkstra on 300 seeded pairs', () => {
    const pg = csrFromCoGr(
      readFileSync(sharedData('graphs/amsterdam-roads.co.bin')),
      readFileSync(sharedData('graphs/amsterdam-roads.gr.bin')),
      'amsterdam-roads',
    );
    const g = pg.graph;
    expect(g.nodeCount).toBe(68213);
    expect(pg.edges.from.length).toBe(76718);
    const ch = buildContractionHierarchy(g);
    const q = new ChQuery(ch);
    const sp = new StaticShortestPath(g, g);
    const { component } = weakComponents(g);
    let seed = 20240601;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    let reachable = 0;
    for (let i = 0; i < 300; i++) {
      const s = Math.floor(random() * g.nodeCount);
      const t = Math.floor(random() * g.nodeCount);
      const ref = sp.dijkstra(s, t);
      const a = q.query(s, t);
      const b = sp.bidirectional(s, t);
      expect(close(a.distance, ref.distance), `pair ${i}: ${s} → ${t}`).toBe(true);
      expect(close(b.distance, ref.distance), `pair ${i}: ${s} → ${t}`).toBe(true);
      expect(ref.distance < Number.POSITIVE_INFINITY).toBe(component[s] === component[t]);
      expectValidPath(g, s, t, a);
      if (ref.distance < Number.POSITIVE_INFINITY) reachable++;
    }
    expect(reachable).toBeGreaterThan(200);
  }, 120_000);
});
