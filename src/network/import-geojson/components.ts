/**
 * Line-network import, connected components: over the vertices before the
 * joins (so that a place joins the largest component when it has one within
 * reach), and over the final nodes and edges (for the report).
 */
import type { NodedLines } from './noding.ts';
import type { Connector } from './snapping.ts';

/** Whether a line lies in the largest component (by vertex count along the lines) once snapped. */
export function largestComponent(noded: NodedLines, connectors: Connector[]): (part: number) => boolean {
  const { parts } = noded;
  const parent: number[] = [];
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let v = 0; v < noded.vertices.count; v++) parent.push(v);
  for (const p of parts) for (let k = 1; k < p.vertices.length; k++) union(p.vertices[0], p.vertices[k]);
  for (const [pi, list] of noded.inserts) for (const ins of list) union(parts[pi].vertices[0], ins.vertex);
  for (const c of connectors) union(c.a, c.b);
  const partRootSize = new Map<number, number>();
  for (const p of parts) {
    const r = find(p.vertices[0]);
    partRootSize.set(r, (partRootSize.get(r) ?? 0) + p.vertices.length);
  }
  let largestRoot = -1;
  for (const [r, size] of partRootSize) {
    if (largestRoot < 0 || size > (partRootSize.get(largestRoot) ?? 0)) largestRoot = r;
  }
  return (pi) => find(parts[pi].vertices[0]) === largestRoot;
}

/** Components of a graph of `n` nodes: each one's size, largest first, and the size of a node's component. */
export function nodeComponents(
  n: number,
  from: readonly number[],
  to: readonly number[],
): { sizes: number[]; sizeOf: (node: number) => number } {
  const np = new Int32Array(n);
  for (let v = 0; v < n; v++) np[v] = v;
  const nfind = (x: number): number => {
    while (np[x] !== x) {
      np[x] = np[np[x]];
      x = np[x];
    }
    return x;
  };
  for (let e = 0; e < from.length; e++) {
    const a = nfind(from[e]);
    const b = nfind(to[e]);
    if (a !== b) np[Math.max(a, b)] = Math.min(a, b);
  }
  const sizeByRoot = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const r = nfind(v);
    sizeByRoot.set(r, (sizeByRoot.get(r) ?? 0) + 1);
  }
  const sizes = [...sizeByRoot.values()].sort((a, b) => b - a);
  return { sizes, sizeOf: (node) => sizeByRoot.get(nfind(node)) ?? 0 };
}
