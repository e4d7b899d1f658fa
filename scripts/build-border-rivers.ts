/**
 * Builds `data/geometry/border-rivers.geojson`: the border rivers and lakes of
 * the Amur basin for the offline basemap — the Amur (Heilong Jiang), Argun,
 * Ussuri, Songhua (with the Second Songhua), Sungacha, Tumen and Lake Khanka —
 * clipped to the border region and lightly simplified.
 *
 * Source: Natural Earth 10m "rivers and lake centerlines" and "lakes" v4.0.0
 * (public domain), read from `../shared/data/geo/natural-earth/` at build time.
 * The output records the source, version and licence in its `metadata`.
 *
 *   node bin/run-ts.js scripts/build-border-rivers.ts [--shared DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { bboxClip, simplify } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argShared = process.argv.indexOf('--shared');
const NE = resolve(
  argShared > 0
    ? process.argv[argShared + 1]
    : (process.env.AMUR_SHARED_DIR ?? resolve(REPO, '..', 'shared')),
  'data/geo/natural-earth',
);
export const BORDER_RIVERS_FILE = 'data/geometry/border-rivers.geojson';
/** The border region: lon 115…136, lat 40…54. */
const BBOX: [number, number, number, number] = [115, 40, 136, 54];

/** Natural Earth name → the name shown, with Chinese and Russian names (the rivers' common names). */
const RIVERS: Record<string, { en: string; zh: string; ru: string }> = {
  Amur: { en: 'Amur', zh: '黑龙江', ru: 'Амур' },
  'Heilong Jiang': { en: 'Amur', zh: '黑龙江', ru: 'Амур' },
  'Argun’': { en: 'Argun', zh: '额尔古纳河', ru: 'Аргунь' },
  Ussuri: { en: 'Ussuri', zh: '乌苏里江', ru: 'Уссури' },
  Songhua: { en: 'Songhua', zh: '松花江', ru: 'Сунгари' },
  'Di’er Songhua': { en: 'Second Songhua', zh: '第二松花江', ru: 'Второй Сунгари' },
  'Song’acha': { en: 'Sungacha', zh: '松阿察河', ru: 'Сунгача' },
  Tumen: { en: 'Tumen', zh: '图们江', ru: 'Туманная' },
};
const LAKES: Record<string, { en: string; zh: string; ru: string }> = {
  'Lake Khanka': { en: 'Lake Khanka', zh: '兴凯湖', ru: 'озеро Ханка' },
};

function read(name: string): FeatureCollection {
  const file = resolve(NE, name);
  const buf = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'));
}

const round = (g: LineString | MultiLineString | Polygon | MultiPolygon) =>
  JSON.parse(JSON.stringify(g, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));

function main(): void {
  const features: Feature[] = [];
  for (const f of read('ne_10m_rivers_lake_centerlines.json.gz').features) {
    const names = RIVERS[String(f.properties?.name ?? '')];
    if (!names || !f.geometry) continue;
    const clipped = bboxClip(f as Feature<LineString | MultiLineString>, BBOX);
    const g = clipped.geometry;
    if (g.type === 'LineString' ? g.coordinates.length < 2 : g.coordinates.every((l) => l.length < 2))
      continue;
    const simple = simplify(clipped, { tolerance: 0.005 });
    features.push({
      type: 'Feature',
      properties: { kind: 'river', name: names.en, name_zh: names.zh, name_ru: names.ru },
      geometry: round(simple.geometry),
    });
  }
  for (const f of read('ne_10m_lakes.json.gz').features) {
    const names = LAKES[String(f.properties?.name ?? '')];
    if (!names || !f.geometry) continue;
    const simple = simplify(f as Feature<Polygon | MultiPolygon>, { tolerance: 0.005 });
    features.push({
      type: 'Feature',
      properties: { kind: 'lake', name: names.en, name_zh: names.zh, name_ru: names.ru },
      geometry: round(simple.geometry),
    });
  }
  const out = {
    type: 'FeatureCollection',
    metadata: {
      title: 'Border rivers and lakes of the Amur basin (derived)',
      builtBy: 'scripts/build-border-rivers.ts',
      source: 'Natural Earth 10m rivers and lake centerlines, 10m lakes',
      version: 'Natural Earth v4.0.0 (martynafford/natural-earth-geojson, data from commit 9026645)',
      licence: 'public domain (Natural Earth)',
      bbox: BBOX,
    },
    features,
  };
  const file = resolve(REPO, BORDER_RIVERS_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out)}\n`);
  const count: Record<string, number> = {};
  for (const f of features) count[String(f.properties?.name)] = (count[String(f.properties?.name)] ?? 0) + 1;
  console.log(
    `${BORDER_RIVERS_FILE}: ${features.length} features (${Object.entries(count)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
}

main();
