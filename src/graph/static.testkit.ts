/**
 * Test helpers shared by the static kernel tests (`static.test.ts`, `ch.test.ts`):
 * random graphs for fast-check, a brute-force reference, a path validator.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { buildCsr, type CsrGraph } from './csr.ts';
import { pathLength } from './static.ts';

/** All-pairs distances by Bellman–Ford relaxation: the brute-force reference. */
export function bruteForceDistances(g: CsrGraph, source: number): number[] {
  const dist = new Array<number>(g.nodeCount).fill(Number.POSITIVE_INFINITY);
  dist[source] = 0;
  for (let round = 0; round < g.nodeCount; round++) {
    let changed = false;
    for (let u = 0; u < g.nodeCount; u++) {
      if (dist[u] === Number.POSITIVE_INFINITY) continue;
      for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
        const d = dist[u] + g.weights[i];
        if (d < dist[g.targets[i]]) {
          dist[g.targets[i]] = d;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return dist;
}

/** A random directed graph: parallel arcs, self-loops and zero weights included. */
export const randomGraph = fc.integer({ min: 1, max: 18 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.oneof(fc.integer({ min: 0, max: 9 }), fc.double({ min: 0, max: 1000, noNaN: true })),
      ),
      { maxLength: 60 },
    ),
    undirected: fc.boolean(),
  }),
);

export function graphOf(r: { n: number; edges: [number, number, number][]; undirected: boolean }): CsrGraph {
  return buildCsr(
    r.n,
    { from: r.edges.map((e) => e[0]), to: r.edges.map((e) => e[1]), weight: r.edges.map((e) => e[2]) },
    { undirected: r.undirected },
  );
}

export function close(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Checks that `arcs` is a walk from `s` to `t` through `nodes` whose length is `distance`. */
export function expectValidPath(
  g: CsrGraph,
  s: number,
  t: number,
  r: { distance: number; nodes: number[]; arcs: number[] },
): void {
  if (r.distance === Number.POSITIVE_INFINITY) {
    expect(r.nodes).toEqual([]);
    return;
  }
  expect(r.nodes[0]).toBe(s);
  expect(r.nodes[r.nodes.length - 1]).toBe(t);
  expect(r.arcs.length).toBe(r.nodes.length - 1);
  r.arcs.forEach((a, i) => {
    expect(a).toBeGreaterThanOrEqual(g.offsets[r.nodes[i]]);
    expect(a).toBeLessThan(g.offsets[r.nodes[i] + 1]);
    expect(g.targets[a]).toBe(r.nodes[i + 1]);
  });
  expect(close(pathLength(g, r.arcs), r.distance)).toBe(true);
}
