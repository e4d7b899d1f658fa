/**
 * `compactDegree2(net)`: joins the edges of degree-2 chains that run across
 * way boundaries. OSM splits a road into several ways wherever a tag changes
 * (a bridge, the number of lanes, a name); where two kept edges meet at a
 * vertex that nothing else touches, is not a border-control node, and the
 * two have the same routing attributes (class, oneway in the direction of
 * travel, hgv/access, seasonal flags and condition, maxspeed, maxweight,
 * gauge, usage), the vertex is dropped and the two become one edge: lengths
 * added, geometries joined end to end. The joined edge keeps the name and way
 * id of its first part. Vertex ids are renumbered; order is kept.
 */
import type { OsmNetwork } from './build.ts';
import { FLAG } from './tags.ts';

const ONEWAY = FLAG.onewayForward | FLAG.onewayBackward;

/** Flags of edge `e` when travelled from `edgeTo` to `edgeFrom` (oneway direction swapped). */
function reversedFlags(f: number): number {
  const ow = f & ONEWAY;
  const swapped =
    ow === FLAG.onewayForward ? FLAG.onewayBackward : ow === FLAG.onewayBackward ? FLAG.onewayForward : ow;
  return (f & ~ONEWAY) | swapped;
}

export function compactDegree2(net: OsmNetwork): { network: OsmNetwork; removedVertices: number } {
  const n = net.vertexCount;
  const m = net.edgeCount;
  const deg = new Int32Array(n);
  const inc = new Int32Array(2 * n).fill(-1); // first two incident edges of each vertex
  for (let e = 0; e < m; e++) {
    for (const v of [net.edgeFrom[e], net.edgeTo[e]]) {
      if (deg[v] < 2) inc[2 * v + deg[v]] = e;
      deg[v]++;
    }
  }
  const sameAttrs = (a: number, b: number) =>
    net.edgeClass[a] === net.edgeClass[b] &&
    net.edgeMaxspeed[a] === net.edgeMaxspeed[b] &&
    net.edgeMaxweight[a] === net.edgeMaxweight[b] &&
    net.edgeGauge[a] === net.edgeGauge[b] &&
    net.edgeUsage[a] === net.edgeUsage[b] &&
    net.edgeConditional[a] === net.edgeConditional[b];
  // a vertex is dropped when its two edges continue each other
  const through = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (deg[v] !== 2 || net.vertexBorder[v] !== 0) continue;
    const a = inc[2 * v];
    const b = inc[2 * v + 1];
    if (a === b || !sameAttrs(a, b)) continue;
    // travel a into v, then b out of v
    const fa = net.edgeTo[a] === v ? net.edgeFlags[a] : reversedFlags(net.edgeFlags[a]);
    const fb = net.edgeFrom[b] === v ? net.edgeFlags[b] : reversedFlags(net.edgeFlags[b]);
    if (fa === fb) through[v] = 1;
  }
  const other = (e: number, v: number) => (net.edgeFrom[e] === v ? net.edgeTo[e] : net.edgeFrom[e]);
  const used = new Uint8Array(m);
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eMeters: number[] = [];
  const eFirst: number[] = [];
  const eFlags: number[] = [];
  const gOff: number[] = [0];
  const gLon: number[] = [];
  const gLat: number[] = [];
  const appendGeometry = (e: number, forward: boolean, skipFirst: boolean) => {
    const a = net.geomOffsets[e];
    const b = net.geomOffsets[e + 1];
    for (let k = skipFirst ? 1 : 0; k < b - a; k++) {
      const j = forward ? a + k : b - 1 - k;
      gLon.push(net.geomLon[j]);
      gLat.push(net.geomLat[j]);
    }
  };
  const walk = (start: number, e0: number) => {
    // from vertex `start` (kept) along e0 through dropped vertices to the next kept one
    let v = start;
    let e = e0;
    let meters = 0;
    let first = true;
    let flags = 0;
    for (;;) {
      used[e] = 1;
      const forward = net.edgeFrom[e] === v;
      if (first) flags = forward ? net.edgeFlags[e] : reversedFlags(net.edgeFlags[e]);
      appendGeometry(e, forward, !first);
      meters += net.edgeMeters[e];
      first = false;
      v = other(e, v);
      if (!through[v]) break;
      const next = inc[2 * v] === e ? inc[2 * v + 1] : inc[2 * v];
      if (used[next]) {
        through[v] = 0; // cannot happen on a consistent network; keep the vertex rather than lose the edge's end
        break;
      }
      e = next;
    }
    eFrom.push(start);
    eTo.push(v);
    eMeters.push(meters);
    eFirst.push(e0);
    eFlags.push(flags);
    gOff.push(gLon.length);
  };
  for (let e = 0; e < m; e++) {
    if (used[e]) continue;
    const a = net.edgeFrom[e];
    const b = net.edgeTo[e];
    if (!through[a]) walk(a, e);
    else if (!through[b]) walk(b, e);
  }
  // rings made only of dropped vertices: keep one vertex of each
  for (let e = 0; e < m; e++) {
    if (used[e]) continue;
    const a = net.edgeFrom[e];
    through[a] = 0;
    walk(a, e);
  }
  // renumber the kept vertices
  const newId = new Int32Array(n).fill(-1);
  let vn = 0;
  for (let v = 0; v < n; v++) if (!through[v]) newId[v] = vn++;
  const keep = (arr: Float64Array | Int32Array) => {
    const out = new (arr.constructor as Float64ArrayConstructor | Int32ArrayConstructor)(vn);
    for (let v = 0; v < n; v++) if (newId[v] >= 0) out[newId[v]] = arr[v];
    return out;
  };
  const mm = eFrom.length;
  const pick = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(arr: T): T => {
    const out = new (arr.constructor as new (len: number) => T)(mm);
    for (let i = 0; i < mm; i++) out[i] = arr[eFirst[i]];
    return out;
  };
  const network: OsmNetwork = {
    ...net,
    vertexCount: vn,
    edgeCount: mm,
    vertexOsmId: keep(net.vertexOsmId) as Float64Array,
    vertexLon: keep(net.vertexLon) as Int32Array,
    vertexLat: keep(net.vertexLat) as Int32Array,
    vertexBorder: keep(net.vertexBorder) as Int32Array,
    edgeFrom: Int32Array.from(eFrom, (v) => newId[v]),
    edgeTo: Int32Array.from(eTo, (v) => newId[v]),
    edgeMeters: Float64Array.from(eMeters),
    edgeClass: pick(net.edgeClass),
    edgeFlags: Uint8Array.from(eFlags),
    edgeMaxspeed: pick(net.edgeMaxspeed),
    edgeMaxweight: pick(net.edgeMaxweight),
    edgeGauge: pick(net.edgeGauge),
    edgeWayId: pick(net.edgeWayId),
    edgeName: pick(net.edgeName),
    edgeUsage: pick(net.edgeUsage),
    edgeConditional: pick(net.edgeConditional),
    geomOffsets: Int32Array.from(gOff),
    geomLon: Int32Array.from(gLon),
    geomLat: Int32Array.from(gLat),
  };
  return { network, removedVertices: n - vn };
}
