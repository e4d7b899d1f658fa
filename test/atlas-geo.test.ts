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
 * Accepted exceptions (`GEO_EXCEPTIONS` below): a crossing side beyond the
 * 15 km, or a place outside its country beyond the 10 km, passes only when it
 * is listed there with its maximum accepted distance (the measured distance
 * rounded up to the next whole km), a one-line reason and the atlas source
 * ids that support it. `real-geography` entries are true distances (a river
 * checkpoint in a city away from the line); `open-gap` entries are positions
 * that no source gave yet (the record says so) and are to be removed when one
 * is found. The check fails when a listed distance grows beyond its maximum,
 * when the maximum is 1 km or more above the measured distance (tighten it),
 * when an exception is no longer needed or names no record, and when a cited
 * source does not exist; the accepted exceptions are printed with their
 * distances on every run.
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
import { parseCsvText } from '../src/trade/csv.ts';
import { describeShared, sharedData } from './shared.ts';

const UNLOCODE_KM = 25;
const BOUNDARY_KM = 15;
const COAST_KM = 10;

// ---------------------------------------------------------------- reading the shared data

function readText(rel: string): string {
  const buf = readFileSync(sharedData(rel));
  return (rel.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

interface LocodeEntry {
  name: string;
  lon: number;
  lat: number;
  geocoded: boolean;
}

function readUnlocode(): Map<string, LocodeEntry> {
  const out = new Map<string, LocodeEntry>();
  for (const r of parseCsvText(readText('geo/un-locode/unlocode_geoapify_all.csv.gz'))) {
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
  for (const r of parseCsvText(readText('geo/country-codes/country-codes.csv'))) {
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

/** One measured distance of one check: a crossing side to the boundary, or a place to its country. */
interface Measured {
  check: GeoCheck;
  /** The crossing id (boundary check) or the place id (country check). */
  record: string;
  /** The crossing's side, a place id (boundary check only). */
  side?: string;
  km: number;
  /** Beyond the check's limit. */
  over: boolean;
  /** The failure message when it is over and not accepted. */
  message: string;
}

type GeoCheck = 'boundary' | 'country';

/** Distance of every crossing side to the Natural Earth boundary between its countries. */
function boundaryMeasures(atlas: Atlas, geo: Geo, fileOf: FileOf): Measured[] {
  const out: Measured[] = [];
  const places = new Map(atlas.places.map((p) => [p.id, p]));
  for (const c of atlas.crossings) {
    const sides = c.sides.map((s) => places.get(s));
    if (!sides[0] || !sides[1]) continue; // reported by `amur atlas validate`
    const key = [sides[0].country, sides[1].country].sort().join('-');
    const lines = geo.boundaries.get(key);
    if (!lines) {
      out.push({
        check: 'boundary',
        record: c.id,
        km: Number.POSITIVE_INFINITY,
        over: true,
        message: `${fileOf('crossings', c.id)}: ${c.id}: Natural Earth has no land boundary ${key}`,
      });
      continue;
    }
    c.sides.forEach((s, i) => {
      const place = sides[i]!;
      const d = distanceToLinesKm(place.coords, lines);
      out.push({
        check: 'boundary',
        record: c.id,
        side: s,
        km: d,
        over: d > BOUNDARY_KM,
        message: `${fileOf('crossings', c.id)}: ${c.id}: sides[${i}] ${s} at [${place.coords}] is ${km1(d)} from the ${key} boundary (limit ${BOUNDARY_KM} km)`,
      });
    });
  }
  return out;
}

/** Crossing sides beyond the limit, before any accepted exception. */
function boundaryExceptions(atlas: Atlas, geo: Geo, fileOf: FileOf): string[] {
  return boundaryMeasures(atlas, geo, fileOf)
    .filter((m) => m.over)
    .map((m) => m.message);
}

export type CountryVerdict =
  | { ok: true; how: 'inside' | 'coast' | 'border'; km: number }
  | { ok: false; why: string; km?: number };

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
      km: dOwn,
    };
  }
  if (dOwn > COAST_KM)
    return { ok: false, why: `lies ${km1(dOwn)} outside ${p.country} (limit ${COAST_KM} km)`, km: dOwn };
  const nearest = others
    .map((f) => ({ a2: f.a2, d: distanceToRingsKm(p.coords, ringsOf(f.geometry)) }))
    .sort((a, b) => a.d - b.d)[0];
  if (nearest && nearest.d <= dOwn)
    return {
      ok: false,
      why: `lies ${km1(dOwn)} outside ${p.country}, nearer to ${nearest.a2} (${km1(nearest.d)})`,
      km: dOwn,
    };
  return { ok: true, how: 'coast', km: dOwn };
}

/** The country verdict of every place, as a distance (0 when inside its own polygon). */
function countryMeasures(atlas: Atlas, geo: Geo, fileOf: FileOf): Measured[] {
  return atlas.places.map((p) => {
    const v = countryVerdict(p, geo);
    return {
      check: 'country' as const,
      record: p.id,
      km: v.km ?? Number.POSITIVE_INFINITY,
      over: !v.ok,
      message: v.ok ? '' : `${fileOf('places', p.id)}: ${p.id}: country ${p.country}: [${p.coords}] ${v.why}`,
    };
  });
}

// ---------------------------------------------------------------- accepted exceptions

/**
 * A distance beyond a check's limit that is accepted, with its bound and reason.
 * `maxKm` is the measured distance rounded up to the next whole km.
 */
export interface GeoException {
  check: GeoCheck;
  /** The crossing id (boundary check) or the place id (country check). */
  record: string;
  /** The crossing's side (boundary check only). */
  side?: string;
  maxKm: number;
  /** `real-geography`: the distance is true. `open-gap`: the position is not yet sourced; remove when it is. */
  kind: 'real-geography' | 'open-gap';
  reason: string;
  /** Atlas source ids supporting the reason. */
  sources: string[];
}

export const GEO_EXCEPTIONS: readonly GeoException[] = [
  {
    check: 'boundary',
    record: 'fuyuan-khabarovsk',
    side: 'khabarovsk',
    maxKm: 37,
    kind: 'real-geography',
    reason:
      'the river checkpoint is on the Khabarovsk waterfront (floating debarkaders); the boundary runs along the Kazakevicheva channel south of Bolshoy Ussuriysky Island',
    sources: ['amurpress-47486', 'wiki-bolshoy-ussuriysky'],
  },
  {
    check: 'boundary',
    record: 'suifenhe-grodekovo',
    side: 'grodekovo',
    maxKm: 18,
    kind: 'real-geography',
    reason:
      'the rail checkpoint is at Grodekovo station, 10 km by rail from the Chinese border station; the NE 10m boundary runs about 5 km west of the real one here',
    sources: ['wiki-grodekovo-station', 'shiftingsands-suifenhe'],
  },
  {
    check: 'boundary',
    record: 'huma-ushakovo',
    side: 'ushakovo',
    maxKm: 28,
    kind: 'open-gap',
    reason:
      'rough third-party coordinates; the checkpoint is on the Amur opposite Huma, but no source gave the position of Ushakovo or its checkpoint',
    sources: ['gh-code-55809404828', 'rg-2006-priamurie-granica'],
  },
  {
    check: 'boundary',
    record: 'sunwu-konstantinovka',
    side: 'sunwu',
    maxKm: 39,
    kind: 'open-gap',
    reason:
      "the side is Sunwu county seat (UN/LOCODE CNSUW); the river port's position on the Amur was not found",
    sources: ['unlocode-geoapify', 'rg-2006-priamurie-granica'],
  },
  {
    check: 'boundary',
    record: 'hulin-markovo',
    side: 'hulin',
    maxKm: 37,
    kind: 'open-gap',
    reason:
      "the side is Hulin city (UN/LOCODE CNHUL); the Hulin port's position opposite Markovo was not found",
    sources: ['unlocode-geoapify', 'biang-2019-markovo'],
  },
  {
    check: 'boundary',
    record: 'suifenhe-pogranichny',
    side: 'pogranichny',
    maxKm: 18,
    kind: 'open-gap',
    reason:
      'the side is the settlement of Pogranichny; the road checkpoint (MAPP) is on the border by the Suifenhe gate, but its coordinates were not found',
    sources: ['gh-code-55809404828', 'biang-pogranichny-new-mapp'],
  },
  {
    check: 'country',
    record: 'markovo',
    maxKm: 12,
    kind: 'open-gap',
    reason:
      'rough third-party coordinates that fall inside China; the checkpoint is being built in the village of Markovo, whose position was not found',
    sources: ['gh-code-55809404828', 'eastrussia-markovo'],
  },
];

interface Judgement {
  failures: string[];
  accepted: { exception: GeoException; km: number }[];
}

const exceptionName = (e: GeoException) =>
  `GEO_EXCEPTIONS ${e.check} ${e.record}${e.side ? ` side ${e.side}` : ''}`;

/**
 * Applies the accepted exceptions to measured distances: what is over its
 * limit fails unless an exception bounds it; an exception fails when its
 * distance grew beyond `maxKm`, when `maxKm` is 1 km or more above the
 * distance, when it is no longer needed, when it names no record, or when it
 * cites an unknown source.
 */
function judge(measured: Measured[], exceptions: readonly GeoException[], sourceIds: Set<string>): Judgement {
  const failures: string[] = [];
  const accepted: Judgement['accepted'] = [];
  const keyOf = (x: { check: GeoCheck; record: string; side?: string }) =>
    `${x.check}|${x.record}|${x.side ?? ''}`;
  const byKey = new Map(exceptions.map((e) => [keyOf(e), e]));
  for (const m of measured) if (m.over && !byKey.has(keyOf(m))) failures.push(m.message);
  const measuredByKey = new Map(measured.map((m) => [keyOf(m), m]));
  for (const e of exceptions) {
    const name = exceptionName(e);
    for (const s of e.sources)
      if (!sourceIds.has(s)) failures.push(`${name}: source ${s} is not in data/atlas/sources`);
    const m = measuredByKey.get(keyOf(e));
    if (!m) {
      failures.push(
        `${name}: no such ${e.check === 'boundary' ? 'crossing side' : 'place'}; remove the exception`,
      );
      continue;
    }
    if (!m.over) {
      failures.push(`${name}: now ${km1(m.km)}, within the limit; remove the exception`);
      continue;
    }
    if (m.km > e.maxKm) failures.push(`${m.message}; beyond its accepted ${e.maxKm} km (${e.reason})`);
    else if (e.maxKm - m.km >= 1)
      failures.push(
        `${name}: maxKm ${e.maxKm} is 1 km or more above the measured ${km1(m.km)}; set it to ${Math.ceil(m.km)}`,
      );
    else accepted.push({ exception: e, km: m.km });
  }
  return { failures, accepted };
}

function formatAccepted(accepted: Judgement['accepted']): string {
  return accepted
    .map(
      ({ exception: e, km }) =>
        `  ${e.kind.padEnd(14)} ${e.check.padEnd(8)} ${`${e.record}${e.side ? ` / ${e.side}` : ''}`.padEnd(36)} ${km1(km).padStart(8)} (≤ ${e.maxKm} km): ${e.reason} [${e.sources.join(', ')}]`,
    )
    .join('\n');
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

  it('accepted exceptions bound a distance and fail when they grow, slacken, rot or cite nothing (fixture)', () => {
    const measured = boundaryMeasures(mini, geo, miniFile);
    const sources = new Set(mini.sources.map((s) => s.id));
    const source = mini.sources[0]!.id;
    const grodekovo: GeoException = {
      check: 'boundary',
      record: 'suifenhe-grodekovo',
      side: 'grodekovo',
      maxKm: 18,
      kind: 'real-geography',
      reason: 'rail checkpoint at the station',
      sources: [source],
    };
    // Accepted: the 17.4 km side passes, and is reported with its distance.
    const ok = judge(measured, [grodekovo], sources);
    expect(ok.failures).toEqual([]);
    expect(ok.accepted.map((a) => [a.exception.side, a.km.toFixed(1)])).toEqual([['grodekovo', '17.4']]);
    expect(formatAccepted(ok.accepted)).toMatch(/suifenhe-grodekovo \/ grodekovo\s+17\.4 km \(≤ 18 km\)/);
    // Without the exception the side fails as before.
    expect(judge(measured, [], sources).failures).toEqual(boundaryExceptions(mini, geo, miniFile));
    // The distance grew beyond the accepted maximum.
    expect(judge(measured, [{ ...grodekovo, maxKm: 17 }], sources).failures.join('\n')).toMatch(
      /grodekovo .* is 17\.4 km .*; beyond its accepted 17 km/,
    );
    // A maximum 1 km or more above the distance must be tightened.
    expect(judge(measured, [{ ...grodekovo, maxKm: 19 }], sources).failures.join('\n')).toMatch(
      /set it to 18/,
    );
    // An exception that is no longer needed, or names no record, or cites no known source.
    const suifenheSide = measured.find((m) => m.check === 'boundary' && m.side === 'suifenhe')!;
    const rot = judge(
      [...measured, ...countryMeasures(mini, geo, miniFile)],
      [
        grodekovo,
        { ...grodekovo, side: 'suifenhe' },
        { ...grodekovo, record: 'no-such-crossing' },
        { ...grodekovo, check: 'country', record: 'harbin', side: undefined, sources: ['no-such-source'] },
      ],
      sources,
    );
    expect(suifenheSide.over).toBe(false);
    expect(rot.failures.join('\n')).toMatch(
      /suifenhe-grodekovo side suifenhe: now \d+\.\d km, within the limit; remove/,
    );
    expect(rot.failures.join('\n')).toMatch(/no-such-crossing side grodekovo: no such crossing side; remove/);
    expect(rot.failures.join('\n')).toMatch(
      /country harbin: source no-such-source is not in data\/atlas\/sources/,
    );
    expect(rot.failures.join('\n')).toMatch(/country harbin: now 0\.0 km, within the limit; remove/);
  });

  it('the atlas has places and crossings to check', () => {
    expect(atlas.places.length).toBeGreaterThan(0);
    expect(atlas.crossings.length).toBeGreaterThan(0);
  });

  it(`every place with a UN/LOCODE lies within ${UNLOCODE_KM} km of the code's coordinates`, () => {
    expect(unlocodeExceptions(atlas, geo, fileOf)).toEqual([]);
  });

  it(`each crossing side lies within ${BOUNDARY_KM} km of the Natural Earth boundary between its countries, or is an accepted exception`, () => {
    const sources = new Set(atlas.sources.map((s) => s.id));
    const boundary = GEO_EXCEPTIONS.filter((e) => e.check === 'boundary');
    const { failures, accepted } = judge(boundaryMeasures(atlas, geo, fileOf), boundary, sources);
    console.info(`accepted crossing-side exceptions (limit ${BOUNDARY_KM} km):\n${formatAccepted(accepted)}`);
    expect(failures).toEqual([]);
  });

  it(`every place lies in its country's Natural Earth polygon (or within ${COAST_KM} km of it), or is an accepted exception`, () => {
    const sources = new Set(atlas.sources.map((s) => s.id));
    const country = GEO_EXCEPTIONS.filter((e) => e.check === 'country');
    const { failures, accepted } = judge(countryMeasures(atlas, geo, fileOf), country, sources);
    console.info(`accepted country exceptions (limit ${COAST_KM} km):\n${formatAccepted(accepted)}`);
    expect(failures).toEqual([]);
  });
});
