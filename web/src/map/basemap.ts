/**
 * The offline basemap: Natural Earth 1:50m countries from the `world-atlas`
 * package, turned into GeoJSON when the app is built (web/basemap-build.ts:
 * countries as polygons, international boundaries and the coastline as
 * lines, each feature tagged `layer`) and shipped with it, at two levels of
 * detail: a light file drawn below DETAIL_ZOOM (the opening view) and the
 * full one from DETAIL_ZOOM on, fetched once the first view is drawn.
 * MapLibre's worker fetches and parses both. No tiles, no glyph server.
 */

import { detail, light } from 'virtual:amur-basemap';
import type * as maplibregl from 'maplibre-gl';

export { unwrapAntimeridian } from './antimeridian.ts';

/**
 * The zoom from which the full 1:50m basemap is drawn; below it, the light
 * one (simplified to within about a pixel at this zoom, web/basemap-build.ts).
 */
export const DETAIL_ZOOM = 5;

/** The basemap files' absolute URLs (MapLibre's worker resolves no relative one). */
export function basemapUrls(): { light: string; detail: string } {
  const abs = (path: string) => new URL(path, window.location.href).href;
  return { light: abs(light), detail: abs(detail) };
}

/** The countries the atlas is about (ISO 3166-1 numeric), each with its own light fill. */
export const FOCUS_COUNTRIES = [
  { iso: '156', fill: '#f7efd9' },
  { iso: '643', fill: '#eaf0df' },
  { iso: '496', fill: '#f2e9e1' },
];

/** The sources of the two levels and the ids of their layers (countries, coast, boundaries). */
export const BASEMAP_LEVELS = {
  light: { source: 'basemap', layers: ['countries', 'coast', 'boundaries'] },
  detail: { source: 'basemap-detail', layers: ['countries-detail', 'coast-detail', 'boundaries-detail'] },
} as const;

/**
 * The layers of one level of the basemap: country fills (the focus countries
 * in their own colours), the coastline and the international boundaries,
 * added under `before` when given, drawn from `minzoom` on.
 */
export function addBasemapLayers(
  m: maplibregl.Map,
  level: keyof typeof BASEMAP_LEVELS,
  opts: { minzoom?: number; before?: string } = {},
): void {
  const { source, layers } = BASEMAP_LEVELS[level];
  const [countries, coast, boundaries] = layers;
  const zoom = opts.minzoom === undefined ? {} : { minzoom: opts.minzoom };
  const layer = (name: string): maplibregl.FilterSpecification => ['==', ['get', 'layer'], name];
  m.addLayer(
    {
      id: countries,
      type: 'fill',
      source,
      filter: layer('country'),
      ...zoom,
      paint: {
        'fill-color': [
          'match',
          ['get', 'iso'],
          ...FOCUS_COUNTRIES.flatMap((c) => [c.iso, c.fill]),
          '#e9e9e4',
        ] as unknown as maplibregl.ExpressionSpecification,
      },
    },
    opts.before,
  );
  m.addLayer(
    {
      id: coast,
      type: 'line',
      source,
      filter: layer('coast'),
      ...zoom,
      paint: { 'line-color': '#8fb3c4', 'line-width': 0.6 },
    },
    opts.before,
  );
  m.addLayer(
    {
      id: boundaries,
      type: 'line',
      source,
      filter: layer('boundary'),
      ...zoom,
      paint: {
        'line-color': '#8a7f8d',
        'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.6],
      },
    },
    opts.before,
  );
}
