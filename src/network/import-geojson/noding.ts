/**
 * Line-network import, noding: which vertices are nodes of the network —
 * line endpoints, vertices used twice or more (shared by two lines or met
 * twice by one), and the points where snapped endpoints land and atlas places
 * join (`materialise`: a point inside a segment becomes a new vertex, spliced
 * into its line by `spliceInserts`). The vertices in between are not nodes:
 * they only add their length to the edge that runs through them.
 */
import type { Part, Vertices } from './lines.ts';

/** A point of the network near a query point: an existing vertex, or a point inside a segment. */
export interface SnapPoint {
  /** Existing vertex, or −1 for a point inside segment `seg` of `part` at parameter `t`. */
  vertex: number;
  part: number;
  seg: number;
  t: number;
  lon: number;
  lat: number;
  km: number;
}

export class NodedLines {
  /** How many times each input vertex is used by the lines. */
  readonly use: Int32Array;
  /** By vertex: true when it is a node (grows with materialised points). */
  readonly isNode: boolean[];
  /** Points inserted into segments: part → { seg, t, vertex }. */
  readonly inserts = new Map<number, { seg: number; t: number; vertex: number }[]>();
  /** Vertices read from the input (before any point was added). */
  readonly inputVertices: number;

  constructor(
    readonly vertices: Vertices,
    readonly parts: Part[],
  ) {
    const n = vertices.count;
    this.inputVertices = n;
    const use = new Int32Array(n);
    for (const p of parts) for (const v of p.vertices) use[v]++;
    const isNode: boolean[] = new Array(n).fill(false);
    for (const p of parts) {
      isNode[p.vertices[0]] = true;
      isNode[p.vertices[p.vertices.length - 1]] = true;
    }
    for (let v = 0; v < n; v++) if (use[v] > 1) isNode[v] = true;
    this.use = use;
    this.isNode = isNode;
  }

  /** Turns a snap point into a vertex that is a node (a new vertex inside its segment when it is none). */
  materialise(p: SnapPoint): number {
    let v = p.vertex;
    if (v < 0) {
      v = this.vertices.add(p.lon, p.lat);
      this.isNode.push(true);
      const list = this.inserts.get(p.part) ?? [];
      list.push({ seg: p.seg, t: p.t, vertex: v });
      this.inserts.set(p.part, list);
    }
    this.isNode[v] = true;
    return v;
  }

  /** Puts the inserted points into their lines, in order along each segment. */
  spliceInserts(): void {
    for (const [pi, list] of this.inserts) {
      list.sort((x, y) => x.seg - y.seg || x.t - y.t);
      const old = this.parts[pi].vertices;
      const out: number[] = [];
      let k = 0;
      for (let s = 0; s < old.length; s++) {
        out.push(old[s]);
        while (k < list.length && list[k].seg === s) {
          if (out[out.length - 1] !== list[k].vertex) out.push(list[k].vertex);
          k++;
        }
      }
      this.parts[pi].vertices = out;
    }
  }
}
