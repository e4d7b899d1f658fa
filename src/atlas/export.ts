/**
 * Export of the atlas as GeoJSON (RFC 7946) and CSV.
 *
 * Both formats share one definition of the columns of each record kind
 * (`EXPORT_COLUMNS`): a CSV file has one header per kind, and every GeoJSON
 * feature carries the same values as flat `properties` (strings, numbers,
 * booleans or null; lists joined with `;`). The columns are documented in
 * `docs/atlas.md` (a test keeps the two in step).
 *
 * Geometry (WGS 84, [lon, lat]):
 * - place → Point;
 * - crossing → Point at the geodesic midpoint of its two sides, or with
 *   `crossingGeometry: 'line'` a LineString joining them;
 * - link → LineString from `from` through `via` to `to`;
 * - zone → Point, MultiPoint of its member places, or Polygon
 *   (exterior ring counter-clockwise, holes clockwise, per RFC 7946 §3.1.6);
 * - corridor → MultiLineString of its links, in order.
 * Lines that cross the antimeridian are cut there into a MultiLineString
 * (RFC 7946 §3.1.9).
 */
import { midpoint } from '@turf/midpoint';
import { rewind } from '@turf/rewind';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { csvField } from '../csv-field.ts';
import { linkNames } from './gazetteer.ts';
import type { Atlas, Corridor, Crossing, Link, Place, RecordKind, Source, Zone } from './schema.ts';

export type ExportKind = RecordKind;
export const EXPORT_KINDS: readonly ExportKind[] = [
  'place',
  'crossing',
  'link',
  'zone',
  'corridor',
  'source',
];
/** Kinds with a geometry (sources have none and are exported as CSV only). */
export const GEO_KINDS: readonly ExportKind[] = ['place', 'crossing', 'link', 'zone', 'corridor'];

export type CellValue = string | number | boolean | null;

interface Ctx {
  atlas: Atlas;
  places: Map<string, Place>;
  links: Map<string, Link>;
  /** Real lines of links (from their `from` place to their `to` place), when the caller has them. */
  lines?: ReadonlyMap<string, readonly Position[]>;
}

export interface Column<T> {
  name: string;
  /** One line for docs/atlas.md. */
  doc: string;
  value: (rec: T, ctx: Ctx) => CellValue;
}

const list = (xs: readonly (string | number)[] | undefined): CellValue =>
  xs && xs.length > 0 ? xs.join(';') : null;
const opt = <V extends CellValue>(v: V | undefined): CellValue => (v === undefined ? null : v);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The last entry of a status history: the state as recorded most recently. */
function latestState(status: { state: string; from?: string }[] | undefined): string | null {
  return status && status.length > 0 ? status[status.length - 1].state : null;
}

function crossingMidpoint(c: Crossing, ctx: Ctx): Position | null {
  const a = ctx.places.get(c.sides[0]);
  const b = ctx.places.get(c.sides[1]);
  if (!a || !b) return null;
  return midpoint(a.coords, b.coords).geometry.coordinates.map(round6);
}

function corridorKm(c: Corridor, ctx: Ctx): number | null {
  let km = 0;
  for (const id of c.links) {
    const l = ctx.links.get(id);
    if (!l) return null;
    km += l.length.km;
  }
  return Math.round(km * 10) / 10;
}

function corridorKmBasis(c: Corridor, ctx: Ctx): CellValue {
  const bases = new Set(c.links.map((id) => ctx.links.get(id)?.length.basis));
  if (bases.has(undefined)) return null;
  return bases.size === 1 ? [...bases][0]! : 'mixed';
}

const names = <T extends { names: { en: string; zh: string; ru: string } }>(): Column<T>[] => [
  { name: 'name_en', doc: 'name in English', value: (r) => r.names.en },
  { name: 'name_zh', doc: 'name in Chinese', value: (r) => r.names.zh },
  { name: 'name_ru', doc: 'name in Russian', value: (r) => r.names.ru },
];

const idKind = <T extends { id: string }>(kind: ExportKind): Column<T>[] => [
  { name: 'id', doc: 'record id', value: (r) => r.id },
  { name: 'kind', doc: `record kind ("${kind}")`, value: () => kind },
];

const sourcesCol = <T extends { sources: string[] }>(): Column<T> => ({
  name: 'sources',
  doc: 'source ids of the record (`;`-separated)',
  value: (r) => list(r.sources),
});

export const PLACE_COLUMNS: Column<Place>[] = [
  ...idKind<Place>('place'),
  ...names<Place>(),
  { name: 'name_alt', doc: 'alternative spellings (`;`-separated)', value: (p) => list(p.names.alt) },
  { name: 'country', doc: 'ISO 3166-1 alpha-2 country code', value: (p) => p.country },
  { name: 'region', doc: 'ISO 3166-2 subdivision code', value: (p) => p.region },
  { name: 'lon', doc: 'longitude, degrees (WGS 84)', value: (p) => p.coords[0] },
  { name: 'lat', doc: 'latitude, degrees (WGS 84)', value: (p) => p.coords[1] },
  { name: 'timezone', doc: 'IANA time zone', value: (p) => p.timezone },
  {
    name: 'place_kinds',
    doc: 'what the place is: city, seaport, rail-station, …',
    value: (p) => list(p.kinds),
  },
  { name: 'capabilities', doc: 'cargo handled: container, bulk, …', value: (p) => list(p.capabilities) },
  { name: 'unlocode', doc: 'UN/LOCODE, 5 characters without the space', value: (p) => opt(p.unlocode) },
  { name: 'gauges', doc: 'rail gauges at the place, mm or "dual"', value: (p) => list(p.gauges) },
  { name: 'population', doc: 'population where given', value: (p) => opt(p.population) },
  sourcesCol<Place>(),
];

export const CROSSING_COLUMNS: Column<Crossing>[] = [
  ...idKind<Crossing>('crossing'),
  ...names<Crossing>(),
  { name: 'side_a', doc: 'place id of the first side', value: (c) => c.sides[0] },
  { name: 'side_b', doc: 'place id of the second side', value: (c) => c.sides[1] },
  {
    name: 'countries',
    doc: 'country codes of the two sides, in order (`;`-separated)',
    value: (c, ctx) => list(c.sides.map((s) => ctx.places.get(s)?.country ?? '?')),
  },
  {
    name: 'boundary',
    doc: 'boundary feature crossed: Amur, Ussuri, Argun, land, …',
    value: (c) => c.boundary,
  },
  {
    name: 'modes',
    doc: 'modes of the services: rail, road, river-cargo, … (distinct, `;`-separated)',
    value: (c) => list([...new Set(c.services.map((s) => s.mode))]),
  },
  {
    name: 'facilities',
    doc: 'facilities of the services: bridge, ferry, pontoon, ice-road, … (distinct)',
    value: (c) => list([...new Set(c.services.map((s) => s.facility))]),
  },
  {
    name: 'services',
    doc: 'each service as `id:latest state` (the last entry of its status history)',
    value: (c) => list(c.services.map((s) => `${s.id}:${latestState(s.status)}`)),
  },
  {
    name: 'seasonal',
    doc: 'true when some service runs in seasons only',
    value: (c) => c.services.some((s) => (s.calendar?.seasons?.length ?? 0) > 0),
  },
  {
    name: 'lon',
    doc: 'longitude of the midpoint of the sides',
    value: (c, ctx) => crossingMidpoint(c, ctx)?.[0] ?? null,
  },
  {
    name: 'lat',
    doc: 'latitude of the midpoint of the sides',
    value: (c, ctx) => crossingMidpoint(c, ctx)?.[1] ?? null,
  },
  sourcesCol<Crossing>(),
];

export const LINK_COLUMNS: Column<Link>[] = [
  ...idKind<Link>('link'),
  {
    name: 'name_en',
    doc: 'ends in English ("Harbin – Suifenhe")',
    value: (l, ctx) => linkNames(ctx.atlas, l).en,
  },
  { name: 'name_zh', doc: 'ends in Chinese', value: (l, ctx) => linkNames(ctx.atlas, l).zh },
  { name: 'name_ru', doc: 'ends in Russian', value: (l, ctx) => linkNames(ctx.atlas, l).ru },
  { name: 'from', doc: 'place id of one end', value: (l) => l.from },
  { name: 'to', doc: 'place id of the other end', value: (l) => l.to },
  { name: 'mode', doc: 'rail, road, river, sea, air, pipeline, power, cable', value: (l) => l.mode },
  { name: 'km', doc: 'length, km', value: (l) => l.length.km },
  { name: 'length_basis', doc: '"published" or "estimate"', value: (l) => l.length.basis },
  {
    name: 'length_method',
    doc: 'how an estimated length was made',
    value: (l) => (l.length.basis === 'estimate' ? l.length.method : null),
  },
  { name: 'bidirectional', doc: 'usable both ways', value: (l) => l.bidirectional },
  { name: 'gauge', doc: 'rail gauge, mm or "dual"', value: (l) => opt(l.gauge) },
  { name: 'traction', doc: 'electric, diesel, mixed', value: (l) => opt(l.traction) },
  { name: 'road_class', doc: 'expressway, national, regional, local', value: (l) => opt(l.roadClass) },
  { name: 'vessel', doc: 'vessel class on sea and river links', value: (l) => opt(l.vessel) },
  { name: 'line_en', doc: 'the named line or route, in English', value: (l) => opt(l.line?.en) },
  { name: 'line_zh', doc: 'the named line, in Chinese', value: (l) => opt(l.line?.zh) },
  { name: 'line_ru', doc: 'the named line, in Russian', value: (l) => opt(l.line?.ru) },
  {
    name: 'seasonal',
    doc: 'true when the link has a season (e.g. river navigation)',
    value: (l) => (l.calendar?.seasons?.length ?? 0) > 0,
  },
  {
    name: 'state',
    doc: 'latest state of its status history (null = no history: open)',
    value: (l) => latestState(l.status),
  },
  sourcesCol<Link>(),
];

export const ZONE_COLUMNS: Column<Zone>[] = [
  ...idKind<Zone>('zone'),
  ...names<Zone>(),
  {
    name: 'zone_kind',
    doc: 'free-trade-zone, advanced-development-territory, free-port, …',
    value: (z) => z.kind,
  },
  { name: 'country', doc: 'ISO 3166-1 alpha-2 country code', value: (z) => z.country },
  { name: 'parent', doc: 'parent zone id', value: (z) => opt(z.parent) },
  { name: 'area_km2', doc: 'area, km²', value: (z) => opt(z.areaKm2) },
  { name: 'established', doc: 'date established', value: (z) => opt(z.established) },
  { name: 'geometry_type', doc: 'point, places or polygon', value: (z) => z.geometry.type },
  {
    name: 'places',
    doc: 'member place ids (geometry "places")',
    value: (z) => (z.geometry.type === 'places' ? list(z.geometry.places) : null),
  },
  sourcesCol<Zone>(),
];

export const CORRIDOR_COLUMNS: Column<Corridor>[] = [
  ...idKind<Corridor>('corridor'),
  ...names<Corridor>(),
  { name: 'corridor_kind', doc: 'rail-route, land-sea-channel, sea-route, …', value: (c) => c.kind },
  { name: 'links', doc: 'link ids in order', value: (c) => list(c.links) },
  { name: 'crossings', doc: 'crossing ids in order', value: (c) => list(c.crossings) },
  { name: 'link_count', doc: 'number of links', value: (c) => c.links.length },
  { name: 'km', doc: 'sum of the link lengths, km', value: (c, ctx) => corridorKm(c, ctx) },
  {
    name: 'km_basis',
    doc: '"published", "estimate" or "mixed" (the bases of the link lengths)',
    value: (c, ctx) => corridorKmBasis(c, ctx),
  },
  sourcesCol<Corridor>(),
];

export const SOURCE_COLUMNS: Column<Source>[] = [
  ...idKind<Source>('source'),
  { name: 'title', doc: 'title', value: (s) => s.title },
  {
    name: 'source_kind',
    doc: 'paper, official, news, wiki, dataset, book, company, other',
    value: (s) => s.kind,
  },
  { name: 'author', doc: 'author(s)', value: (s) => opt(s.author) },
  { name: 'publisher', doc: 'publisher', value: (s) => opt(s.publisher) },
  { name: 'year', doc: 'year', value: (s) => opt(s.year) },
  { name: 'url', doc: 'URL', value: (s) => opt(s.url) },
  { name: 'doi', doc: 'DOI', value: (s) => opt(s.doi) },
  { name: 'lang', doc: 'language of the source (ISO 639-1)', value: (s) => opt(s.lang) },
  { name: 'accessed', doc: 'date accessed', value: (s) => opt(s.accessed) },
];

export const EXPORT_COLUMNS = {
  place: PLACE_COLUMNS,
  crossing: CROSSING_COLUMNS,
  link: LINK_COLUMNS,
  zone: ZONE_COLUMNS,
  corridor: CORRIDOR_COLUMNS,
  source: SOURCE_COLUMNS,
} as const;

const LIST_OF: Record<ExportKind, keyof Atlas> = {
  place: 'places',
  crossing: 'crossings',
  link: 'links',
  zone: 'zones',
  corridor: 'corridors',
  source: 'sources',
};

function context(atlas: Atlas): Ctx {
  return {
    atlas,
    places: new Map(atlas.places.map((p) => [p.id, p])),
    links: new Map(atlas.links.map((l) => [l.id, l])),
  };
}

function rowOf(kind: ExportKind, rec: unknown, ctx: Ctx): Record<string, CellValue> {
  const row: Record<string, CellValue> = {};
  for (const col of EXPORT_COLUMNS[kind] as Column<unknown>[]) row[col.name] = col.value(rec, ctx);
  return row;
}

// ---------------------------------------------------------------- geometry

/**
 * Splits a line where it crosses the antimeridian (a step of more than 180°
 * in longitude is taken to go the short way round, across ±180°).
 */
export function splitAtAntimeridian(line: Position[]): Position[][] {
  const parts: Position[][] = [];
  let current: Position[] = [];
  line.forEach((p, i) => {
    if (i > 0) {
      const a = line[i - 1];
      const dLon = p[0] - a[0];
      if (Math.abs(dLon) > 180) {
        const east = dLon < 0; // going east across +180 (e.g. 170 → -170)
        const bLon = east ? p[0] + 360 : p[0] - 360;
        const edge = east ? 180 : -180;
        const t = (edge - a[0]) / (bLon - a[0]);
        const lat = round6(a[1] + t * (p[1] - a[1]));
        current.push([edge, lat]);
        parts.push(current);
        current = [[-edge, lat]];
      }
    }
    current.push(p);
  });
  if (current.length > 0) parts.push(current);
  return parts.filter((part) => part.length >= 2);
}

function lineGeometry(parts: Position[][]): Geometry | null {
  if (parts.length === 0) return null;
  return parts.length === 1
    ? { type: 'LineString', coordinates: parts[0] }
    : { type: 'MultiLineString', coordinates: parts };
}

function linkLine(l: Link, ctx: Ctx): Position[][] {
  const real = ctx.lines?.get(l.id);
  if (real && real.length >= 2) return splitAtAntimeridian([...real]);
  const a = ctx.places.get(l.from);
  const b = ctx.places.get(l.to);
  if (!a || !b) return [];
  return splitAtAntimeridian([a.coords, ...(l.via ?? []), b.coords]);
}

function zoneGeometry(z: Zone, ctx: Ctx): Geometry | null {
  const g = z.geometry;
  if (g.type === 'point') return { type: 'Point', coordinates: g.coords };
  if (g.type === 'places') {
    const coords = g.places.map((id) => ctx.places.get(id)?.coords).filter((c): c is [number, number] => !!c);
    return coords.length > 0 ? { type: 'MultiPoint', coordinates: coords } : null;
  }
  const polygon: Polygon = { type: 'Polygon', coordinates: g.rings };
  return rewind(polygon, { mutate: false }) as Polygon;
}

function geometryOf(
  kind: ExportKind,
  rec: unknown,
  ctx: Ctx,
  crossingGeometry: 'point' | 'line',
): Geometry | null {
  switch (kind) {
    case 'place':
      return { type: 'Point', coordinates: (rec as Place).coords };
    case 'crossing': {
      const c = rec as Crossing;
      if (crossingGeometry === 'line') {
        const ends = c.sides.map((s) => ctx.places.get(s)?.coords);
        if (!ends[0] || !ends[1]) return null;
        return lineGeometry(splitAtAntimeridian([ends[0], ends[1]]));
      }
      const mid = crossingMidpoint(c, ctx);
      return mid ? { type: 'Point', coordinates: mid } : null;
    }
    case 'link':
      return lineGeometry(linkLine(rec as Link, ctx));
    case 'zone':
      return zoneGeometry(rec as Zone, ctx);
    case 'corridor': {
      const parts = (rec as Corridor).links.flatMap((id) => {
        const l = ctx.links.get(id);
        return l ? linkLine(l, ctx) : [];
      });
      return parts.length > 0 ? { type: 'MultiLineString', coordinates: parts } : null;
    }
    default:
      return null;
  }
}

export interface GeoJsonOptions {
  /** Kinds to export (default every kind with a geometry: place, crossing, link, zone, corridor). */
  kinds?: readonly ExportKind[];
  /** A crossing as the midpoint of its sides (default) or a line joining them. */
  crossingGeometry?: 'point' | 'line';
  /**
   * The real line of links that have one, keyed by link id (e.g. from
   * `linkDetail` in src/network/link-geometry.ts). When given, such links (and
   * the corridors through them) follow it, and every link feature carries
   * `geometryKind`: `measured` (its real line) or `schematic` (straight
   * between its places and `via` points).
   */
  linkLines?: ReadonlyMap<string, readonly Position[]>;
}

/**
 * The atlas as an RFC 7946 FeatureCollection: one feature per record, with
 * `id` = record id and flat `properties` (see `EXPORT_COLUMNS`). Records
 * whose geometry cannot be built (a link to an unknown place) are left out.
 */
export function atlasToGeoJSON(atlas: Atlas, opts: GeoJsonOptions = {}): FeatureCollection {
  const ctx: Ctx = { ...context(atlas), lines: opts.linkLines };
  const kinds = opts.kinds ?? GEO_KINDS;
  const features: Feature[] = [];
  for (const kind of kinds) {
    if (!GEO_KINDS.includes(kind))
      throw new Error(
        `kind "${kind}" has no geometry (GeoJSON kinds: ${GEO_KINDS.join(', ')}; use CSV for sources)`,
      );
    for (const rec of atlas[LIST_OF[kind]] as { id: string }[]) {
      const geometry = geometryOf(kind, rec, ctx, opts.crossingGeometry ?? 'point');
      if (!geometry) continue;
      const properties = rowOf(kind, rec, ctx);
      if (kind === 'link' && opts.linkLines)
        properties.geometryKind = (opts.linkLines.get(rec.id)?.length ?? 0) >= 2 ? 'measured' : 'schematic';
      features.push({ type: 'Feature', id: rec.id, geometry, properties });
    }
  }
  return { type: 'FeatureCollection', features };
}

// ---------------------------------------------------------------- CSV

/**
 * The records of one kind as CSV (RFC 4180: header line, CRLF line ends,
 * UTF-8; fields by the one writer, `csvField` of src/csv-field.ts). The
 * atlas's own curated text is written as it is (no spreadsheet-formula
 * guard: that is for imported, untrusted cells, `csvExportField`).
 */
export function atlasToCsv(atlas: Atlas, kind: ExportKind): string {
  const ctx = context(atlas);
  const cols = EXPORT_COLUMNS[kind] as Column<unknown>[];
  const lines = [cols.map((c) => csvField(c.name)).join(',')];
  for (const rec of atlas[LIST_OF[kind]] as unknown[]) {
    lines.push(cols.map((c) => csvField(c.value(rec, ctx))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Flat rows of one kind (the CSV columns as an object per record), e.g. for `list --json`. */
export function atlasRows(atlas: Atlas, kind: ExportKind): Record<string, CellValue>[] {
  const ctx = context(atlas);
  return (atlas[LIST_OF[kind]] as unknown[]).map((rec) => rowOf(kind, rec, ctx));
}
