/**
 * The offline basemap: Natural Earth 1:50m countries from the `world-atlas`
 * package, shipped with the app as a static file and turned into GeoJSON in
 * the browser (countries as polygons, international boundaries as lines).
 * No tiles, no glyph server.
 */
import type { FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export interface Basemap {
  /** Countries with `properties.iso` = ISO 3166-1 numeric code, e.g. "156". */
  countries: FeatureCollection<Geometry, { name: string; iso: string }>;
  boundaries: MultiLineString;
  coastline: MultiLineString;
}

export async function loadBasemap(): Promise<Basemap> {
  const res = await fetch(countriesUrl);
  if (!res.ok) throw new Error(`the basemap did not load (${res.status})`);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const raw = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const countries: Basemap['countries'] = {
    type: 'FeatureCollection',
    features: raw.features.map((f) => ({
      ...f,
      geometry: unwrapAntimeridian(f.geometry),
      properties: { ...f.properties, iso: String(f.id ?? '') },
    })),
  };
  const boundaries = unwrapAntimeridian(mesh(topo, topo.objects.countries, (a, b) => a !== b));
  const coastline = unwrapAntimeridian(mesh(topo, topo.objects.countries, (a, b) => a === b));
  return { countries, boundaries, coastline };
}

/**
 * Rings and lines that cross the antimeridian (Chukotka, Fiji) jump from
 * +180° to −180° and would be drawn as bands across the whole map: their
 * western-hemisphere points are moved east by 360°, so each ring stays
 * continuous (MapLibre draws longitudes beyond 180°).
 */
export function unwrapAntimeridian<G extends Geometry>(g: G): G {
  const jumps = (r: Position[]) => r.some((p, i) => i > 0 && Math.abs(p[0] - r[i - 1][0]) > 180);
  const ring = (r: Position[]): Position[] => {
    if (!jumps(r)) return r;
    const east = r.map((p) => (p[0] < 0 ? [p[0] + 360, ...p.slice(1)] : p));
    // a ring round the whole globe (Antarctica) cannot be unwrapped: it stays as it is
    return jumps(east) ? r : east;
  };
  switch (g.type) {
    case 'LineString':
      return { ...g, coordinates: ring(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map(ring)) };
    default:
      return g;
  }
}

/** The countries the atlas is about (ISO 3166-1 numeric), each with its own light fill. */
export const FOCUS_COUNTRIES = [
  { iso: '156', fill: '#f7efd9' },
  { iso: '643', fill: '#eaf0df' },
  { iso: '496', fill: '#f2e9e1' },
];
