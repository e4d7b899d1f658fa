/**
 * `importLineNetwork(fc, options) → { overlay, report }`: turns a GeoJSON line
 * network (LineStrings and MultiLineStrings: OSM railways, a maritime lane
 * network, roads) into a `LineNetworkOverlay` that `compileNetwork` adds to
 * the atlas network.
 *
 * Nodes are made at line endpoints, at vertices shared by two or more lines
 * (or met twice by one line), at the points where snapped endpoints land and
 * where atlas places join — not at every vertex: the vertices in between only
 * add their length to the edge that runs through them. An edge is the stretch
 * of a line between two consecutive nodes, its length the sum of the
 * great-circle (haversine) lengths of its segments.
 *
 * Lines that do not meet (the OSM Russian railways are not noded: a branch
 * starts near an interior vertex of another line, not on it) are joined by
 * snapping: every endpoint that no other line touches is connected to the
 * nearest vertex or segment point of another line within `snapKm`, by a
 * connector edge of that length (a segment point becomes a new vertex).
 *
 * Atlas places of the kind the mode serves (rail stations, yards and dry ports
 * for rail, seaports for sea, river ports for river, any place for road) are
 * joined to the nearest point of the network within `joinKm` — in the largest
 * connected component when it has one within reach, else in any — which then
 * becomes a node. A rail network of one gauge joins only places whose
 * `gauges` (when given) include it: a 1435 mm station across the river from
 * a 1520 mm line is reached through its crossing, not by a join.
 *
 * Edges carry a tag from a feature property (`pass` in the Eurostat MARNET
 * network: suez, panama, northeast, …); calendars given per tag make those
 * edges seasonal (the Northern Sea Route), read by the router at query time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type Atlas, Calendar, type Gauge, type Place, type PlaceKind, Source } from '../atlas/schema.ts';
import { AmurError } from '../errors.ts';
import { greatCircleKm } from './geodesy.ts';
import type { LineNetworkOverlay, OverlayMode } from './overlay.ts';

/** A GeoJSON input error: names the file, the feature and the field, and what would be valid. */
export class LineNetworkError extends AmurError {
  constructor(message: string) {
    super('input', message);
    this.name = 'LineNetworkError';
  }
}

export interface ImportLineNetworkOptions {
  /** Overlay id, e.g. "osm-russian-railways". */
  id: string;
  mode: OverlayMode;
  /** Rail gauge of the whole network (rail only). */
  gauge?: Gauge;
  /** Endpoints that touch no other line are snapped to another line within this distance (default 1 km). */
  snapKm?: number;
  /** Atlas places are joined to the nearest network point within this distance (default 20 km). */
  joinKm?: number;
  /** Atlas whose places are joined; none when absent. */
  atlas?: Atlas;
  /** Feature property holding the edge tag (default "pass" when features have it). */
  tagProperty?: string;
  /** Availability of tagged edges, by tag value. */
  tagCalendars?: Record<string, Calendar>;
  /** Where the data came from; `file` also names the input in error messages. */
  source: { title: string; licence: string; file: string };
}

export interface ImportReport {
  file: string;
  mode: OverlayMode;
  features: number;
  /** Features without a line geometry (null, Point, Polygon …): index and why. */
  skipped: { feature: number; reason: string }[];
  lines: number;
  vertices: number;
  nodes: number;
  edges: number;
  totalKm: number;
  /** Endpoints touching no other line, and what snapping did with them. */
  snapping: {
    snapKm: number;
    dangling: number;
    toVertex: number;
    toSegment: number;
    unsnapped: number;
    connectorKm: number;
  };
  /** Connected components of the overlay, largest first. */
  components: { count: number; sizes: number[]; largestShare: number; singletons: number };
  joins: { place: string; name: string; node: number; km: number; componentSize: number }[];
  /** Places of the kind this mode serves that found no network point within `joinKm`. */
  unjoined: string[];
  /** Rail places of the right kind left out because their gauges do not include the network's. */
  otherGauge: string[];
  joinKm: number;
  /** Number of edges per tag (untagged under ""). */
  tags: Record<string, number>;
  /** Ring lines that would make an edge from a node to itself (dropped). */
  droppedLoops: number;
}

/** Place kinds an overlay of each mode may join (road joins any place). */
export const JOIN_KINDS: Record<OverlayMode, PlaceKind[] | 'any'> = {
  rail: ['rail-station', 'rail-yard', 'dry-port'],
  sea: ['seaport'],
  river: ['river-port'],
  road: 'any',
};

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEG = (Math.PI / 180) * EARTH_RADIUS_KM;
/** Vertices whose coordinates agree to 1e-6° (≈ 0.1 m) are one vertex. */
const KEY_SCALE = 1e6;
/** A snap or join point within this distance of a vertex uses the vertex (no split). */
const SAME_POINT_KM = 0.001;
/** Cell size of the spatial index, degrees. */
const CELL_DEG = 0.1;

/** Longitude difference b − a folded into [−180, 180). */
function dLon(a: number, b: number): number {
  let d = b - a;
  if (d >= 180) d -= 360;
  else if (d < -180) d += 360;
  return d;
}

function wrapLon(lon: number): number {
  let l = lon;
  while (l >= 180) l -= 360;
  while (l < -180) l += 360;
  return l;
}

/** A tag-calendar file (`data/networks/passages.yaml`): `{ sources: [Source], tags: { northeast: Calendar, … } }`. */
export const TagCalendarFile = z
  .object({
    sources: z.array(Source).default([]),
    tags: z.record(z.string().min(1), Calendar),
  })
  .strict();
export type TagCalendarFile = z.infer<typeof TagCalendarFile>;

/** The shipped tag calendars (MARNET passes: the Northern Sea Route season and others). */
export const DEFAULT_TAG_CALENDARS_FILE = fileURLToPath(
  new URL('../../data/networks/passages.yaml', import.meta.url),
);

/**
 * Reads a tag-calendar file; errors name the file and the field. Every source
 * id a calendar cites must be defined in the file's `sources`.
 */
export function loadTagCalendars(file: string = DEFAULT_TAG_CALENDARS_FILE): TagCalendarFile {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LineNetworkError(`${file}: cannot read as YAML (${(e as Error).message})`);
  }
  const r = TagCalendarFile.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new LineNetworkError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const known = new Set(r.data.sources.map((src) => src.id));
  for (const [tag, cal] of Object.entries(r.data.tags)) {
    const refs = [
      ...(cal.sources ?? []),
      ...[...(cal.seasons ?? []), ...(cal.observed ?? []), ...(cal.closures ?? [])].flatMap(
        (x) => x.sources ?? [],
      ),
    ];
    for (const ref of refs) {
      if (!known.has(ref)) {
        throw new LineNetworkError(
          `${file}: tags.${tag}: source "${ref}" is not defined under sources (ids: ${[...known].join(', ')})`,
        );
      }
    }
  }
  return r.data;
}

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());

/** Reads a GeoJSON file, gzip-compressed or not (by its first bytes). */
export function readGeoJsonFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new LineNetworkError(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new LineNetworkError(
      `${file}: not valid JSON (${(e as Error).message}); expected a GeoJSON FeatureCollection`,
    );
  }
}

interface Part {
  feature: number;
  tag: number;
  /** Vertex ids along the line. */
  vertices: number[];
}

interface SnapPoint {
  /** Existing vertex, or −1 for a point inside segment `seg` of `part` at parameter `t`. */
  vertex: number;
  part: number;
  seg: number;
  t: number;
  lon: number;
  lat: number;
  km: number;
}

/** Imports a line network; see the module comment. Throws `LineNetworkError` on malformed input. */
export function importLineNetwork(
  fc: unknown,
  options: ImportLineNetworkOptions,
): { overlay: LineNetworkOverlay; report: ImportReport } {
  const file = options.source.file;
  const snapKm = options.snapKm ?? 1;
  const joinKm = options.joinKm ?? 20;
  if (!(snapKm >= 0)) throw new LineNetworkError(`snapKm = ${snapKm}: must be a number ≥ 0 (km)`);
  if (!(joinKm >= 0)) throw new LineNetworkError(`joinKm = ${joinKm}: must be a number ≥ 0 (km)`);
  if (options.gauge !== undefined && options.mode !== 'rail') {
    throw new LineNetworkError(
      `gauge = ${options.gauge}: only a rail network has a gauge (mode is ${options.mode})`,
    );
  }
  const root = fc as { type?: unknown; features?: unknown };
  if (
    !root ||
    typeof root !== 'object' ||
    root.type !== 'FeatureCollection' ||
    !Array.isArray(root.features)
  ) {
    throw new LineNetworkError(`${file}: expected a GeoJSON FeatureCollection with a "features" array`);
  }
  const features = root.features as unknown[];

  // ------------------------------------------------------------ vertices and lines
  const vLon: number[] = [];
  const vLat: number[] = [];
  const vertexByKey = new Map<string, number>();
  const vertexOf = (lon: number, lat: number): number => {
    const l = lon === -180 ? 180 : lon; // one meridian, two spellings
    const key = `${Math.round(l * KEY_SCALE)},${Math.round(lat * KEY_SCALE)}`;
    let v = vertexByKey.get(key);
    if (v === undefined) {
      v = vLon.length;
      vertexByKey.set(key, v);
      vLon.push(l);
      vLat.push(lat);
    }
    return v;
  };
  let tagProperty = options.tagProperty;
  if (tagProperty === undefined) {
    const hasPass = features.some(
      (f) => (f as { properties?: Record<string, unknown> })?.properties?.pass !== undefined,
    );
    if (hasPass) tagProperty = 'pass';
  }
  const tags: string[] = [''];
  const tagIndex = new Map<string, number>([['', 0]]);
  const parts: Part[] = [];
  const skipped: ImportReport['skipped'] = [];
  features.forEach((raw, i) => {
    const f = raw as {
      type?: unknown;
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: unknown;
    };
    const where = `${file}: features[${i}]`;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      throw new LineNetworkError(`${where}: expected a GeoJSON Feature (type "Feature")`);
    }
    const g = f.geometry;
    if (g === null || g === undefined) {
      skipped.push({ feature: i, reason: 'null geometry' });
      return;
    }
    let lines: unknown[];
    if (g.type === 'LineString') lines = [g.coordinates];
    else if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) lines = g.coordinates;
    else {
      skipped.push({
        feature: i,
        reason: `${String(g.type)} geometry (only LineString and MultiLineString are read)`,
      });
      return;
    }
    let tag = 0;
    if (tagProperty) {
      const value = (f.properties as Record<string, unknown> | null)?.[tagProperty];
      if (value !== null && value !== undefined && value !== '') {
        const name = String(value);
        let t = tagIndex.get(name);
        if (t === undefined) {
          t = tags.length;
          tags.push(name);
          tagIndex.set(name, t);
        }
        tag = t;
      }
    }
    lines.forEach((coords, j) => {
      const field = g.type === 'LineString' ? 'geometry.coordinates' : `geometry.coordinates[${j}]`;
      if (!Array.isArray(coords)) {
        throw new LineNetworkError(`${where}.${field}: expected an array of [lon, lat] positions`);
      }
      const vs: number[] = [];
      coords.forEach((p, k) => {
        const r = Position.safeParse(p);
        if (!r.success) {
          throw new LineNetworkError(
            `${where}.${field}[${k}] = ${JSON.stringify(p)}: expected [lon, lat] with lon in −180…180 and lat in −90…90`,
          );
        }
        const v = vertexOf(r.data[0], r.data[1]);
        if (vs.length === 0 || vs[vs.length - 1] !== v) vs.push(v);
      });
      if (vs.length < 2) {
        skipped.push({ feature: i, reason: `${field}: fewer than two distinct positions` });
        return;
      }
      parts.push({ feature: i, tag, vertices: vs });
    });
  });
  const inputVertices = vLon.length;

  // how often each vertex is used; endpoints and shared vertices are nodes
  const use = new Int32Array(inputVertices);
  for (const p of parts) for (const v of p.vertices) use[v]++;
  const isNode: boolean[] = new Array(inputVertices).fill(false);
  for (const p of parts) {
    isNode[p.vertices[0]] = true;
    isNode[p.vertices[p.vertices.length - 1]] = true;
  }
  for (let v = 0; v < inputVertices; v++) if (use[v] > 1) isNode[v] = true;

  // ------------------------------------------------------------ spatial index of segments
  const segStart: number[] = [];
  let segCount = 0;
  for (const p of parts) {
    segStart.push(segCount);
    segCount += p.vertices.length - 1;
  }
  const segPart = new Int32Array(segCount);
  parts.forEach((p, pi) => {
    for (let s = 0; s < p.vertices.length - 1; s++) segPart[segStart[pi] + s] = pi;
  });
  const lonCells = Math.round(360 / CELL_DEG);
  const cellKey = (lonIdx: number, latIdx: number) =>
    (latIdx + 1000) * (lonCells + 10) + (((lonIdx % lonCells) + lonCells) % lonCells);
  const grid = new Map<number, number[]>();
  const addToCell = (lon: number, lat: number, seg: number) => {
    const key = cellKey(Math.floor(wrapLon(lon) / CELL_DEG), Math.floor(lat / CELL_DEG));
    const list = grid.get(key);
    if (!list) grid.set(key, [seg]);
    else if (list[list.length - 1] !== seg) list.push(seg);
  };
  parts.forEach((p, pi) => {
    for (let s = 0; s < p.vertices.length - 1; s++) {
      const a = p.vertices[s];
      const b = p.vertices[s + 1];
      const dx = dLon(vLon[a], vLon[b]);
      const dy = vLat[b] - vLat[a];
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)) / (CELL_DEG / 2)));
      for (let k = 0; k <= steps; k++)
        addToCell(vLon[a] + (dx * k) / steps, vLat[a] + (dy * k) / steps, segStart[pi] + s);
    }
  });
  const segSeen = new Uint32Array(segCount);
  let segStamp = 0;

  /** Nearest point of the network to (lon, lat) within maxKm on parts accepted by `accept`. */
  const nearest = (
    lon: number,
    lat: number,
    maxKm: number,
    accept: (part: number) => boolean,
  ): SnapPoint | undefined => {
    segStamp++;
    const cosLat = Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    const rLat = Math.ceil(maxKm / KM_PER_DEG / CELL_DEG) + 1;
    const rLon = Math.min(Math.ceil(maxKm / (KM_PER_DEG * cosLat) / CELL_DEG) + 1, Math.ceil(lonCells / 2));
    const lonIdx = Math.floor(wrapLon(lon) / CELL_DEG);
    const latIdx = Math.floor(lat / CELL_DEG);
    let best: SnapPoint | undefined;
    for (let dy = -rLat; dy <= rLat; dy++) {
      for (let dx = -rLon; dx <= rLon; dx++) {
        const list = grid.get(cellKey(lonIdx + dx, latIdx + dy));
        if (!list) continue;
        for (const seg of list) {
          if (segSeen[seg] === segStamp) continue;
          segSeen[seg] = segStamp;
          const pi = segPart[seg];
          if (!accept(pi)) continue;
          const s = seg - segStart[pi];
          const a = parts[pi].vertices[s];
          const b = parts[pi].vertices[s + 1];
          // closest point in a local equirectangular projection around (lon, lat)
          const ax = dLon(lon, vLon[a]) * cosLat;
          const ay = vLat[a] - lat;
          const bx = dLon(lon, vLon[b]) * cosLat;
          const by = vLat[b] - lat;
          const ex = bx - ax;
          const ey = by - ay;
          const len2 = ex * ex + ey * ey;
          let t = len2 > 0 ? -(ax * ex + ay * ey) / len2 : 0;
          t = Math.max(0, Math.min(1, t));
          const pLon = wrapLon(vLon[a] + dLon(vLon[a], vLon[b]) * t);
          const pLat = vLat[a] + (vLat[b] - vLat[a]) * t;
          const km = greatCircleKm([lon, lat], [pLon, pLat]);
          if (km > maxKm || (best && km >= best.km)) continue;
          best = { vertex: -1, part: pi, seg: s, t, lon: pLon, lat: pLat, km };
        }
      }
    }
    if (best) {
      const p = parts[best.part];
      const a = p.vertices[best.seg];
      const b = p.vertices[best.seg + 1];
      if (greatCircleKm([best.lon, best.lat], [vLon[a], vLat[a]]) < SAME_POINT_KM) best.vertex = a;
      else if (greatCircleKm([best.lon, best.lat], [vLon[b], vLat[b]]) < SAME_POINT_KM) best.vertex = b;
    }
    return best;
  };

  // points inserted into segments: part → list of { seg, t, vertex }
  const inserts = new Map<number, { seg: number; t: number; vertex: number }[]>();
  /** Turns a snap point into a vertex that is a node. */
  const materialise = (p: SnapPoint): number => {
    let v = p.vertex;
    if (v < 0) {
      v = vLon.length;
      vLon.push(p.lon);
      vLat.push(p.lat);
      isNode.push(true);
      const list = inserts.get(p.part) ?? [];
      list.push({ seg: p.seg, t: p.t, vertex: v });
      inserts.set(p.part, list);
    }
    isNode[v] = true;
    return v;
  };

  // ------------------------------------------------------------ snapping dangling endpoints
  const connectors: { a: number; b: number; km: number }[] = [];
  const connectorKeys = new Set<string>();
  const snapping = { snapKm, dangling: 0, toVertex: 0, toSegment: 0, unsnapped: 0, connectorKm: 0 };
  parts.forEach((p, pi) => {
    for (const end of [p.vertices[0], p.vertices[p.vertices.length - 1]]) {
      if (use[end] > 1) continue;
      snapping.dangling++;
      const hit = snapKm > 0 ? nearest(vLon[end], vLat[end], snapKm, (other) => other !== pi) : undefined;
      if (!hit) {
        snapping.unsnapped++;
        continue;
      }
      if (hit.vertex >= 0) snapping.toVertex++;
      else snapping.toSegment++;
      const target = materialise(hit);
      const key = end < target ? `${end}:${target}` : `${target}:${end}`;
      if (target === end || connectorKeys.has(key)) continue;
      connectorKeys.add(key);
      connectors.push({ a: end, b: target, km: hit.km });
      snapping.connectorKm += hit.km;
    }
  });

  // ------------------------------------------------------------ components (before joins, to prefer the largest)
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
  for (let v = 0; v < vLon.length; v++) parent.push(v);
  for (const p of parts) for (let k = 1; k < p.vertices.length; k++) union(p.vertices[0], p.vertices[k]);
  for (const [pi, list] of inserts) for (const ins of list) union(parts[pi].vertices[0], ins.vertex);
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

  // ------------------------------------------------------------ joins to atlas places
  const kinds = JOIN_KINDS[options.mode];
  const ofKind: Place[] = (options.atlas?.places ?? []).filter(
    (p) => kinds === 'any' || p.kinds.some((k) => kinds.includes(k)),
  );
  // a rail network of one gauge joins only places whose gauges (when the atlas gives them) include it
  const gauge = options.gauge;
  const gaugeFits = (p: Place) =>
    options.mode !== 'rail' ||
    gauge === undefined ||
    gauge === 'dual' ||
    p.gauges === undefined ||
    p.gauges.includes(gauge) ||
    p.gauges.includes('dual');
  const joinable = ofKind.filter(gaugeFits);
  const otherGauge = ofKind.filter((p) => !gaugeFits(p)).map((p) => p.id);
  const joinVertices: { place: Place; vertex: number; km: number }[] = [];
  const unjoined: string[] = [];
  for (const place of joinable) {
    const [lon, lat] = place.coords;
    const hit =
      nearest(lon, lat, joinKm, (pi) => find(parts[pi].vertices[0]) === largestRoot) ??
      nearest(lon, lat, joinKm, () => true);
    if (!hit) {
      unjoined.push(place.id);
      continue;
    }
    joinVertices.push({ place, vertex: materialise(hit), km: hit.km });
  }

  // ------------------------------------------------------------ nodes and edges
  for (const [pi, list] of inserts) {
    list.sort((x, y) => x.seg - y.seg || x.t - y.t);
    const old = parts[pi].vertices;
    const out: number[] = [];
    let k = 0;
    for (let s = 0; s < old.length; s++) {
      out.push(old[s]);
      while (k < list.length && list[k].seg === s) {
        if (out[out.length - 1] !== list[k].vertex) out.push(list[k].vertex);
        k++;
      }
    }
    parts[pi].vertices = out;
  }
  const nodeOf = new Int32Array(vLon.length).fill(-1);
  const nodeLon: number[] = [];
  const nodeLat: number[] = [];
  const nodeId = (v: number): number => {
    if (nodeOf[v] < 0) {
      nodeOf[v] = nodeLon.length;
      nodeLon.push(vLon[v]);
      nodeLat.push(vLat[v]);
    }
    return nodeOf[v];
  };
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eKm: number[] = [];
  const eTag: number[] = [];
  let droppedLoops = 0;
  const tagCounts: Record<string, number> = {};
  const addEdge = (a: number, b: number, km: number, tag: number) => {
    if (a === b) {
      droppedLoops++;
      return;
    }
    eFrom.push(a);
    eTo.push(b);
    eKm.push(km);
    eTag.push(tag);
    tagCounts[tags[tag]] = (tagCounts[tags[tag]] ?? 0) + 1;
  };
  for (const p of parts) {
    let from = nodeId(p.vertices[0]);
    let km = 0;
    for (let k = 1; k < p.vertices.length; k++) {
      const a = p.vertices[k - 1];
      const b = p.vertices[k];
      km += greatCircleKm([vLon[a], vLat[a]], [vLon[b], vLat[b]]);
      if (isNode[b]) {
        const to = nodeId(b);
        addEdge(from, to, km, p.tag);
        from = to;
        km = 0;
      }
    }
  }
  for (const c of connectors) addEdge(nodeId(c.a), nodeId(c.b), c.km, 0);
  const joins = joinVertices.map((j) => ({
    node: nodeId(j.vertex),
    place: j.place.id,
    km: j.km,
    name: j.place.names.en,
  }));

  // final components over nodes
  const n = nodeLon.length;
  const np = new Int32Array(n);
  for (let v = 0; v < n; v++) np[v] = v;
  const nfind = (x: number): number => {
    while (np[x] !== x) {
      np[x] = np[np[x]];
      x = np[x];
    }
    return x;
  };
  for (let e = 0; e < eFrom.length; e++) {
    const a = nfind(eFrom[e]);
    const b = nfind(eTo[e]);
    if (a !== b) np[Math.max(a, b)] = Math.min(a, b);
  }
  const sizeByRoot = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const r = nfind(v);
    sizeByRoot.set(r, (sizeByRoot.get(r) ?? 0) + 1);
  }
  const sizes = [...sizeByRoot.values()].sort((a, b) => b - a);
  const totalKm = eKm.reduce((s, k) => s + k, 0);

  const calendars: Record<string, Calendar> = {};
  for (const [tag, cal] of Object.entries(options.tagCalendars ?? {})) {
    if (tagIndex.has(tag)) calendars[tag] = cal;
  }
  const overlay: LineNetworkOverlay = {
    id: options.id,
    mode: options.mode,
    gauge: options.gauge,
    nodes: { lon: Float64Array.from(nodeLon), lat: Float64Array.from(nodeLat) },
    edges: {
      from: Int32Array.from(eFrom),
      to: Int32Array.from(eTo),
      km: Float64Array.from(eKm),
      tag: Int32Array.from(eTag),
    },
    tags,
    tagCalendars: Object.keys(calendars).length > 0 ? calendars : undefined,
    joins: joins.map(({ node, place, km }) => ({ node, place, km })),
    source: options.source,
  };
  const report: ImportReport = {
    file,
    mode: options.mode,
    features: features.length,
    skipped,
    lines: parts.length,
    vertices: inputVertices,
    nodes: n,
    edges: eFrom.length,
    totalKm,
    snapping,
    components: {
      count: sizes.length,
      sizes: sizes.slice(0, 10),
      largestShare: n > 0 ? sizes[0] / n : 0,
      singletons: sizes.filter((s) => s === 1).length,
    },
    joins: joins.map((j) => ({ ...j, componentSize: sizeByRoot.get(nfind(j.node)) ?? 0 })),
    unjoined,
    otherGauge,
    joinKm,
    tags: tagCounts,
    droppedLoops,
  };
  return { overlay, report };
}

/** Serialisable form of an overlay (typed arrays as plain arrays) for `--out FILE.json`. */
export function overlayToJson(o: LineNetworkOverlay): unknown {
  return {
    ...o,
    nodes: { lon: Array.from(o.nodes.lon), lat: Array.from(o.nodes.lat) },
    edges: {
      from: Array.from(o.edges.from),
      to: Array.from(o.edges.to),
      km: Array.from(o.edges.km),
      tag: Array.from(o.edges.tag),
    },
  };
}

const OverlayJson = z.object({
  id: z.string().min(1),
  mode: z.enum(['rail', 'road', 'sea', 'river']),
  gauge: z.union([z.literal(1435), z.literal(1520), z.literal(1067), z.literal('dual')]).optional(),
  nodes: z.object({ lon: z.array(z.number()), lat: z.array(z.number()) }),
  edges: z.object({
    from: z.array(z.number().int().min(0)),
    to: z.array(z.number().int().min(0)),
    km: z.array(z.number().min(0)),
    tag: z.array(z.number().int().min(0)),
  }),
  tags: z.array(z.string()),
  tagCalendars: z.record(z.string(), Calendar).optional(),
  joins: z.array(z.object({ node: z.number().int().min(0), place: z.string(), km: z.number().min(0) })),
  source: z.object({ title: z.string(), licence: z.string(), file: z.string() }),
});

/** Reads an overlay written by `overlayToJson`; errors name the file and the field. */
export function overlayFromJson(value: unknown, file: string): LineNetworkOverlay {
  const r = OverlayJson.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new LineNetworkError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const o = r.data;
  const n = o.nodes.lon.length;
  for (const [field, list] of [
    ['edges.from', o.edges.from],
    ['edges.to', o.edges.to],
  ] as const) {
    const bad = list.findIndex((v) => v >= n);
    if (bad >= 0)
      throw new LineNetworkError(
        `${file}: ${field}[${bad}] = ${list[bad]} is not a node index in 0…${n - 1}`,
      );
  }
  return {
    ...o,
    nodes: { lon: Float64Array.from(o.nodes.lon), lat: Float64Array.from(o.nodes.lat) },
    edges: {
      from: Int32Array.from(o.edges.from),
      to: Int32Array.from(o.edges.to),
      km: Float64Array.from(o.edges.km),
      tag: Int32Array.from(o.edges.tag),
    },
  };
}

/** One real line network of the Eurasian graph, read from `../shared/data` (never copied into the repository). */
export interface LineNetworkSource {
  id: string;
  /** Path under the shared data directory. */
  path: string;
  mode: OverlayMode;
  gauge?: Gauge;
  snapKm: number;
  joinKm: number;
  title: string;
  licence: string;
}

/**
 * The line networks that, with the atlas crossings and Chinese lines, make the
 * Eurasian multimodal graph (see `../shared/data/geo/SOURCES.md`): the
 * OSM-derived Russian railways (1520 mm; not noded, hence the 1 km snap) and
 * the Eurostat MARNET maritime lanes at 20 km (ports lie off the lanes: joined
 * within 50 km).
 */
export const EURASIAN_LINE_NETWORKS: readonly LineNetworkSource[] = [
  {
    id: 'osm-russian-railways',
    path: 'geo/russian-railways-osm/russian_railways_simplelines.geojson.gz',
    mode: 'rail',
    gauge: 1520,
    snapKm: 1,
    joinKm: 20,
    title:
      'Russian railways, generalised lines (trolleway/russian-railways-simplegeodata, traced with BRouter over OSM)',
    licence: 'ODbL-1.0, © OpenStreetMap contributors',
  },
  {
    id: 'marnet-20km',
    path: 'geo/marnet-eurostat/marnet_plus_20km.geojson.gz',
    mode: 'sea',
    snapKm: 1,
    joinKm: 50,
    title: 'Eurostat SeaRoute maritime lane network (marnet_plus, 20 km)',
    licence: 'EUPL-1.2',
  },
];

/** Imports the Eurasian line networks from `dataDir` (the shared data directory) and joins them to the atlas. */
export function importEurasianNetworks(
  dataDir: string,
  atlas: Atlas,
  tagCalendars: Record<string, Calendar> = loadTagCalendars().tags,
): { overlays: LineNetworkOverlay[]; reports: ImportReport[] } {
  const overlays: LineNetworkOverlay[] = [];
  const reports: ImportReport[] = [];
  for (const src of EURASIAN_LINE_NETWORKS) {
    const file = join(dataDir, src.path);
    const { overlay, report } = importLineNetwork(readGeoJsonFile(file), {
      id: src.id,
      mode: src.mode,
      gauge: src.gauge,
      snapKm: src.snapKm,
      joinKm: src.joinKm,
      atlas,
      tagCalendars,
      source: { title: src.title, licence: src.licence, file },
    });
    overlays.push(overlay);
    reports.push(report);
  }
  return { overlays, reports };
}
