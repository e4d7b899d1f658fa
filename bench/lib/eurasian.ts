/**
 * The Eurasian multimodal network of the matrix benchmark: the atlas, plus
 * real Russian railway stations as extra places (to reach 500 origins and
 * destinations), plus the two imported line networks of
 * `EURASIAN_LINE_NETWORKS` (OSM Russian railways, MARNET 20 km), compiled by
 * the router's `compileNetwork`. Read from `../shared/data`, never copied.
 *
 * The extra stations come from `geo/russian-railways-osm/stations.geojson`
 * (OSM-derived, ODbL), most important first (its `status` field), skipping
 * any within 5 km of an atlas place. They exist only in memory, for the
 * benchmark. Assumptions, stated because the file has no such data: each is a
 * 1520 mm rail station handling containers and bulk, in a time zone chosen by
 * longitude band (only the local departure hour depends on it).
 */
import { readFileSync } from 'node:fs';
import { loadAtlas } from '../../src/atlas/load.ts';
import type { Atlas, Place } from '../../src/atlas/schema.ts';
import { loadProfile } from '../../src/costs/profile.ts';
import { compileNetwork } from '../../src/network/compile.ts';
import { greatCircleKm } from '../../src/network/geodesy.ts';
import { type ImportReport, importEurasianNetworks } from '../../src/network/import-geojson.ts';
import type { Network } from '../../src/network/types.ts';
import { SHARED_DATA_DIR, sharedData } from './shared.ts';

export interface EurasianBuild {
  net: Network;
  /** The benchmark's origins/destinations: all atlas places, then stations, `count` in all. */
  placeIds: string[];
  reports: ImportReport[];
  extraStations: number;
  ms: { atlas: number; import: number; compile: number };
}

const TZ_BANDS: [number, string][] = [
  [23, 'Europe/Kaliningrad'],
  [50, 'Europe/Moscow'],
  [66, 'Asia/Yekaterinburg'],
  [80, 'Asia/Omsk'],
  [97, 'Asia/Krasnoyarsk'],
  [114, 'Asia/Irkutsk'],
  [130, 'Asia/Yakutsk'],
  [142, 'Asia/Vladivostok'],
  [180, 'Asia/Magadan'],
];

/** Station places from the OSM stations file, most important first, away from atlas places. */
export function stationPlaces(atlas: Atlas, count: number): Place[] {
  if (count <= 0) return [];
  const fc = JSON.parse(readFileSync(sharedData('geo/russian-railways-osm/stations.geojson'), 'utf8')) as {
    features: {
      properties: { name_ru: string | null; name_en: string | null; status: number | null };
      geometry: { coordinates: [number, number] } | null;
    }[];
  };
  const taken = new Set(atlas.places.map((p) => p.id));
  const out: Place[] = [];
  const features = fc.features
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.geometry && (f.properties.name_en || f.properties.name_ru))
    .sort((a, b) => (b.f.properties.status ?? 0) - (a.f.properties.status ?? 0) || a.i - b.i);
  for (const { f, i } of features) {
    if (out.length >= count) break;
    const coords = f.geometry!.coordinates;
    if (atlas.places.some((p) => greatCircleKm(p.coords, coords) < 5)) continue;
    const en = f.properties.name_en ?? f.properties.name_ru!;
    const slug = en
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    let id = `osm-station-${slug || i}`;
    if (taken.has(id)) id = `${id}-${i}`;
    taken.add(id);
    const timezone = TZ_BANDS.find(([maxLon]) => coords[0] < maxLon)?.[1] ?? 'Asia/Magadan';
    out.push({
      id,
      names: { en, zh: en, ru: f.properties.name_ru ?? en },
      country: 'RU',
      region: 'RU-MOW',
      coords,
      timezone,
      kinds: ['rail-station'],
      capabilities: ['container', 'bulk'],
      gauges: [1520],
      sources: ['osm-russian-railways-stations'],
      note: 'benchmark-only place from geo/russian-railways-osm/stations.geojson',
    });
  }
  return out;
}

/** Builds the Eurasian network with `count` places (atlas places first, then stations). */
export function buildEurasianNetwork(count = 500): EurasianBuild {
  let t = performance.now();
  const { atlas: base } = loadAtlas();
  const stations = stationPlaces(base, count - base.places.length);
  const atlas: Atlas = { ...base, places: [...base.places, ...stations] };
  const atlasMs = performance.now() - t;
  t = performance.now();
  const { overlays, reports } = importEurasianNetworks(SHARED_DATA_DIR, atlas);
  const importMs = performance.now() - t;
  t = performance.now();
  const net = compileNetwork(atlas, loadProfile(), { overlays });
  const compileMs = performance.now() - t;
  return {
    net,
    placeIds: atlas.places.slice(0, count).map((p) => p.id),
    reports,
    extraStations: stations.length,
    ms: { atlas: atlasMs, import: importMs, compile: compileMs },
  };
}
