/**
 * The offline basemap: Natural Earth 1:50m countries from the `world-atlas`
 * package, turned into one GeoJSON file when the app is built
 * (web/basemap-build.ts: countries as polygons, international boundaries and
 * the coastline as lines, each feature tagged `layer`) and shipped with it.
 * MapLibre's worker fetches and parses it. No tiles, no glyph server.
 */
import basemapPath from 'virtual:amur-basemap';

export { unwrapAntimeridian } from './antimeridian.ts';

/** The basemap file's absolute URL (MapLibre's worker resolves no relative one). */
export function basemapUrl(): string {
  return new URL(basemapPath, window.location.href).href;
}

/** The countries the atlas is about (ISO 3166-1 numeric), each with its own light fill. */
export const FOCUS_COUNTRIES = [
  { iso: '156', fill: '#f7efd9' },
  { iso: '643', fill: '#eaf0df' },
  { iso: '496', fill: '#f2e9e1' },
];
