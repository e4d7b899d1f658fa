/**
 * Real-data checks of the atlas geography against `../shared/data/geo/`
 * (read at test time, never copied into the repository):
 *
 * 1. every place with a UN/LOCODE lies within 25 km of that code's
 *    coordinates, where the code list has them. Only coordinates from the
 *    UN/LOCODE list itself count: rows that Geoapify geocoded (`geocoded=true`
 *    in `un-locode/unlocode_geoapify_all.csv.gz`) are unverified guesses and
 *    are skipped. A code absent from the list is reported too (a typo, or a
 *    code newer than the 2024 list: then say so in the place's note).
 * 2. each side of each crossing lies within 15 km of the Natural Earth 10m
 *    land boundary between the two countries of the crossing
 *    (`natural-earth/ne_10m_admin_0_boundary_lines_land.json.gz`).
 * 3. every place lies in its country's Natural Earth 50m polygon
 *    (`ne_50m_admin_0_countries.json.gz`; the country code is ISO_A2, or
 *    WB_A2, or ADM0_A3 mapped through the ISO table where NE writes -99).
 *    The 50m polygons are generalised by several km, on the coast and on
 *    land borders alike (near Suifenhe even the 10m boundary runs 5 km west
 *    of the real one), so a seaport or a border town may fall just outside.
 *    The rule, for a place outside its own polygon: it passes when it lies
 *    within 10 km of its own country's polygon, and, when it lies inside no
 *    polygon at all (the sea side of a generalised coast), it is nearer to
 *    its own country's polygon than to any other's (a port is not put across
 *    a strait). A border town inside a neighbour's polygon needs only the
 *    10 km.
 *    Everything else fails.
 *
 * Each failure names the file, the record and the distance.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { bbox, booleanPointInPolygon, distance, lineString, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { beforeAll, expect, it } from 'vitest';
import { loadAtlas } from '../src/atlas/load.ts';
import type { Atlas, Place } from '../src/atlas/schema.ts';
import { describeShared, sharedData } from './shared.ts';

const UNLOCODE_KM = 25;
const BOUNDARY_KM = 15;
const COAST_KM = 10;

// ---------------------------------------------------------------- reading the shared data

function readText(rel: string): string {
  const buf = readFileSync(sharedData(rel));
  return (rel.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

/** RFC 4180 CSV → rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

interface LocodeEntry {
  name: string;
  lon: number;
  lat: number;
  geocoded: boolean;
}

function readUnlocode(): Map<string, LocodeEntry> {
  const out = new Map<string, LocodeEntry>();
  for (const r of csvObjects(readText('geo/un-locode/unlocode_geoapify_all.csv.gz'))) {
    if (!r.lat || !r.lon) {
      if (!out.has(r.country + r.location))
        out.set(r.country + r.location, {
          name: r.nameWoDiacritics,
          lon: Number.NaN,
          lat: Number.NaN,
          geocoded: false,
        });
      continue;
    }
    const code = r.country + r.location;
    const entry = {
      name: r.nameWoDiacritics,
      lon: Number(r.lon),
      lat: Number(r.lat),
      geocoded: r.geocoded === 'true',
    };
    const prior = out.get(code);
    // Prefer a coordinate from the code list itself over a geocoded one.
    if (!prior || Number.isNaN(prior.lon) || (prior.geocoded && !entry.geocoded)) out.set(code, entry);
  }
  return out;
}

/** ISO alpha-3 → alpha-2 from the country-code table. */
function readAlpha3(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of csvObjects(readText('geo/country-codes/country-codes.csv'))) {
    if (r['ISO3166-1-Alpha-3'] && r['ISO3166-1-Alpha-2'])
      out.set(r['ISO3166-1-Alpha-3'], r['ISO3166-1-Alpha-2']);
  }
  return out;
}

type CountryFeature = Feature<Polygon | MultiPolygon> & { a2: string; box: number[] };

function countryCode(p: Record<string, string>, alpha3: Map<string, string>): string {
  for (const v of [p.ISO_A2, p.WB_A2]) if (v && v !== '-99' && /^[A-Z]{2}$/.test(v)) return v;
  return alpha3.get(p.ADM0_A3) ?? alpha3.get(p.ISO_A3) ?? p.ADM0_A3;
}

// ---------------------------------------------------------------- geometry helpers (km)

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function distanceToRingsKm(p: Position, rings: Position[][]): number {
  let best = Number.POSITIVE_INFINITY;
  const pt = point(p);
  for (const ring of rings) {
    if (ring.length < 2) continue;
    best = Math.min(best, pointToLineDistance(pt, lineString(ring), { units: 'kilometers' }));
  }
  return best;
}

function distanceToLinesKm(p: Position, lines: Position[][]): number {
  return distanceToRingsKm(p, lines);
}

/** Whether a point is within `km` of a bounding box (a cheap pre-filter). */
function nearBox(p: Position, box: number[], km: number): boolean {
  const dLat = km / 111;
  const dLon = km / (111 * Math.max(0.1, Math.cos((p[1] * Math.PI) / 180)));
  return p[0] >= box[0] - dLon && p[0] <= box[2] + dLon && p[1] >= box[1] - dLat && p[1] <= box[3] + dLat;
}

const km1 = (x: number) => `${x.toFixed(1)} km`;

// ---------------------------------------------------------------- the checks, as functions of an atlas

interface Geo {
  locodes: Map<string, LocodeEntry>;
  alpha3: Map<string, string>;
  countries: CountryFeature[];
  /** Land boundary lines by sorted pair of alpha-2 codes, e.g. "CN-RU". */
  boundaries: Map<string, Position[][]>;
}

function loadGeo(): Geo {
  const alpha3 = readAlpha3();
  const countriesFc = JSON.parse(
    readText('geo/natural-earth/ne_50m_admin_0_countries.json.gz'),
  ) as FeatureCollection<Polygon | MultiPolygon>;
  const countries = countriesFc.features
    .filter((f) => f.geometry)
    .map((f) =>
      Object.assign(f, {
        a2: countryCode(f.properties as Record<string, string>, alpha3),
        box: bbox(f),
      }),
    );
  const lines = JSON.parse(
    readText('geo/natural-earth/ne_10m_admin_0_boundary_lines_land.json.gz'),
  ) as FeatureCollection<MultiLineString | { type: 'LineString'; coordinates: Position[] }>;
  const boundaries = new Map<string, Position[][]>();
  for (const f of lines.features) {
    if (!f.geometry) continue;
    const p = f.properties as Record<string, string>;
    const left = alpha3.get(p.adm0_a3_l) ?? p.adm0_a3_l;
    const right = alpha3.get(p.adm0_a3_r) ?? p.adm0_a3_r;
    const key = [left, right].sort().join('-');
    const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    boundaries.set(key, [...(boundaries.get(key) ?? []), ...parts]);
  }
  return { locodes: readUnlocode(), alpha3, countries, boundaries };
}

type FileOf = (list: 'places' | 'crossings', id: string) => string;

function unlocodeExceptions(atlas: Atlas, geo: Geo, fileOf: FileOf): string[] {
  const out: string[] = [];
  for (const p of atlas.places) {
    if (!p.unlocode) continue;
    const entry = geo.locodes.get(p.unlocode);
    if (!entry) {
      out.push(`${fileOf('places', p.id)}: ${p.id}: unlocode: ${p.unlocode} is not in the UN/LOCODE list`);
      continue;
    }
    if (Number.isNaN(entry.lon) || entry.geocoded) continue;
    const d = distance(p.coords, [entry.lon, entry.lat], { units: 'kilometers' });
    if (d > UNLOCODE_KM)
      out.push(
        `${fileOf('places', p.id)}: ${p.id}: coords [${p.coords}] are ${km1(d)} from UN/LOCODE ${p.unlocode} (${entry.name}) at [${entry.lon.toFixed(4)}, ${entry.lat.toFixed(4)}] (limit ${UNLOCODE_KM} km)`,
      );
  }
  return out;
}

function boundaryExceptions(atlas: Atlas, geo: Geo, fileOf: FileOf): string[] {
  const out: string[] = [];
  const places = new Map(atlas.places.map((p) => [p.id, p]));
  for (const c of atlas.crossings) {
    const sides = c.sides.map((s) => places.get(s));
    if (!sides[0] || !sides[1]) continue; // reported by `amur atlas validate`
    const key = [sides[0].country, sides[1].country].sort().join('-');
    const lines = geo.boundaries.get(key);
    if (!lines) {
      out.push(`${fileOf('crossings', c.id)}: ${c.id}: Natural Earth has no land boundary ${key}`);
      continue;
    }
    c.sides.forEach((s, i) => {
      const place = sides[i]!;
      const d = distanceToLinesKm(place.coords, lines);
      if (d > BOUNDARY_KM)
        out.push(
          `${fileOf('crossings', c.id)}: ${c.id}: sides[${i}] ${s} at [${place.coords}] is ${km1(d)} from the ${key} boundary (limit ${BOUNDARY_KM} km)`,
        );
    });
  }
  return out;
}

export type CountryVerdict =
  | { ok: true; how: 'inside' | 'coast' | 'border'; km: number }
  | { ok: false; why: string };

function countryVerdict(p: Place, geo: Geo): CountryVerdict {
  const pt = point(p.coords);
  const own = geo.countries.filter((f) => f.a2 === p.country);
  if (own.length === 0) return { ok: false, why: `Natural Earth has no polygon for country ${p.country}` };
  if (own.some((f) => nearBox(p.coords, f.box, 0) && booleanPointInPolygon(pt, f)))
    return { ok: true, how: 'inside', km: 0 };
  const dOwn = Math.min(...own.map((f) => distanceToRingsKm(p.coords, ringsOf(f.geometry))));
  const others = geo.countries.filter(
    (f) => f.a2 !== p.country && nearBox(p.coords, f.box, Math.max(dOwn, COAST_KM) + 1),
  );
  const inside = others.find((f) => booleanPointInPolygon(pt, f));
  if (inside) {
    // A border town inside a neighbour's generalised polygon: the tolerance alone decides.
    if (dOwn <= COAST_KM) return { ok: true, how: 'border', km: dOwn };
    return {
      ok: false,
      why: `lies inside ${inside.a2}, ${km1(dOwn)} from ${p.country} (limit ${COAST_KM} km)`,
    };
  }
  if (dOwn > COAST_KM)
    return { ok: false, why: `lies ${km1(dOwn)} outside ${p.country} (limit ${COAST_KM} km)` };
  const nearest = others
    .map((f) => ({ a2: f.a2, d: distanceToRingsKm(p.coords, ringsOf(f.geometry)) }))
    .sort((a, b) => a.d - b.d)[0];
  if (nearest && nearest.d <= dOwn)
    return {
      ok: false,
      why: `lies ${km1(dOwn)} outside ${p.country}, nearer to ${nearest.a2} (${km1(nearest.d)})`,
    };
  return { ok: true, how: 'coast', km: dOwn };
}

function countryExceptions(atlas: Atlas, geo: Geo, fileOf: FileOf): string[] {
  const out: string[] = [];
  for (const p of atlas.places) {
    const v = countryVerdict(p, geo);
    if (!v.ok) out.push(`${fileOf('places', p.id)}: ${p.id}: country ${p.country}: [${p.coords}] ${v.why}`);
  }
  return out;
}

// ---------------------------------------------------------------- tests

describeShared('atlas geography against Natural Earth and UN/LOCODE', () => {
  let geo: Geo;
  const loaded = loadAtlas();
  const atlas = loaded.atlas;
  const fileOf: FileOf = (list, id) => loaded.origins.get(`${list}:${id}`)?.file ?? '?';
  const mini = loadAtlas(new URL('../src/atlas/fixtures/mini/', import.meta.url).pathname).atlas;
  const miniFile: FileOf = (list) => `fixtures/mini/${list}.yaml`;

  beforeAll(() => {
    geo = loadGeo();
  });

  it('reads the shared data (self-check of the method on the fixture atlas)', () => {
    expect(geo.locodes.get('CNHEK')).toMatchObject({ name: 'Heihe', geocoded: false });
    expect(geo.boundaries.has('CN-RU')).toBe(true);
    expect(geo.countries.filter((f) => f.a2 === 'NO').length).toBe(1); // ISO_A2 is -99 for Norway in NE
    const harbin = mini.places.find((p) => p.id === 'harbin')!;
    expect(distanceToLinesKm(harbin.coords, geo.boundaries.get('CN-RU')!)).toBeGreaterThan(300);
    expect(countryVerdict(harbin, geo)).toEqual({ ok: true, how: 'inside', km: 0 });
    expect(countryVerdict({ ...harbin, country: 'RU' }, geo)).toMatchObject({ ok: false });
    expect(unlocodeExceptions(mini, geo, miniFile)).toEqual([]);
    // Grodekovo station (Pogranichny) is 17 km from the border: a true exception, reported with its distance.
    expect(boundaryExceptions(mini, geo, miniFile)).toEqual([
      'fixtures/mini/crossings.yaml: suifenhe-grodekovo: sides[1] grodekovo at [131.3756,44.4136] is 17.4 km from the CN-RU boundary (limit 15 km)',
    ]);
    // Suifenhe lies inside Russia's generalised 50m polygon, 3 km from China's.
    const suifenhe = mini.places.find((p) => p.id === 'suifenhe')!;
    expect(countryVerdict(suifenhe, geo)).toMatchObject({ ok: true, how: 'border' });
    expect(countryVerdict({ ...suifenhe, country: 'RU' }, geo)).toMatchObject({ ok: true, how: 'inside' });
    // Vladivostok's UN/LOCODE point falls in the sea of the 50m coast, nearest to Russia.
    const vladivostok = mini.places.find((p) => p.id === 'vladivostok')!;
    expect(countryVerdict(vladivostok, geo).ok).toBe(true);
    // A place moved 0.5° (≈ 55 km) away is caught by each check.
    const moved = {
      ...mini,
      places: mini.places.map((p) => ({
        ...p,
        coords: [p.coords[0] + 0.5, p.coords[1]] as [number, number],
      })),
    };
    expect(unlocodeExceptions(moved, geo, miniFile).join('\n')).toMatch(
      /heihe: coords \[127\.9833,50\.2333\] are \d+\.\d km from UN\/LOCODE CNHEK/,
    );
    expect(boundaryExceptions(moved, geo, miniFile).length).toBeGreaterThan(0);
  });

  it('the atlas has places and crossings to check', () => {
    expect(atlas.places.length).toBeGreaterThan(0);
    expect(atlas.crossings.length).toBeGreaterThan(0);
  });

  it(`every place with a UN/LOCODE lies within ${UNLOCODE_KM} km of the code's coordinates`, () => {
    expect(unlocodeExceptions(atlas, geo, fileOf)).toEqual([]);
  });

  it(`each crossing side lies within ${BOUNDARY_KM} km of the Natural Earth boundary between its countries`, () => {
    expect(boundaryExceptions(atlas, geo, fileOf)).toEqual([]);
  });

  it(`every place lies in its country's Natural Earth polygon (or within ${COAST_KM} km of it)`, () => {
    expect(countryExceptions(atlas, geo, fileOf)).toEqual([]);
  });
});
