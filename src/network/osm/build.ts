/**
 * `OsmNetworkBuilder`: turns the kept OSM ways (from `readOsm`) into a
 * compact routable network. A way's nodes become graph vertices only where
 * the network branches or ends — way endpoints, nodes shared by two kept ways
 * (or met twice by one), border-control nodes — so the degree-2 chains
 * between them are compacted into one edge that keeps the way's full geometry
 * and its length (the sum of great-circle segment lengths, `../geodesy.ts`).
 *
 * Memory is bounded by the kept way nodes, not by the file: each is held as an
 * OSM id (8 bytes) and a fixed-point location (2 × 4 bytes), and sorted once
 * (8 bytes) to find the shared ones; no per-node objects.
 */
import { greatCircleKmAt } from '../geodesy.ts';
import { EDGE_CLASS_CODE, isBorderNode, wayAttributes } from './tags.ts';

/** The compiled detailed network: typed arrays and a string table (artefact layout, see artefact.ts). */
export interface OsmNetwork {
  vertexCount: number;
  edgeCount: number;
  /** OSM node id of each vertex. */
  vertexOsmId: Float64Array;
  /** Vertex location, degrees × 1e7 (OSM's own fixed point). */
  vertexLon: Int32Array;
  vertexLat: Int32Array;
  /** Vertex → index in `borders` + 1 (0: not a border-control node). */
  vertexBorder: Int32Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeMeters: Float64Array;
  edgeClass: Uint8Array;
  edgeFlags: Uint8Array;
  edgeMaxspeed: Uint16Array;
  /** tonnes × 10 (0: none). */
  edgeMaxweight: Uint16Array;
  edgeGauge: Uint8Array;
  edgeWayId: Float64Array;
  /** Indices into `strings`: the way's name, `usage`, `access:conditional`. */
  edgeName: Int32Array;
  edgeUsage: Int32Array;
  edgeConditional: Int32Array;
  /** Edge geometry: points `geomOffsets[e]` … `geomOffsets[e+1]-1` of `geomLon`/`geomLat` (degrees × 1e7), from `edgeFrom` to `edgeTo`. */
  geomOffsets: Int32Array;
  geomLon: Int32Array;
  geomLat: Int32Array;
  strings: string[];
  borders: { osmId: number; name: string; lon: number; lat: number }[];
}

export interface BuildCounts {
  /** OPL objects read (after osmium's filter): tagged nodes and kept ways. */
  nodesSeen: number;
  waysSeen: number;
  waysKept: number;
  /** Ways seen twice (the same way in two overlapping extracts). */
  waysDuplicate: number;
  wayNodes: number;
  /** Way node refs without a location (clipped away or missing in the extract). */
  missingLocations: number;
  loopsDropped: number;
}

class Grow {
  f64: Float64Array;
  i32a: Int32Array;
  i32b: Int32Array;
  n = 0;
  constructor(cap = 1 << 16) {
    this.f64 = new Float64Array(cap);
    this.i32a = new Int32Array(cap);
    this.i32b = new Int32Array(cap);
  }
  push(id: number, a: number, b: number): void {
    if (this.n === this.f64.length) {
      const cap = this.n * 2;
      const f = new Float64Array(cap);
      f.set(this.f64);
      this.f64 = f;
      const x = new Int32Array(cap);
      x.set(this.i32a);
      this.i32a = x;
      const y = new Int32Array(cap);
      y.set(this.i32b);
      this.i32b = y;
    }
    this.f64[this.n] = id;
    this.i32a[this.n] = a;
    this.i32b[this.n] = b;
    this.n++;
  }
}

/** Great-circle length in metres between two fixed-point locations (degrees × 1e7), by `greatCircleKmAt`. */
export function segmentMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return greatCircleKmAt(lon1 / 1e7, lat1 / 1e7, lon2 / 1e7, lat2 / 1e7) * 1000;
}

function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OsmNetworkBuilder {
  readonly counts: BuildCounts = {
    nodesSeen: 0,
    waysSeen: 0,
    waysKept: 0,
    waysDuplicate: 0,
    wayNodes: 0,
    missingLocations: 0,
    loopsDropped: 0,
  };
  private refs = new Grow();
  private wayStart: number[] = [];
  private wayId: number[] = [];
  private wayAttr: number[] = []; // packed per way: cls, flags, maxspeed, maxweight×10, gauge, name, usage, conditional
  private seenWays = new Set<number>();
  private strings: string[] = [''];
  private stringIndex = new Map<string, number>([['', 0]]);
  private borders = new Map<number, { name: string; lon: number; lat: number }>();

  private str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  /** Adds one OPL line (`n…` tagged node or `w…` way); other lines are ignored. */
  addOplLine(line: string): void {
    const c = line.charCodeAt(0);
    if (c === 110 /* n */) {
      this.counts.nodesSeen++;
      const t = line.indexOf(' T');
      if (t < 0) return;
      const end = line.indexOf(' ', t + 2);
      const tags = parseTagsFast(line.slice(t + 2, end < 0 ? undefined : end));
      if (!isBorderNode(tags)) return;
      const x = /\bx(-?[\d.]+)/.exec(line.slice(end));
      const y = /\by(-?[\d.]+)/.exec(line.slice(end));
      if (!x || !y) return;
      this.borders.set(Number(line.slice(1, line.indexOf(' '))), {
        name: tags['name:en'] ?? tags.name ?? '',
        lon: Number(x[1]),
        lat: Number(y[1]),
      });
    } else if (c === 119 /* w */) {
      this.counts.waysSeen++;
      const sp = line.indexOf(' ');
      const id = Number(line.slice(1, sp));
      const t = line.indexOf(' T');
      const nIdx = line.indexOf(' N');
      if (t < 0 || nIdx < 0) return;
      const attrs = wayAttributes(parseTagsFast(line.slice(t + 2, nIdx)));
      if (!attrs) return;
      if (this.seenWays.has(id)) {
        this.counts.waysDuplicate++;
        return;
      }
      this.seenWays.add(id);
      const start = this.refs.n;
      const refText = line.slice(nIdx + 2);
      let pos = 0;
      while (pos < refText.length) {
        let comma = refText.indexOf(',', pos);
        if (comma < 0) comma = refText.length;
        // n<id>x<lon>y<lat>
        const xi = refText.indexOf('x', pos);
        const yi = refText.indexOf('y', pos);
        this.counts.wayNodes++;
        if (xi > 0 && xi < comma && yi > xi + 1 && yi + 1 < comma) {
          const nid = Number(refText.slice(pos + 1, xi));
          const lon = Math.round(Number(refText.slice(xi + 1, yi)) * 1e7);
          const lat = Math.round(Number(refText.slice(yi + 1, comma)) * 1e7);
          this.refs.push(nid, lon, lat);
        } else {
          this.counts.missingLocations++;
        }
        pos = comma + 1;
      }
      if (this.refs.n - start < 2) {
        this.refs.n = start;
        return;
      }
      this.counts.waysKept++;
      this.wayStart.push(start);
      this.wayId.push(id);
      this.wayAttr.push(
        EDGE_CLASS_CODE[attrs.cls],
        attrs.flags,
        attrs.maxspeedKmh,
        Math.min(65535, Math.round(attrs.maxweightT * 10)),
        attrs.gauge,
        this.str(attrs.name),
        this.str(attrs.usage),
        this.str(attrs.conditional),
      );
    }
  }

  /** Makes the vertices and the compacted edges. */
  finish(): OsmNetwork {
    const { f64: ids, i32a: lons, i32b: lats, n } = this.refs;
    const wayCount = this.wayStart.length;
    this.wayStart.push(n);
    // vertices: nodes met twice or more (sorted copy of the refs), way endpoints, border nodes
    const sorted = ids.slice(0, n).sort();
    const cand: number[] = [];
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && sorted[j] === sorted[i]) j++;
      if (j - i >= 2 || this.borders.has(sorted[i])) cand.push(sorted[i]);
      i = j;
    }
    for (let w = 0; w < wayCount; w++) cand.push(ids[this.wayStart[w]], ids[this.wayStart[w + 1] - 1]);
    const vAll = Float64Array.from(cand).sort();
    let vn = 0;
    for (let i = 0; i < vAll.length; i++) if (i === 0 || vAll[i] !== vAll[i - 1]) vAll[vn++] = vAll[i];
    const vertexOsmId = vAll.slice(0, vn);
    const vertexLon = new Int32Array(vn);
    const vertexLat = new Int32Array(vn);
    const vertexBorder = new Int32Array(vn);
    const borders: OsmNetwork['borders'] = [];
    // edges
    const eFrom: number[] = [];
    const eTo: number[] = [];
    const eMeters: number[] = [];
    const eWay: number[] = [];
    const gOff: number[] = [0];
    const gLon = new Grow(Math.max(1024, n));
    for (let w = 0; w < wayCount; w++) {
      const s = this.wayStart[w];
      const e = this.wayStart[w + 1];
      let fromV = -1;
      let meters = 0;
      let gStart = gLon.n;
      for (let i = s; i < e; i++) {
        if (i > s) meters += segmentMeters(lons[i - 1], lats[i - 1], lons[i], lats[i]);
        gLon.push(0, lons[i], lats[i]);
        const k = lowerBound(vertexOsmId, vn, ids[i]);
        if (k < vn && vertexOsmId[k] === ids[i]) {
          vertexLon[k] = lons[i];
          vertexLat[k] = lats[i];
          if (fromV >= 0) {
            if (fromV === k && meters === 0) {
              this.counts.loopsDropped++;
              gLon.n = gStart;
            } else if (fromV === k) {
              // a ring closing on one vertex: no use for routing
              this.counts.loopsDropped++;
              gLon.n = gStart;
            } else {
              eFrom.push(fromV);
              eTo.push(k);
              eMeters.push(meters);
              eWay.push(w);
              gOff.push(gLon.n);
            }
            // the vertex starts the next edge
            gStart = gLon.n;
            gLon.push(0, lons[i], lats[i]);
          }
          fromV = k;
          meters = 0;
        }
      }
      gLon.n = gStart; // drop the dangling start point pushed after the last vertex
    }
    for (const [osmId, b] of this.borders) {
      const k = lowerBound(vertexOsmId, vn, osmId);
      if (k < vn && vertexOsmId[k] === osmId) {
        borders.push({ osmId, ...b });
        vertexBorder[k] = borders.length;
      }
    }
    const m = eFrom.length;
    const A = this.wayAttr;
    const edgeClass = new Uint8Array(m);
    const edgeFlags = new Uint8Array(m);
    const edgeMaxspeed = new Uint16Array(m);
    const edgeMaxweight = new Uint16Array(m);
    const edgeGauge = new Uint8Array(m);
    const edgeName = new Int32Array(m);
    const edgeUsage = new Int32Array(m);
    const edgeConditional = new Int32Array(m);
    const edgeWayId = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const w = eWay[i];
      const o = w * 8;
      edgeClass[i] = A[o];
      edgeFlags[i] = A[o + 1];
      edgeMaxspeed[i] = A[o + 2];
      edgeMaxweight[i] = A[o + 3];
      edgeGauge[i] = A[o + 4];
      edgeName[i] = A[o + 5];
      edgeUsage[i] = A[o + 6];
      edgeConditional[i] = A[o + 7];
      edgeWayId[i] = this.wayId[w];
    }
    return {
      vertexCount: vn,
      edgeCount: m,
      vertexOsmId,
      vertexLon,
      vertexLat,
      vertexBorder,
      edgeFrom: Int32Array.from(eFrom),
      edgeTo: Int32Array.from(eTo),
      edgeMeters: Float64Array.from(eMeters),
      edgeClass,
      edgeFlags,
      edgeMaxspeed,
      edgeMaxweight,
      edgeGauge,
      edgeWayId,
      edgeName,
      edgeUsage,
      edgeConditional,
      geomOffsets: Int32Array.from(gOff),
      geomLon: gLon.i32a.slice(0, gLon.n),
      geomLat: gLon.i32b.slice(0, gLon.n),
      strings: this.strings,
      borders,
    };
  }
}

/** OPL tags (`k=v,k=v` with `%hex%` escapes). */
function parseTagsFast(field: string): Record<string, string> {
  const tags: Record<string, string> = {};
  if (field === '') return tags;
  for (const kv of field.split(',')) {
    const eq = kv.indexOf('=');
    if (eq < 0) continue;
    const k = kv.slice(0, eq);
    const v = kv.slice(eq + 1);
    tags[k.includes('%') ? unescapeOpl(k) : k] = v.includes('%') ? unescapeOpl(v) : v;
  }
  return tags;
}

function unescapeOpl(s: string): string {
  return s.replace(/%([0-9a-fA-F]+)%/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}
