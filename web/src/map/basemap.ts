/**
 * The offline basemap: Natural Earth 1:50m countries from the `world-atlas`
 * package, shipped with the app as a static file and turned into GeoJSON in
 * the browser (countries as polygons, international boundaries as lines).
 * No tiles, no glyph server.
 */
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
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
    features: raw.features.map((f) => ({ ...f, properties: { ...f.properties, iso: String(f.id ?? '') } })),
  };
  const boundaries = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const coastline = mesh(topo, topo.objects.countries, (a, b) => a === b);
  return { countries, boundaries, coastline };
}

/** The countries the atlas is about (ISO 3166-1 numeric), each with its own light fill. */
export const FOCUS_COUNTRIES = [
  { iso: '156', fill: '#f7efd9' },
  { iso: '643', fill: '#eaf0df' },
  { iso: '496', fill: '#f2e9e1' },
];
