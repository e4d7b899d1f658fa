import { describe, expect, it } from 'vitest';
import { buildCsr, csrBytes, csrFromCoGr, GraphInputError, reverseCsr, weakComponents } from './csr.ts';

function arcsOf(g: ReturnType<typeof buildCsr>, u: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) out.push([g.targets[i], g.weights[i], g.arcIds[i]]);
  return out;
}

describe('buildCsr', () => {
  const edges = { from: [0, 0, 2, 1], to: [1, 2, 1, 3], weight: [1, 4, 2, 5] };

  it('groups arcs by tail in input order, keeping the edge index', () => {
    const g = buildCsr(4, edges);
    expect(Array.from(g.offsets)).toEqual([0, 2, 3, 4, 4]);
    expect(arcsOf(g, 0)).toEqual([
      [1, 1, 0],
      [2, 4, 1],
    ]);
    expect(arcsOf(g, 1)).toEqual([[3, 5, 3]]);
    expect(arcsOf(g, 2)).toEqual([[1, 2, 2]]);
    expect(csrBytes(g)).toBe(5 * 4 + 4 * 4 + 4 * 8 + 4 * 4);
  });

  it('adds both arcs of an undirected edge', () => {
    const g = buildCsr(4, edges, { undirected: true });
    expect(g.targets.length).toBe(8);
    expect(arcsOf(g, 3)).toEqual([[1, 5, 3]]);
    expect(arcsOf(g, 1).map((a) => a[0])).toEqual([0, 2, 3]);
  });

  it('reverses every arc', () => {
    const g = buildCsr(4, edges);
    const r = reverseCsr(g);
    expect(arcsOf(r, 1)).toEqual([
      [0, 1, 0],
      [2, 2, 2],
    ]);
    expect(arcsOf(r, 3)).toEqual([[1, 5, 3]]);
    expect(arcsOf(r, 0)).toEqual([]);
  });

  it('names the edge and the field of bad input', () => {
    expect(() => buildCsr(3, { from: [0, 5], to: [1, 1], weight: [1, 1] }, { label: 'x.json' })).toThrow(
      /x\.json: edge 1: from = 5 is not a node id in 0…2/,
    );
    expect(() => buildCsr(3, { from: [0], to: [1], weight: [-1] })).toThrow(
      /edge 0: weight = -1 must be a finite number ≥ 0/,
    );
    expect(() => buildCsr(3, { from: [0], to: [1], weight: [Number.NaN] })).toThrow(GraphInputError);
    expect(() => buildCsr(3, { from: [0], to: [1, 2], weight: [1] })).toThrow(/same length/);
  });
});

describe('weakComponents', () => {
  it('numbers components by decreasing size, ignoring arc direction', () => {
    const g = buildCsr(6, { from: [0, 2, 4], to: [1, 1, 5], weight: [1, 1, 1] });
    const { component, sizes } = weakComponents(g);
    expect(sizes).toEqual([3, 2, 1]);
    expect(component[0]).toBe(0);
    expect(component[2]).toBe(0);
    expect(component[4]).toBe(1);
    expect(component[3]).toBe(2);
  });
});

describe('csrFromCoGr', () => {
  it('reads int32 LE coordinates and 1-based undirected segments with Euclidean weights', () => {
    const co = new Uint8Array(new Int32Array([0, 0, 3, 4, 3, 0]).buffer);
    const gr = new Uint8Array(new Int32Array([1, 2, 2, 3]).buffer);
    const { graph, x, y, edges } = csrFromCoGr(co, gr, 'tiny');
    expect(graph.nodeCount).toBe(3);
    expect(Array.from(x)).toEqual([0, 3, 3]);
    expect(Array.from(y)).toEqual([0, 4, 0]);
    expect(Array.from(edges.weight)).toEqual([5, 4]);
    expect(graph.targets.length).toBe(4);
  });

  it('rejects a segment that names a missing node', () => {
    const co = new Uint8Array(new Int32Array([0, 0, 3, 4]).buffer);
    const gr = new Uint8Array(new Int32Array([1, 3]).buffer);
    expect(() => csrFromCoGr(co, gr, 'tiny')).toThrow(
      /tiny\.gr\.bin: segment 0 \(1, 3\) names a node outside 1…2/,
    );
  });
});
