/**
 * The offline basemap, built once with the app instead of in every browser:
 * Natural Earth 1:50m countries (the `world-atlas` package, TopoJSON) turned
 * into GeoJSON (countries as polygons with their ISO 3166-1 numeric code,
 * international boundaries and the coastline as lines, each feature tagged
 * `layer`), continuous across the antimeridian. Two files at two levels of
 * detail:
 * - `detail`: coordinates rounded to 0.001° (the source is quantised to
 *   0.0036° × 0.0017°), drawn from zoom DETAIL_ZOOM on;
 * - `light`: the same topology with every arc simplified (Douglas–Peucker)
 *   and rounded to 0.01°, drawn below DETAIL_ZOOM: within LIGHT_TOLERANCE
 *   (about a pixel there) in and around the atlas's region, coarser
 *   (LIGHT_FAR_TOLERANCE) far from it, about a quarter of the bytes. Arcs
 *   are simplified once, before countries, boundaries and the coast are
 *   assembled from them, so neighbours keep one shared border.
 *
 * The page hands the files' URLs to MapLibre, whose worker fetches and parses
 * them: the main thread neither decodes TopoJSON nor copies a large object to
 * the worker. `virtual:amur-basemap` exports the URLs (hashed assets in the
 * build, middleware paths under `vite` dev).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { lineString, simplify } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import { unwrapAntimeridian } from './src/map/antimeridian.ts';

export type BasemapLayer = 'country' | 'boundary' | 'coast';
export interface BasemapProps {
  layer: BasemapLayer;
  name?: string;
  iso?: string;
}

/** Decimal places kept (0.001° ≈ 110 m, finer than the 1:50m source's grid). */
export const BASEMAP_DECIMALS = 3;

/**
 * The light basemap's simplification tolerance (degrees): one pixel is
 * 0.022° of longitude at zoom 5 (512 px tiles), so below DETAIL_ZOOM the
 * light outline departs from the detailed one by about a pixel at most.
 */
export const LIGHT_TOLERANCE = 0.02;
/**
 * The light basemap's tolerance far from the atlas's region (degrees): a
 * pixel at zoom 3, a few pixels just below DETAIL_ZOOM. An assumption: far
 * from the border, the map is context only.
 */
export const LIGHT_FAR_TOLERANCE = 0.1;
/** Decimal places of the light basemap (0.01°: half a pixel at zoom 5). */
export const LIGHT_DECIMALS = 2;

/**
 * Near the atlas's region: east of 70°E (or west of 170°W, Chukotka and the
 * Bering Sea across the antimeridian) and north of 15°N, generously around
 * the opening view (112–142°E, 38.5–54.5°N).
 */
export function nearRegion([lon, lat]: Position): boolean {
  return (lon >= 70 || lon <= -170) && lat >= 15;
}

/** How a basemap is built: decimals kept and, for the light one, the arcs' simplification tolerances (°). */
export interface BasemapDetail {
  decimals: number;
  /** Douglas–Peucker tolerance of an arc with a point near the region, and of one far from it. */
  tolerance?: { near: number; far: number };
}

const DETAIL: BasemapDetail = { decimals: BASEMAP_DECIMALS };
export const LIGHT: BasemapDetail = {
  decimals: LIGHT_DECIMALS,
  tolerance: { near: LIGHT_TOLERANCE, far: LIGHT_FAR_TOLERANCE },
};

const rounder = (decimals: number) => (x: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** A line or ring rounded, without repeated points; null when too few points remain. */
function roundLine(line: Position[], min: number, decimals = BASEMAP_DECIMALS): Position[] | null {
  const round = rounder(decimals);
  const out: Position[] = [];
  for (const p of line) {
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  // a closed line (an island's coast) needs a ring's four points, as its polygon does
  const first = out[0];
  const closed = out.length > 1 && first[0] === out[out.length - 1][0] && first[1] === out[out.length - 1][1];
  return out.length >= (closed ? Math.max(min, 4) : min) ? out : null;
}

function roundPolygon(rings: Position[][], decimals: number): Position[][] | null {
  const outer = roundLine(rings[0], 4, decimals);
  if (!outer) return null;
  return [
    outer,
    ...rings
      .slice(1)
      .map((r) => roundLine(r, 4, decimals))
      .filter((r) => r !== null),
  ];
}

/** The geometry with rounded coordinates (null when nothing drawable is left). */
export function roundGeometry(g: Geometry, decimals = BASEMAP_DECIMALS): Geometry | null {
  switch (g.type) {
    case 'LineString': {
      const c = roundLine(g.coordinates, 2, decimals);
      return c ? { type: 'LineString', coordinates: c } : null;
    }
    case 'MultiLineString': {
      const c = g.coordinates.map((l) => roundLine(l, 2, decimals)).filter((l) => l !== null);
      return c.length ? { type: 'MultiLineString', coordinates: c } : null;
    }
    case 'Polygon': {
      const c = roundPolygon(g.coordinates, decimals);
      return c ? { type: 'Polygon', coordinates: c } : null;
    }
    case 'MultiPolygon': {
      const c = g.coordinates.map((p) => roundPolygon(p, decimals)).filter((p) => p !== null);
      return c.length ? { type: 'MultiPolygon', coordinates: c } : null;
    }
    default:
      return g;
  }
}

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/**
 * The topology with every arc in absolute coordinates (the quantisation
 * undone) and simplified with Douglas–Peucker: at `tolerance.near` degrees
 * when a point of the arc is near the region, else at `tolerance.far`. An arc
 * keeps its two ends, so arcs still meet where they met, and a border two
 * countries share is one arc, simplified once for both.
 */
export function simplifyArcs(topo: Countries, tolerance: { near: number; far: number }): Countries {
  const [sx, sy] = topo.transform?.scale ?? [1, 1];
  const [tx, ty] = topo.transform?.translate ?? [0, 0];
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const line = arc.map(([a, b]) => {
      if (!topo.transform) return [a, b];
      x += a;
      y += b;
      return [x * sx + tx, y * sy + ty];
    });
    if (line.length <= 2) return line;
    const t = line.some(nearRegion) ? tolerance.near : tolerance.far;
    return simplify(lineString(line), { tolerance: t, highQuality: true }).geometry.coordinates;
  });
  const { transform: _quantised, ...rest } = topo;
  return { ...rest, arcs };
}

/** The basemap FeatureCollection from the world-atlas TopoJSON, at the detail asked for (the full one by default). */
export function buildBasemap(
  source: Countries,
  detail: BasemapDetail = DETAIL,
): FeatureCollection<Geometry, BasemapProps> {
  const topo = detail.tolerance === undefined ? source : simplifyArcs(source, detail.tolerance);
  const roundGeo = (g: Geometry) => roundGeometry(unwrapAntimeridian(g), detail.decimals);
  const features: Feature<Geometry, BasemapProps>[] = [];
  const raw = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  for (const f of raw.features) {
    if (!f.geometry) continue;
    const geometry = roundGeo(f.geometry);
    if (geometry)
      features.push({
        type: 'Feature',
        geometry,
        properties: { layer: 'country', name: f.properties.name, iso: String(f.id ?? '') },
      });
  }
  const lines: [BasemapLayer, (a: unknown, b: unknown) => boolean][] = [
    ['boundary', (a, b) => a !== b],
    ['coast', (a, b) => a === b],
  ];
  for (const [layer, filter] of lines) {
    const geometry = roundGeo(mesh(topo, topo.objects.countries, filter));
    if (geometry) features.push({ type: 'Feature', geometry, properties: { layer } });
  }
  return { type: 'FeatureCollection', features };
}

/** The basemap file's text at a level of detail, from the installed world-atlas package. */
export function basemapText(detail: BasemapDetail = DETAIL): string {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  return JSON.stringify(buildBasemap(topo, detail));
}

const VIRTUAL = 'virtual:amur-basemap';
/** The two files: asset name, dev-server path and how each is built. */
const FILES = {
  detail: { name: 'basemap.geojson', dev: '/@amur/basemap.geojson', build: DETAIL },
  light: { name: 'basemap-light.geojson', dev: '/@amur/basemap-light.geojson', build: LIGHT },
} as const;

/** `import { detail, light } from 'virtual:amur-basemap'`: the basemap files' URLs, assets of the build. */
export function basemapPlugin(): Plugin {
  let serve = false;
  const texts = new Map<keyof typeof FILES, string>();
  const get = (k: keyof typeof FILES) => {
    if (!texts.has(k)) texts.set(k, basemapText(FILES[k].build));
    return texts.get(k)!;
  };
  const keys = Object.keys(FILES) as (keyof typeof FILES)[];
  return {
    name: 'amur-basemap',
    configResolved(c) {
      serve = c.command === 'serve';
    },
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      return keys
        .map((k) => {
          if (serve) return `export const ${k} = ${JSON.stringify(FILES[k].dev)};`;
          const ref = this.emitFile({ type: 'asset', name: FILES[k].name, source: get(k) });
          return `export const ${k} = import.meta.ROLLUP_FILE_URL_${ref};`;
        })
        .join('\n');
    },
    configureServer(server) {
      for (const k of keys)
        server.middlewares.use(FILES[k].dev, (_req, res) => {
          res.setHeader('content-type', 'application/geo+json');
          res.end(get(k));
        });
    },
  };
}
