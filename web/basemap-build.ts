/**
 * The offline basemap, built once with the app instead of in every browser:
 * Natural Earth 1:50m countries (the `world-atlas` package, TopoJSON) turned
 * into one GeoJSON file (countries as polygons with their ISO 3166-1 numeric
 * code, international boundaries and the coastline as lines, each feature
 * tagged `layer`), continuous across the antimeridian and with coordinates
 * rounded to 0.001° (the source is quantised to 0.0036° × 0.0017°).
 *
 * The page hands the file's URL to MapLibre, whose worker fetches and parses
 * it: the main thread neither decodes TopoJSON nor copies a large object to
 * the worker. `virtual:amur-basemap` exports that URL (a hashed asset in the
 * build, a middleware path under `vite` dev).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const round = (x: number) => Math.round(x * 10 ** BASEMAP_DECIMALS) / 10 ** BASEMAP_DECIMALS;

/** A line or ring rounded, without repeated points; null when too few points remain. */
function roundLine(line: Position[], min: number): Position[] | null {
  const out: Position[] = [];
  for (const p of line) {
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out.length >= min ? out : null;
}

function roundPolygon(rings: Position[][]): Position[][] | null {
  const outer = roundLine(rings[0], 4);
  if (!outer) return null;
  return [
    outer,
    ...rings
      .slice(1)
      .map((r) => roundLine(r, 4))
      .filter((r) => r !== null),
  ];
}

/** The geometry with rounded coordinates (null when nothing drawable is left). */
export function roundGeometry(g: Geometry): Geometry | null {
  switch (g.type) {
    case 'LineString': {
      const c = roundLine(g.coordinates, 2);
      return c ? { type: 'LineString', coordinates: c } : null;
    }
    case 'MultiLineString': {
      const c = g.coordinates.map((l) => roundLine(l, 2)).filter((l) => l !== null);
      return c.length ? { type: 'MultiLineString', coordinates: c } : null;
    }
    case 'Polygon': {
      const c = roundPolygon(g.coordinates);
      return c ? { type: 'Polygon', coordinates: c } : null;
    }
    case 'MultiPolygon': {
      const c = g.coordinates.map(roundPolygon).filter((p) => p !== null);
      return c.length ? { type: 'MultiPolygon', coordinates: c } : null;
    }
    default:
      return g;
  }
}

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** The basemap FeatureCollection from the world-atlas TopoJSON. */
export function buildBasemap(topo: Countries): FeatureCollection<Geometry, BasemapProps> {
  const features: Feature<Geometry, BasemapProps>[] = [];
  const raw = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  for (const f of raw.features) {
    if (!f.geometry) continue;
    const geometry = roundGeometry(unwrapAntimeridian(f.geometry));
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
    const geometry = roundGeometry(unwrapAntimeridian(mesh(topo, topo.objects.countries, filter)));
    if (geometry) features.push({ type: 'Feature', geometry, properties: { layer } });
  }
  return { type: 'FeatureCollection', features };
}

/** The basemap file's text, from the installed world-atlas package. */
export function basemapText(): string {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  return JSON.stringify(buildBasemap(topo));
}

const VIRTUAL = 'virtual:amur-basemap';
const DEV_PATH = '/@amur/basemap.geojson';

/** `import url from 'virtual:amur-basemap'`: the basemap as an asset of the build. */
export function basemapPlugin(): Plugin {
  let serve = false;
  let text: string | null = null;
  const get = () => {
    text ??= basemapText();
    return text;
  };
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
      if (serve) return `export default ${JSON.stringify(DEV_PATH)};`;
      const ref = this.emitFile({ type: 'asset', name: 'basemap.geojson', source: get() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res) => {
        res.setHeader('content-type', 'application/geo+json');
        res.end(get());
      });
    },
  };
}
