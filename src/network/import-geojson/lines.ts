/**
 * Line-network import, reading: the GeoJSON FeatureCollection checked and its
 * LineStrings and MultiLineStrings read into lines of vertex ids (a vertex per
 * distinct position, to 1e-6°; −180 and 180 are one meridian), each with the
 * tag of its feature. Features without a line geometry are skipped with the
 * reason; malformed ones throw `LineNetworkError` naming file, feature and
 * field.
 */
import { z } from 'zod';
import { LineNetworkError } from './error.ts';

/** Vertices whose coordinates agree to 1e-6° (≈ 0.1 m) are one vertex. */
const KEY_SCALE = 1e6;

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());

/** The vertex table: coordinates by vertex id; input positions are deduplicated, points added later are not. */
export class Vertices {
  readonly lon: number[] = [];
  readonly lat: number[] = [];
  private readonly byKey = new Map<string, number>();

  get count(): number {
    return this.lon.length;
  }

  /** The vertex at an input position (made on first use). */
  at(lon: number, lat: number): number {
    const l = lon === -180 ? 180 : lon; // one meridian, two spellings
    const key = `${Math.round(l * KEY_SCALE)},${Math.round(lat * KEY_SCALE)}`;
    let v = this.byKey.get(key);
    if (v === undefined) {
      v = this.add(l, lat);
      this.byKey.set(key, v);
    }
    return v;
  }

  /** A new vertex (a point inside a segment), not looked up by position. */
  add(lon: number, lat: number): number {
    this.lon.push(lon);
    this.lat.push(lat);
    return this.lon.length - 1;
  }
}

/** One line of the input: a LineString, or one line of a MultiLineString. */
export interface Part {
  feature: number;
  tag: number;
  /** Vertex ids along the line (no vertex twice in a row). */
  vertices: number[];
}

export interface ReadLines {
  vertices: Vertices;
  parts: Part[];
  /** Tag names by tag value (0 = untagged, ""). */
  tags: string[];
  tagIndex: Map<string, number>;
  /** Features without a usable line geometry: index and why. */
  skipped: { feature: number; reason: string }[];
}

/** The features of a GeoJSON FeatureCollection; throws naming the file when `fc` is none. */
export function featuresOf(fc: unknown, file: string): unknown[] {
  const root = fc as { type?: unknown; features?: unknown };
  if (
    !root ||
    typeof root !== 'object' ||
    root.type !== 'FeatureCollection' ||
    !Array.isArray(root.features)
  ) {
    throw new LineNetworkError(`${file}: expected a GeoJSON FeatureCollection with a "features" array`, {
      file,
    });
  }
  return root.features as unknown[];
}

/** The tag property: the one given, else "pass" when some feature has it (Eurostat MARNET), else none. */
export function tagPropertyOf(features: unknown[], given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const hasPass = features.some(
    (f) => (f as { properties?: Record<string, unknown> })?.properties?.pass !== undefined,
  );
  return hasPass ? 'pass' : undefined;
}

/** Reads the lines of every feature. */
export function readLines(features: unknown[], file: string, tagProperty: string | undefined): ReadLines {
  const out: ReadLines = {
    vertices: new Vertices(),
    parts: [],
    tags: [''],
    tagIndex: new Map<string, number>([['', 0]]),
    skipped: [],
  };
  features.forEach((raw, i) => {
    readFeature(out, raw, i, file, tagProperty);
  });
  return out;
}

type RawFeature = {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown };
  properties?: unknown;
};

function readFeature(
  out: ReadLines,
  raw: unknown,
  i: number,
  file: string,
  tagProperty: string | undefined,
): void {
  const f = raw as RawFeature;
  const where = `${file}: features[${i}]`;
  if (!f || typeof f !== 'object' || f.type !== 'Feature') {
    throw new LineNetworkError(`${where}: expected a GeoJSON Feature (type "Feature")`, {
      file,
      record: `features[${i}]`,
      field: 'type',
    });
  }
  const g = f.geometry;
  if (g === null || g === undefined) {
    out.skipped.push({ feature: i, reason: 'null geometry' });
    return;
  }
  let lines: unknown[];
  if (g.type === 'LineString') lines = [g.coordinates];
  else if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) lines = g.coordinates;
  else {
    out.skipped.push({
      feature: i,
      reason: `${String(g.type)} geometry (only LineString and MultiLineString are read)`,
    });
    return;
  }
  const tag = tagProperty ? tagOf(out, (f.properties as Record<string, unknown> | null)?.[tagProperty]) : 0;
  lines.forEach((coords, j) => {
    const field = g.type === 'LineString' ? 'geometry.coordinates' : `geometry.coordinates[${j}]`;
    const vs = lineVertices(out.vertices, coords, { file, record: `features[${i}]`, field });
    if (vs.length < 2) {
      out.skipped.push({ feature: i, reason: `${field}: fewer than two distinct positions` });
      return;
    }
    out.parts.push({ feature: i, tag, vertices: vs });
  });
}

/** The tag value of a property value (a new tag on first sight); 0 for none. */
function tagOf(out: ReadLines, value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  const name = String(value);
  let t = out.tagIndex.get(name);
  if (t === undefined) {
    t = out.tags.length;
    out.tags.push(name);
    out.tagIndex.set(name, t);
  }
  return t;
}

/** The vertex ids of one line's positions, repeated positions in a row once. */
function lineVertices(
  vertices: Vertices,
  coords: unknown,
  place: { file: string; record: string; field: string },
): number[] {
  const where = `${place.file}: ${place.record}.${place.field}`;
  if (!Array.isArray(coords)) {
    throw new LineNetworkError(`${where}: expected an array of [lon, lat] positions`, place);
  }
  const vs: number[] = [];
  coords.forEach((p, k) => {
    const r = Position.safeParse(p);
    if (!r.success) {
      throw new LineNetworkError(
        `${where}[${k}] = ${JSON.stringify(p)}: expected [lon, lat] with lon in −180…180 and lat in −90…90`,
        { ...place, field: `${place.field}[${k}]` },
      );
    }
    const v = vertices.at(r.data[0], r.data[1]);
    if (vs.length === 0 || vs[vs.length - 1] !== v) vs.push(v);
  });
  return vs;
}
