/**
 * Builds `data/geometry/links.geojson`: the real line and measured length of
 * every atlas link that open data lets us draw, keyed by link id (a derived,
 * clipped, attributed layer; the atlas itself is not changed).
 *
 * - rail links: shortest path on the OSM-derived Russian railway lines
 *   (`../shared/data/geo/russian-railways-osm/`, trolleway/russian-railways-
 *   simplegeodata, ODbL 1.0, © OpenStreetMap contributors) when both ends are
 *   within RAIL_SNAP_KM of a line;
 * - river links: shortest path along the Natural Earth 10m river and lake
 *   centerlines (public domain) when both ends are within RIVER_SNAP_KM;
 * - sea links: shortest path on the Eurostat MARNET 20 km lane network
 *   (EUPL-1.2), with great-circle access legs from the ports (counted), the
 *   Arctic passages closed unless the path through them is the one whose
 *   length matches the atlas (the Northern Sea Route links).
 *
 * A path is kept only when its length is within [MIN_RATIO, MAX_RATIO] of the
 * atlas km (a wrong branch or a detour through a missing junction is left
 * out and reported); a link with no kept path stays a straight, schematic line.
 * Lines are simplified (Douglas–Peucker, SIMPLIFY_DEG) after measuring.
 *
 *   node bin/run-ts.js scripts/build-link-geometry.ts [--shared DIR]
 *
 * Re-run it when the atlas links change; it prints the share of estimated km
 * before and after (link km counted once per link).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { simplify } from '@turf/turf';
import { loadAtlas } from '../src/atlas/load.ts';
import type { Link } from '../src/atlas/schema.ts';
import { buildCsr } from '../src/graph/csr.ts';
import { StaticShortestPath } from '../src/graph/static.ts';
import { greatCircleKm } from '../src/network/geodesy.ts';
import { LINK_GEOMETRY_FILE, LinkGeometryLayer, shareOfEstimatedKm } from '../src/network/link-geometry.ts';

type LonLat = [number, number];
const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argShared = process.argv.indexOf('--shared');
const SHARED = resolve(
  argShared > 0
    ? process.argv[argShared + 1]
    : (process.env.AMUR_SHARED_DIR ?? resolve(REPO, '..', 'shared')),
  'data',
);
const RAIL_SNAP_KM = 10;
const RIVER_SNAP_KM = 15;
const MIN_RATIO = 0.75;
const MAX_RATIO = 1.35;
const SIMPLIFY_DEG = 0.002;
interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

function readFeatures(rel: string): Feature[] {
  const file = resolve(SHARED, rel);
  const buf = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8')).features;
}

function lines(f: Feature): LonLat[][] {
  if (!f.geometry) return [];
  if (f.geometry.type === 'LineString') return [f.geometry.coordinates as LonLat[]];
  if (f.geometry.type === 'MultiLineString') return f.geometry.coordinates as LonLat[][];
  return [];
}

/** A line network with every vertex a node, line ends joined to another line's nearest vertex within `joinKm`. */
class LineGraph {
  coords: LonLat[] = [];
  private index = new Map<string, number>();
  from: number[] = [];
  to: number[] = [];
  km: number[] = [];
  tag: (string | null)[] = [];
  private grid = new Map<string, number[]>();
  private readonly cell = 0.1;
  private sp?: StaticShortestPath;
  private blockedSp = new Map<string, StaticShortestPath>();

  node(p: LonLat): number {
    const lon = p[0] === 180 ? -180 : p[0];
    const key = `${lon.toFixed(5)},${p[1].toFixed(5)}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.coords.length;
      this.index.set(key, i);
      this.coords.push([lon, p[1]]);
      const g = this.gridKey(lon, p[1]);
      const list = this.grid.get(g) ?? [];
      list.push(i);
      this.grid.set(g, list);
    }
    return i;
  }

  private gridKey(lon: number, lat: number): string {
    return `${Math.floor(lon / this.cell)},${Math.floor(lat / this.cell)}`;
  }

  edge(a: number, b: number, tag: string | null = null): void {
    if (a === b) return;
    this.from.push(a);
    this.to.push(b);
    this.km.push(greatCircleKm(this.coords[a], this.coords[b]));
    this.tag.push(tag);
  }

  static of(
    features: Feature[],
    joinKm: number,
    tagOf: (f: Feature) => string | null = () => null,
  ): LineGraph {
    const g = new LineGraph();
    const ends: { node: number; line: number }[] = [];
    const lineOf = new Map<number, Set<number>>();
    let li = 0;
    for (const f of features) {
      for (const line of lines(f)) {
        if (line.length < 2) continue;
        let prev = -1;
        for (const c of line) {
          const n = g.node(c);
          let s = lineOf.get(n);
          if (!s) {
            s = new Set();
            lineOf.set(n, s);
          }
          s.add(li);
          if (prev >= 0) g.edge(prev, n, tagOf(f));
          prev = n;
        }
        ends.push({ node: g.node(line[0]), line: li }, { node: g.node(line[line.length - 1]), line: li });
        li++;
      }
    }
    if (joinKm > 0) {
      for (const { node, line } of ends) {
        const near = g.nearest(
          g.coords[node],
          joinKm,
          (n) => !(lineOf.get(n)?.size === 1 && lineOf.get(n)?.has(line)),
        );
        if (near && near.node !== node) g.edge(node, near.node);
      }
    }
    return g;
  }

  nearest(
    p: LonLat,
    maxKm: number,
    ok: (n: number) => boolean = () => true,
  ): { node: number; km: number } | null {
    const cx = Math.floor(p[0] / this.cell);
    const cy = Math.floor(p[1] / this.cell);
    const rings = Math.ceil(maxKm / (this.cell * 111 * Math.max(0.2, Math.cos((p[1] * Math.PI) / 180)))) + 1;
    let best = -1;
    let bestKm = maxKm;
    for (let dx = -rings; dx <= rings; dx++)
      for (let dy = -rings; dy <= rings; dy++)
        for (const n of this.grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (!ok(n)) continue;
          const d = greatCircleKm(p, this.coords[n]);
          if (d < bestKm) {
            bestKm = d;
            best = n;
          }
        }
    return best >= 0 ? { node: best, km: bestKm } : null;
  }

  /** Shortest path (node list, km, tags passed); `blocked` tags are not used. */
  path(a: number, b: number, blocked: string[] = []): { nodes: number[]; km: number; tags: string[] } | null {
    const key = blocked.join(',');
    let sp = key === '' ? this.sp : this.blockedSp.get(key);
    if (!sp) {
      const keep = this.from.map((_, i) => !blocked.includes(this.tag[i] ?? ''));
      const idx = this.from.map((_, i) => i).filter((i) => keep[i]);
      const csr = buildCsr(
        this.coords.length,
        {
          from: idx.map((i) => this.from[i]),
          to: idx.map((i) => this.to[i]),
          weight: idx.map((i) => this.km[i]),
        },
        { undirected: true },
      );
      const arcIds = csr.arcIds.map((i) => idx[i]);
      sp = new StaticShortestPath({ ...csr, arcIds });
      if (key === '') this.sp = sp;
      else this.blockedSp.set(key, sp);
    }
    const r = sp.dijkstra(a, b);
    if (!Number.isFinite(r.distance)) return null;
    const tags = new Set<string>();
    for (const arc of r.arcs) {
      const t = this.tag[sp.graph.arcIds[arc]];
      if (t) tags.add(t);
    }
    return { nodes: r.nodes, km: r.distance, tags: [...tags] };
  }
}

interface Measured {
  link: string;
  mode: string;
  km: number;
  coords: LonLat[];
  dataset: string;
  source: string;
  licence: string;
  method: string;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function main(): void {
  const { atlas } = loadAtlas();
  const place = new Map(atlas.places.map((p) => [p.id, p.coords as LonLat]));
  const t0 = performance.now();
  const rail = LineGraph.of(
    readFeatures('geo/russian-railways-osm/russian_railways_simplelines.geojson.gz'),
    2,
  );
  const river = LineGraph.of(readFeatures('geo/natural-earth/ne_10m_rivers_lake_centerlines.json.gz'), 5);
  const sea = LineGraph.of(
    readFeatures('geo/marnet-eurostat/marnet_plus_20km.geojson.gz'),
    0,
    (f) => (f.properties.pass as string | null) ?? null,
  );
  console.error(
    `graphs: rail ${rail.coords.length} nodes, river ${river.coords.length}, sea ${sea.coords.length} (${round((performance.now() - t0) / 1000)} s)`,
  );
  const out: Measured[] = [];
  const skipped: { link: string; why: string }[] = [];
  const check = (link: Link, km: number): string | null => {
    const ratio = km / link.length.km;
    return ratio < MIN_RATIO || ratio > MAX_RATIO
      ? `path ${round(km)} km is ${round(ratio, 2)}× the atlas ${link.length.km} km (kept only within ${MIN_RATIO}–${MAX_RATIO}×)`
      : null;
  };
  for (const link of atlas.links) {
    const a = place.get(link.from);
    const b = place.get(link.to);
    if (!a || !b) continue;
    if (link.mode === 'rail' || link.mode === 'river') {
      const g = link.mode === 'rail' ? rail : river;
      const snapKm = link.mode === 'rail' ? RAIL_SNAP_KM : RIVER_SNAP_KM;
      const sa = g.nearest(a, snapKm);
      const sb = g.nearest(b, snapKm);
      if (!sa || !sb) {
        if (link.mode === 'river' || (sa ?? sb)) {
          skipped.push({
            link: link.id,
            why: `${sa ? link.to : link.from} is not within ${snapKm} km of a ${link.mode} line`,
          });
        }
        continue;
      }
      const p = g.path(sa.node, sb.node);
      if (!p) {
        skipped.push({ link: link.id, why: 'the snapped ends are not connected' });
        continue;
      }
      const bad = check(link, p.km);
      if (bad) {
        skipped.push({ link: link.id, why: bad });
        continue;
      }
      const isRail = link.mode === 'rail';
      out.push({
        link: link.id,
        mode: link.mode,
        km: p.km,
        coords: [a, ...p.nodes.map((n) => g.coords[n]), b],
        dataset: isRail
          ? 'russian-railways-osm (trolleway/russian-railways-simplegeodata, traced with BRouter over OSM)'
          : 'Natural Earth 10m rivers and lake centerlines v4.0.0',
        source: isRail ? 'osm-russian-railways' : 'natural-earth-rivers',
        licence: isRail ? 'ODbL 1.0, © OpenStreetMap contributors' : 'public domain (Natural Earth)',
        method: `shortest path along the lines between the points nearest to ${link.from} (${round(sa.km, 2)} km) and ${link.to} (${round(sb.km, 2)} km); the snap legs are drawn straight and not counted`,
      });
    } else if (link.mode === 'sea') {
      const sa = sea.nearest(a, 500);
      const sb = sea.nearest(b, 500);
      if (!sa || !sb) {
        skipped.push({ link: link.id, why: 'a port is more than 500 km from the MARNET network' });
        continue;
      }
      const closed = sea.path(sa.node, sb.node, ['northeast', 'northwest']);
      const open = sea.path(sa.node, sb.node);
      const total = (p: { km: number } | null) => (p ? p.km + sa.km + sb.km : Number.POSITIVE_INFINITY);
      // the atlas km says which route the link is: through the Arctic or not
      const p =
        open && Math.abs(total(open) - link.length.km) < Math.abs(total(closed) - link.length.km)
          ? open
          : closed;
      if (!p) {
        skipped.push({ link: link.id, why: 'no MARNET path' });
        continue;
      }
      const km = total(p);
      const bad = check(link, km);
      if (bad) {
        skipped.push({ link: link.id, why: bad });
        continue;
      }
      out.push({
        link: link.id,
        mode: 'sea',
        km,
        coords: [a, ...p.nodes.map((n) => sea.coords[n]), b],
        dataset: 'Eurostat SeaRoute MARNET 20 km (marnet_plus_20km), eurostat/searoute',
        source: 'eurostat-marnet',
        licence: 'EUPL-1.2 (Eurostat)',
        method: `shortest path on the lane network (${round(p.km)} km${p.tags.length ? `; passes ${p.tags.join(', ')}` : ''}) plus great-circle access legs from ${link.from} (${round(sa.km)} km) and ${link.to} (${round(sb.km)} km), counted`,
      });
    }
  }
  const features = out.map((m) => {
    // break lines at the antimeridian jump so GeoJSON viewers draw them the short way round
    const coords = m.coords.map(([x, y]) => [round(x, 5), round(y, 5)] as LonLat);
    const line = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'LineString' as const, coordinates: coords },
    };
    const simple = coords.length > 2 ? simplify(line, { tolerance: SIMPLIFY_DEG, highQuality: false }) : line;
    return {
      type: 'Feature' as const,
      id: m.link,
      properties: {
        link: m.link,
        mode: m.mode,
        km: round(m.km, 1),
        source: m.source,
        dataset: m.dataset,
        licence: m.licence,
        method: m.method,
      },
      geometry: simple.geometry,
    };
  });
  const layer = LinkGeometryLayer.parse({
    type: 'FeatureCollection',
    metadata: {
      title: 'Atlas links along open line data (derived)',
      builtBy: 'scripts/build-link-geometry.ts',
      builtAt: new Date().toISOString(),
      datasets: [
        {
          id: 'osm-russian-railways',
          path: 'geo/russian-railways-osm/russian_railways_simplelines.geojson.gz',
          version: 'trolleway/russian-railways-simplegeodata@bd706838ea70bb20b8bcae90bb7f64206ab90e41',
          licence: 'ODbL 1.0, © OpenStreetMap contributors',
        },
        {
          id: 'natural-earth-rivers',
          path: 'geo/natural-earth/ne_10m_rivers_lake_centerlines.json.gz',
          version: 'Natural Earth v4.0.0 (martynafford/natural-earth-geojson)',
          licence: 'public domain',
        },
        {
          id: 'eurostat-marnet',
          path: 'geo/marnet-eurostat/marnet_plus_20km.geojson.gz',
          version: 'eurostat/searoute@88a2e568a8e0144d1f5a81c3931a7bc2bcce6901',
          licence: 'EUPL-1.2',
        },
      ],
      notMeasured: skipped,
    },
    features,
  });
  const file = resolve(REPO, LINK_GEOMETRY_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(layer)}\n`);
  const before = shareOfEstimatedKm(atlas, undefined);
  const after = shareOfEstimatedKm(atlas, layer);
  const byMode: Record<string, number> = {};
  for (const f of features) byMode[f.properties.mode] = (byMode[f.properties.mode] ?? 0) + 1;
  console.log(
    `${LINK_GEOMETRY_FILE}: ${features.length} links with a real line (${Object.entries(byMode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}); ${skipped.length} left schematic with a reason:`,
  );
  for (const s of skipped) console.log(`  ${s.link}: ${s.why}`);
  console.log(
    `estimated km: ${round(100 * before.share)}% of ${Math.round(before.totalKm)} km before, ${round(100 * after.share)}% after (freight links: rail, road, river, sea)`,
  );
  for (const mode of ['rail', 'road', 'river', 'sea']) {
    const sub = { ...atlas, links: atlas.links.filter((l) => l.mode === mode) };
    const b0 = shareOfEstimatedKm(sub, undefined);
    const a0 = shareOfEstimatedKm(sub, layer);
    console.log(
      `  ${mode}: ${round(100 * b0.share)}% of ${Math.round(b0.totalKm)} km estimated before, ${round(100 * a0.share)}% after`,
    );
  }
}

main();
