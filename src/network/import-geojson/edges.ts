/**
 * Line-network import, building: the noded lines compacted into the overlay's
 * nodes and edges — an edge is the stretch of a line between two consecutive
 * nodes, its length the sum of the great-circle lengths of its segments —
 * then the snapping connectors. Node ids follow first use along the lines;
 * an edge from a node to itself (a ring line) is dropped and counted.
 */
import { greatCircleKm } from '../geodesy.ts';
import type { NodedLines } from './noding.ts';
import type { Connector } from './snapping.ts';

export interface BuiltEdges {
  nodeLon: number[];
  nodeLat: number[];
  from: number[];
  to: number[];
  km: number[];
  tag: number[];
  /** Edges per tag name (untagged under ""). */
  tagCounts: Record<string, number>;
  droppedLoops: number;
  /** The node of a vertex (made on first use). */
  nodeOf: (vertex: number) => number;
}

export function buildEdges(noded: NodedLines, connectors: Connector[], tags: string[]): BuiltEdges {
  const { lon: vLon, lat: vLat } = noded.vertices;
  const nodeIds = new Int32Array(vLon.length).fill(-1);
  const out: BuiltEdges = {
    nodeLon: [],
    nodeLat: [],
    from: [],
    to: [],
    km: [],
    tag: [],
    tagCounts: {},
    droppedLoops: 0,
    nodeOf: (v) => {
      if (nodeIds[v] < 0) {
        nodeIds[v] = out.nodeLon.length;
        out.nodeLon.push(vLon[v]);
        out.nodeLat.push(vLat[v]);
      }
      return nodeIds[v];
    },
  };
  const addEdge = (a: number, b: number, km: number, tag: number) => {
    if (a === b) {
      out.droppedLoops++;
      return;
    }
    out.from.push(a);
    out.to.push(b);
    out.km.push(km);
    out.tag.push(tag);
    out.tagCounts[tags[tag]] = (out.tagCounts[tags[tag]] ?? 0) + 1;
  };
  for (const p of noded.parts) {
    let from = out.nodeOf(p.vertices[0]);
    let km = 0;
    for (let k = 1; k < p.vertices.length; k++) {
      const a = p.vertices[k - 1];
      const b = p.vertices[k];
      km += greatCircleKm([vLon[a], vLat[a]], [vLon[b], vLat[b]]);
      if (noded.isNode[b]) {
        const to = out.nodeOf(b);
        addEdge(from, to, km, p.tag);
        from = to;
        km = 0;
      }
    }
  }
  for (const c of connectors) addEdge(out.nodeOf(c.a), out.nodeOf(c.b), c.km, 0);
  return out;
}
