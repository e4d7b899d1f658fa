/**
 * Length estimates for atlas links, computed on real networks read from
 * `../shared/data` at run time (nothing is copied into the repository).
 * The atlas states each estimate's method; this script is how the numbers
 * were made, so anyone can re-run them.
 *
 *   node bin/run-ts.js scripts/atlas-lengths.ts gc A B [factor]
 *       great-circle distance (greatCircleKm of src/network/geodesy.ts: haversine, R = 6371.0088 km), optionally × a detour factor
 *   node bin/run-ts.js scripts/atlas-lengths.ts rail-ru A B
 *       shortest path on the OSM-derived Russian railway lines (russian-railways-osm),
 *       line ends snapped to the nearest vertex within 2 km; A and B snapped to the nearest vertex
 *   node bin/run-ts.js scripts/atlas-lengths.ts river A B
 *       shortest path along the Natural Earth 10m river and lake centerlines (line ends joined
 *       within 5 km); A and B snapped to the nearest vertex, snaps not counted
 *   node bin/run-ts.js scripts/atlas-lengths.ts sea A B [--allow northeast,northwest] [--net 20|50|100]
 *       shortest path on the Eurostat MARNET network (default 20 km); the Arctic passages
 *       (pass = northeast / northwest) are closed unless allowed; A and B join the network
 *       at their nearest node by a great-circle leg, which is counted
 *   node bin/run-ts.js scripts/atlas-lengths.ts batch FILE
 *       runs one of the commands above per line of FILE, building each network once
 *   node bin/run-ts.js scripts/atlas-lengths.ts apportion TOTAL_KM A B C …
 *       splits a published total along a chain of places in proportion to the great-circle
 *       distances between consecutive places
 *
 * A and B are atlas place ids or `lon,lat`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { loadAtlas } from '../src/atlas/load.ts';
import { buildCsr } from '../src/graph/csr.ts';
import { StaticShortestPath } from '../src/graph/static.ts';
import { greatCircleKm } from '../src/network/geodesy.ts';

type LonLat = [number, number];

const SHARED = resolve(
  process.env.AMUR_SHARED_DIR ?? fileURLToPath(new URL('../../shared', import.meta.url)),
  'data',
);
function readJson(rel: string): { features: GeoFeature[] } {
  const file = resolve(SHARED, rel);
  const buf = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'));
}

interface GeoFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

/** A small undirected graph of lines; shortest paths by the library's Dijkstra (src/graph/static.ts). */
class Graph {
  readonly coords: LonLat[] = [];
  private readonly index = new Map<string, number>();
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly km: number[] = [];
  private readonly tag: (string | undefined)[] = [];

  node(p: LonLat): number {
    // ±180° is one meridian: lines split at the antimeridian meet there.
    const lon = p[0] === 180 ? -180 : p[0];
    const key = `${lon.toFixed(5)},${p[1].toFixed(5)}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.coords.length;
      this.index.set(key, i);
      this.coords.push(p);
    }
    return i;
  }

  edge(a: number, b: number, km: number, tag?: string): void {
    if (a === b) return;
    this.from.push(a);
    this.to.push(b);
    this.km.push(km);
    this.tag.push(tag);
  }

  nearest(p: LonLat): { node: number; km: number } {
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    this.coords.forEach((c, i) => {
      const d = greatCircleKm(p, c);
      if (d < bestKm) {
        bestKm = d;
        best = i;
      }
    });
    return { node: best, km: bestKm };
  }

  /** Shortest path without the edges whose tag is `blocked`: km, nodes and the tags passed. */
  shortest(
    from: number,
    to: number,
    blocked: (tag?: string) => boolean,
  ): { km: number; path: number[]; tags: Set<string> } {
    const kept = this.from.map((_, i) => i).filter((i) => !blocked(this.tag[i]));
    const csr = buildCsr(
      this.coords.length,
      {
        from: kept.map((i) => this.from[i]),
        to: kept.map((i) => this.to[i]),
        weight: kept.map((i) => this.km[i]),
      },
      { undirected: true },
    );
    const sp = new StaticShortestPath(csr);
    const r = sp.dijkstra(from, to);
    const tags = new Set<string>();
    for (const arc of r.arcs) {
      const t = this.tag[kept[csr.arcIds[arc]]];
      if (t) tags.add(t);
    }
    return { km: r.distance, path: Number.isFinite(r.distance) ? r.nodes : [], tags };
  }
}

function lineStrings(f: GeoFeature): LonLat[][] {
  if (!f.geometry) return [];
  if (f.geometry.type === 'LineString') return [f.geometry.coordinates as LonLat[]];
  if (f.geometry.type === 'MultiLineString') return f.geometry.coordinates as LonLat[][];
  return [];
}

/**
 * A graph of un-noded lines: every vertex is a node, and each line end is joined to the
 * nearest vertex of another line within `snapKm` (the source lines are not noded).
 */
function lineGraph(features: GeoFeature[], snapKm: number): Graph {
  const g = new Graph();
  const ends: { node: number; line: number }[] = [];
  const lineOf: number[][] = [];
  let lineIndex = 0;
  for (const f of features) {
    for (const line of lineStrings(f)) {
      let prev = -1;
      for (const c of line) {
        const n = g.node(c);
        if (!lineOf[n]) lineOf[n] = [];
        lineOf[n].push(lineIndex);
        if (prev >= 0) g.edge(prev, n, greatCircleKm(g.coords[prev], c));
        prev = n;
      }
      ends.push(
        { node: g.node(line[0]), line: lineIndex },
        { node: g.node(line[line.length - 1]), line: lineIndex },
      );
      lineIndex++;
    }
  }
  // Join each line end to the nearest vertex of another line (the lines are not noded).
  const cell = Math.max(0.05, snapKm / 50);
  const grid = new Map<string, number[]>();
  const key = (p: LonLat) => `${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`;
  g.coords.forEach((c, i) => {
    const k = key(c);
    const list = grid.get(k) ?? [];
    list.push(i);
    grid.set(k, list);
  });
  for (const { node: e, line } of ends) {
    const [x, y] = g.coords[e];
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    let best = -1;
    let bestKm = snapKm;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const n of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (n === e || lineOf[n].every((l) => l === line)) continue;
          const d = greatCircleKm(g.coords[e], g.coords[n]);
          if (d < bestKm) {
            bestKm = d;
            best = n;
          }
        }
    if (best >= 0) g.edge(e, best, bestKm);
  }
  return g;
}

/** Russian railways (OSM-derived), line ends joined within 2 km. */
function railGraph(): Graph {
  return lineGraph(readJson('geo/russian-railways-osm/russian_railways_simplelines.geojson.gz').features, 2);
}

/** Natural Earth 10m river and lake centerlines, line ends joined within 5 km. */
function riverGraph(): Graph {
  return lineGraph(readJson('geo/natural-earth/ne_10m_rivers_lake_centerlines.json.gz').features, 5);
}

function seaGraph(net: string): Graph {
  const g = new Graph();
  const rel =
    net === '20'
      ? 'geo/marnet-eurostat/marnet_plus_20km.geojson.gz'
      : `geo/marnet-eurostat/marnet_plus_${net}km.geojson`;
  for (const f of readJson(rel).features) {
    for (const line of lineStrings(f)) {
      for (let i = 1; i < line.length; i++) {
        g.edge(
          g.node(line[i - 1]),
          g.node(line[i]),
          greatCircleKm(line[i - 1], line[i]),
          (f.properties.pass as string | null) ?? undefined,
        );
      }
    }
  }
  return g;
}

let atlasPlaces: Map<string, LonLat> | undefined;

async function resolvePoint(arg: string): Promise<{ label: string; at: LonLat }> {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(arg);
  if (m) return { label: arg, at: [Number(m[1]), Number(m[2])] };
  atlasPlaces ??= new Map(loadAtlas().atlas.places.map((p) => [p.id, p.coords as LonLat]));
  const place = atlasPlaces.get(arg);
  if (!place) throw new Error(`"${arg}" is neither an atlas place id nor "lon,lat"`);
  return { label: arg, at: place };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  const today = new Date().toISOString().slice(0, 10);
  if (cmd === 'gc') {
    const a = await resolvePoint(rest[0]);
    const b = await resolvePoint(rest[1]);
    const km = greatCircleKm(a.at, b.at);
    const factor = rest[2] ? Number(rest[2]) : 1;
    console.log(
      `${a.label} → ${b.label}: great-circle ${round1(km)} km; × ${factor} = ${Math.round(km * factor)} km`,
    );
  } else if (cmd === 'rail-ru' || cmd === 'river') {
    const a = await resolvePoint(rest[0]);
    const b = await resolvePoint(rest[1]);
    const g = cmd === 'rail-ru' ? graphOf('rail', railGraph) : graphOf('river', riverGraph);
    const sa = g.nearest(a.at);
    const sb = g.nearest(b.at);
    const r = g.shortest(sa.node, sb.node, () => false);
    console.log(
      `${a.label} → ${b.label}: ${round1(r.km)} km on ${cmd === 'rail-ru' ? 'OSM Russian railways' : 'Natural Earth 10m river centerlines'} (snaps ${round1(sa.km)} / ${round1(sb.km)} km, not counted; ${today})`,
    );
  } else if (cmd === 'sea') {
    const allowIdx = rest.indexOf('--allow');
    const allowed = new Set(allowIdx >= 0 ? rest[allowIdx + 1].split(',') : []);
    const netIdx = rest.indexOf('--net');
    const net = netIdx >= 0 ? rest[netIdx + 1] : '20';
    const a = await resolvePoint(rest[0]);
    const b = await resolvePoint(rest[1]);
    const g = graphOf(`sea-${net}`, () => seaGraph(net));
    const sa = g.nearest(a.at);
    const sb = g.nearest(b.at);
    const arctic = new Set(['northeast', 'northwest']);
    const r = g.shortest(
      sa.node,
      sb.node,
      (tag) => tag !== undefined && arctic.has(tag) && !allowed.has(tag),
    );
    const total = r.km + sa.km + sb.km;
    const passes = r.tags;
    console.log(
      `${a.label} → ${b.label}: ${round1(total)} km = ${round1(total / 1.852)} nm (MARNET ${net} km network ${round1(r.km)} km + access legs ${round1(sa.km)} + ${round1(sb.km)} km; passes: ${[...passes].join(', ') || 'none'}; ${today})`,
    );
  } else if (cmd === 'apportion') {
    const total = Number(rest[0]);
    const pts = await Promise.all(rest.slice(1).map(resolvePoint));
    const legs = pts.slice(1).map((p, i) => greatCircleKm(pts[i].at, p.at));
    const sum = legs.reduce((s, x) => s + x, 0);
    legs.forEach((l, i) => {
      console.log(
        `${pts[i].label} → ${pts[i + 1].label}: ${round1((total * l) / sum)} km (great-circle ${round1(l)} of ${round1(sum)} km)`,
      );
    });
  } else {
    console.error(
      'usage: atlas-lengths.ts gc|rail-ru|sea|apportion … (see the comment at the top of this file)',
    );
    process.exitCode = 2;
  }
}

const cache = new Map<string, Graph>();
const graphOf = (key: string, make: () => Graph) => {
  let g = cache.get(key);
  if (!g) {
    g = make();
    cache.set(key, g);
  }
  return g;
};

if (process.argv[2] === 'batch') {
  // One command per line (`#` starts a comment); graphs are built once.
  const lines = readFileSync(process.argv[3], 'utf8').split('\n');
  for (const line of lines) {
    const args = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (args.length > 0) await main(args);
  }
} else {
  await main(process.argv.slice(2));
}
