/**
 * `importLineNetwork(fc, options) → { overlay, report }`: turns a GeoJSON line
 * network (LineStrings and MultiLineStrings: OSM railways, a maritime lane
 * network, roads) into a `LineNetworkOverlay` that `compileNetwork` adds to
 * the atlas network.
 *
 * Nodes are made at line endpoints, at vertices shared by two or more lines
 * (or met twice by one line), at the points where snapped endpoints land and
 * where atlas places join — not at every vertex: the vertices in between only
 * add their length to the edge that runs through them. An edge is the stretch
 * of a line between two consecutive nodes, its length the sum of the
 * great-circle (haversine) lengths of its segments.
 *
 * Lines that do not meet (the OSM Russian railways are not noded: a branch
 * starts near an interior vertex of another line, not on it) are joined by
 * snapping: every endpoint that no other line touches is connected to the
 * nearest vertex or segment point of another line within `snapKm`, by a
 * connector edge of that length (a segment point becomes a new vertex).
 *
 * Atlas places of the kind the mode serves (rail stations, yards and dry ports
 * for rail, seaports for sea, river ports for river, any place for road) are
 * joined to the nearest point of the network within `joinKm` — in the largest
 * connected component when it has one within reach, else in any — which then
 * becomes a node. A rail network of one gauge joins only places whose
 * `gauges` (when given) include it: a 1435 mm station across the river from
 * a 1520 mm line is reached through its crossing, not by a join.
 *
 * Edges carry a tag from a feature property (`pass` in the Eurostat MARNET
 * network: suez, panama, northeast, …); calendars given per tag make those
 * edges seasonal (the Northern Sea Route), read by the router at query time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeIssues } from '../atlas/problems.ts';
import { type Atlas, Calendar, type Gauge, Source } from '../atlas/schema.ts';
import { largestComponent, nodeComponents } from './import-geojson/components.ts';
import { type BuiltEdges, buildEdges } from './import-geojson/edges.ts';
import { LineNetworkError } from './import-geojson/error.ts';
import { joinPlaces } from './import-geojson/joins.ts';
import { featuresOf, readLines, tagPropertyOf } from './import-geojson/lines.ts';
import { NodedLines } from './import-geojson/noding.ts';
import { SegmentIndex } from './import-geojson/segment-index.ts';
import { type SnappingReport, snapDangling } from './import-geojson/snapping.ts';
import type { LineNetworkOverlay, OverlayMode } from './overlay.ts';

export { LineNetworkError } from './import-geojson/error.ts';
export { JOIN_KINDS } from './import-geojson/joins.ts';

export interface ImportLineNetworkOptions {
  /** Overlay id, e.g. "osm-russian-railways". */
  id: string;
  mode: OverlayMode;
  /** Rail gauge of the whole network (rail only). */
  gauge?: Gauge;
  /** Endpoints that touch no other line are snapped to another line within this distance (default 1 km). */
  snapKm?: number;
  /** Atlas places are joined to the nearest network point within this distance (default 20 km). */
  joinKm?: number;
  /** Atlas whose places are joined; none when absent. */
  atlas?: Atlas;
  /** Feature property holding the edge tag (default "pass" when features have it). */
  tagProperty?: string;
  /** Availability of tagged edges, by tag value. */
  tagCalendars?: Record<string, Calendar>;
  /** Where the data came from; `file` also names the input in error messages. */
  source: { title: string; licence: string; file: string };
}

export interface ImportReport {
  file: string;
  mode: OverlayMode;
  features: number;
  /** Features without a line geometry (null, Point, Polygon …): index and why. */
  skipped: { feature: number; reason: string }[];
  lines: number;
  vertices: number;
  nodes: number;
  edges: number;
  totalKm: number;
  /** Endpoints touching no other line, and what snapping did with them. */
  snapping: SnappingReport;
  /** Connected components of the overlay, largest first. */
  components: { count: number; sizes: number[]; largestShare: number; singletons: number };
  joins: { place: string; name: string; node: number; km: number; componentSize: number }[];
  /** Places of the kind this mode serves that found no network point within `joinKm`. */
  unjoined: string[];
  /** Rail places of the right kind left out because their gauges do not include the network's. */
  otherGauge: string[];
  joinKm: number;
  /** Number of edges per tag (untagged under ""). */
  tags: Record<string, number>;
  /** Ring lines that would make an edge from a node to itself (dropped). */
  droppedLoops: number;
}

/** A tag-calendar file (`data/networks/passages.yaml`): `{ sources: [Source], tags: { northeast: Calendar, … } }`. */
export const TagCalendarFile = z
  .object({
    sources: z.array(Source).default([]),
    tags: z.record(z.string().min(1), Calendar),
  })
  .strict();
export type TagCalendarFile = z.infer<typeof TagCalendarFile>;

/** The shipped tag calendars (MARNET passes: the Northern Sea Route season and others). */
export const DEFAULT_TAG_CALENDARS_FILE = fileURLToPath(
  new URL('../../data/networks/passages.yaml', import.meta.url),
);

/**
 * Reads a tag-calendar file; errors name the file and the field. Every source
 * id a calendar cites must be defined in the file's `sources`.
 */
export function loadTagCalendars(file: string = DEFAULT_TAG_CALENDARS_FILE): TagCalendarFile {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LineNetworkError(`${file}: cannot read as YAML (${(e as Error).message})`);
  }
  const r = TagCalendarFile.safeParse(raw, { reportInput: true });
  if (!r.success) throw schemaError(file, r.error.issues, tagCalendarRecord);
  const known = new Set(r.data.sources.map((src) => src.id));
  for (const [tag, cal] of Object.entries(r.data.tags)) {
    const refs = [
      ...(cal.sources ?? []),
      ...[...(cal.seasons ?? []), ...(cal.observed ?? []), ...(cal.closures ?? [])].flatMap(
        (x) => x.sources ?? [],
      ),
    ];
    for (const ref of refs) {
      if (!known.has(ref)) {
        throw new LineNetworkError(
          `${file}: tags.${tag}: source "${ref}" is not defined under sources (ids: ${[...known].join(', ')})`,
          { file, record: `tags.${tag}`, field: 'sources', valid: [...known] },
        );
      }
    }
  }
  return r.data;
}

/** Reads a GeoJSON file, gzip-compressed or not (by its first bytes). */
export function readGeoJsonFile(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new LineNetworkError(
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new LineNetworkError(
      `${file}: not valid JSON (${(e as Error).message}); expected a GeoJSON FeatureCollection`,
    );
  }
}

/**
 * Imports a line network; see the module comment. The stages: reading
 * (`import-geojson/lines.ts`), noding (`noding.ts`), the segment index
 * (`segment-index.ts`), snapping (`snapping.ts`), components
 * (`components.ts`), joins to atlas places (`joins.ts`), and building the
 * compacted edges (`edges.ts`). Throws `LineNetworkError` on malformed input.
 */
export function importLineNetwork(
  fc: unknown,
  options: ImportLineNetworkOptions,
): { overlay: LineNetworkOverlay; report: ImportReport } {
  const file = options.source.file;
  const snapKm = options.snapKm ?? 1;
  const joinKm = options.joinKm ?? 20;
  checkOptions(options, snapKm, joinKm);
  const features = featuresOf(fc, file);
  const read = readLines(features, file, tagPropertyOf(features, options.tagProperty));
  const noded = new NodedLines(read.vertices, read.parts);
  const index = new SegmentIndex(read.parts, read.vertices);
  const { connectors, snapping } = snapDangling(noded, index, snapKm);
  const inLargest = largestComponent(noded, connectors);
  const placed = joinPlaces(options.atlas, options.mode, options.gauge, joinKm, noded, index, inLargest);
  noded.spliceInserts();
  const built = buildEdges(noded, connectors, read.tags);
  const joins = placed.joins.map((j) => ({
    node: built.nodeOf(j.vertex),
    place: j.place.id,
    km: j.km,
    name: j.place.names.en,
  }));
  const components = nodeComponents(built.nodeLon.length, built.from, built.to);
  const overlay = overlayOf(options, built, read.tags, read.tagIndex, joins);
  const n = built.nodeLon.length;
  const { sizes } = components;
  const report: ImportReport = {
    file,
    mode: options.mode,
    features: features.length,
    skipped: read.skipped,
    lines: read.parts.length,
    vertices: noded.inputVertices,
    nodes: n,
    edges: built.from.length,
    totalKm: built.km.reduce((s, k) => s + k, 0),
    snapping,
    components: {
      count: sizes.length,
      sizes: sizes.slice(0, 10),
      largestShare: n > 0 ? sizes[0] / n : 0,
      singletons: sizes.filter((s) => s === 1).length,
    },
    joins: joins.map((j) => ({ ...j, componentSize: components.sizeOf(j.node) })),
    unjoined: placed.unjoined,
    otherGauge: placed.otherGauge,
    joinKm,
    tags: built.tagCounts,
    droppedLoops: built.droppedLoops,
  };
  return { overlay, report };
}

function checkOptions(options: ImportLineNetworkOptions, snapKm: number, joinKm: number): void {
  if (!(snapKm >= 0))
    throw new LineNetworkError(`snapKm = ${snapKm}: must be a number ≥ 0 (km)`, { parameter: 'snapKm' });
  if (!(joinKm >= 0))
    throw new LineNetworkError(`joinKm = ${joinKm}: must be a number ≥ 0 (km)`, { parameter: 'joinKm' });
  if (options.gauge !== undefined && options.mode !== 'rail') {
    throw new LineNetworkError(
      `gauge = ${options.gauge}: only a rail network has a gauge (mode is ${options.mode})`,
      { parameter: 'gauge' },
    );
  }
}

/** The overlay of the built network, with the calendars of the tags present. */
function overlayOf(
  options: ImportLineNetworkOptions,
  built: BuiltEdges,
  tags: string[],
  tagIndex: Map<string, number>,
  joins: { node: number; place: string; km: number }[],
): LineNetworkOverlay {
  const calendars: Record<string, Calendar> = {};
  for (const [tag, cal] of Object.entries(options.tagCalendars ?? {})) {
    if (tagIndex.has(tag)) calendars[tag] = cal;
  }
  return {
    id: options.id,
    mode: options.mode,
    gauge: options.gauge,
    nodes: { lon: Float64Array.from(built.nodeLon), lat: Float64Array.from(built.nodeLat) },
    edges: {
      from: Int32Array.from(built.from),
      to: Int32Array.from(built.to),
      km: Float64Array.from(built.km),
      tag: Int32Array.from(built.tag),
    },
    tags,
    tagCalendars: Object.keys(calendars).length > 0 ? calendars : undefined,
    joins: joins.map(({ node, place, km }) => ({ node, place, km })),
    source: options.source,
  };
}

/** At most this many schema problems are listed in one error. */
const MAX_LISTED = 10;

/**
 * A schema error naming the file, the record and the field of each problem
 * (by the shared describer of zod issues, `src/atlas/problems.ts`), one a
 * line. `recordOf` splits a field path into the record and the field in it.
 */
function schemaError(
  file: string,
  issues: z.core.$ZodIssue[],
  recordOf: (field: string) => [record: string, field: string],
): LineNetworkError {
  const problems = describeIssues(issues).map(([path, problem]) => {
    const [record, field] = recordOf(path);
    return { record, field: field || path, problem };
  });
  const lines = problems.slice(0, MAX_LISTED).map((p) => `${file}: ${p.record}: ${p.field}: ${p.problem}`);
  if (problems.length > MAX_LISTED)
    lines.push(`${file}: … and ${problems.length - MAX_LISTED} more problems`);
  const first = problems[0];
  return new LineNetworkError(lines.join('\n'), { file, record: first?.record, field: first?.field });
}

/** In a tag-calendar file the record is a tag (`tags.suez`) or a source (`sources[0]`); the field is the rest. */
function tagCalendarRecord(path: string): [string, string] {
  const m = /^(tags\.[^.[]+|sources\[\d+\])\.?(.*)$/.exec(path);
  return m ? [m[1], m[2] || '(record)'] : ['(file)', path];
}

/** Serialisable form of an overlay (typed arrays as plain arrays) for `--out FILE.json`. */
export function overlayToJson(o: LineNetworkOverlay): unknown {
  return {
    ...o,
    nodes: { lon: Array.from(o.nodes.lon), lat: Array.from(o.nodes.lat) },
    edges: {
      from: Array.from(o.edges.from),
      to: Array.from(o.edges.to),
      km: Array.from(o.edges.km),
      tag: Array.from(o.edges.tag),
    },
  };
}

const OverlayJson = z.object({
  id: z.string().min(1),
  mode: z.enum(['rail', 'road', 'sea', 'river']),
  gauge: z.union([z.literal(1435), z.literal(1520), z.literal(1067), z.literal('dual')]).optional(),
  nodes: z.object({ lon: z.array(z.number()), lat: z.array(z.number()) }),
  edges: z.object({
    from: z.array(z.number().int().min(0)),
    to: z.array(z.number().int().min(0)),
    km: z.array(z.number().min(0)),
    tag: z.array(z.number().int().min(0)),
  }),
  tags: z.array(z.string()),
  tagCalendars: z.record(z.string(), Calendar).optional(),
  joins: z.array(z.object({ node: z.number().int().min(0), place: z.string(), km: z.number().min(0) })),
  source: z.object({ title: z.string(), licence: z.string(), file: z.string() }),
});

/** Reads an overlay written by `overlayToJson`; errors name the file and the field. */
export function overlayFromJson(value: unknown, file: string): LineNetworkOverlay {
  const r = OverlayJson.safeParse(value, { reportInput: true });
  const id = (value as { id?: unknown } | null)?.id;
  const record = typeof id === 'string' && id ? `overlay ${id}` : 'overlay';
  if (!r.success) throw schemaError(file, r.error.issues, () => [record, '']);
  const o = r.data;
  const n = o.nodes.lon.length;
  for (const [field, list] of [
    ['edges.from', o.edges.from],
    ['edges.to', o.edges.to],
  ] as const) {
    const bad = list.findIndex((v) => v >= n);
    if (bad >= 0)
      throw new LineNetworkError(
        `${file}: ${record}: ${field}[${bad}] = ${list[bad]} is not a node index in 0…${n - 1}`,
        { file, record, field: `${field}[${bad}]`, valid: `0…${n - 1}` },
      );
  }
  return {
    ...o,
    nodes: { lon: Float64Array.from(o.nodes.lon), lat: Float64Array.from(o.nodes.lat) },
    edges: {
      from: Int32Array.from(o.edges.from),
      to: Int32Array.from(o.edges.to),
      km: Float64Array.from(o.edges.km),
      tag: Int32Array.from(o.edges.tag),
    },
  };
}

/** One real line network of the Eurasian graph, read from `../shared/data` (never copied into the repository). */
export interface LineNetworkSource {
  id: string;
  /** Path under the shared data directory. */
  path: string;
  mode: OverlayMode;
  gauge?: Gauge;
  snapKm: number;
  joinKm: number;
  title: string;
  licence: string;
}

/**
 * The line networks that, with the atlas crossings and Chinese lines, make the
 * Eurasian multimodal graph (see `../shared/data/geo/SOURCES.md`): the
 * OSM-derived Russian railways (1520 mm; not noded, hence the 1 km snap) and
 * the Eurostat MARNET maritime lanes at 20 km (ports lie off the lanes: joined
 * within 50 km).
 */
export const EURASIAN_LINE_NETWORKS: readonly LineNetworkSource[] = [
  {
    id: 'osm-russian-railways',
    path: 'geo/russian-railways-osm/russian_railways_simplelines.geojson.gz',
    mode: 'rail',
    gauge: 1520,
    snapKm: 1,
    joinKm: 20,
    title:
      'Russian railways, generalised lines (trolleway/russian-railways-simplegeodata, traced with BRouter over OSM)',
    licence: 'ODbL-1.0, © OpenStreetMap contributors',
  },
  {
    id: 'marnet-20km',
    path: 'geo/marnet-eurostat/marnet_plus_20km.geojson.gz',
    mode: 'sea',
    snapKm: 1,
    joinKm: 50,
    title: 'Eurostat SeaRoute maritime lane network (marnet_plus, 20 km)',
    licence: 'EUPL-1.2',
  },
];

/** Imports the Eurasian line networks from `dataDir` (the shared data directory) and joins them to the atlas. */
export function importEurasianNetworks(
  dataDir: string,
  atlas: Atlas,
  tagCalendars: Record<string, Calendar> = loadTagCalendars().tags,
): { overlays: LineNetworkOverlay[]; reports: ImportReport[] } {
  const overlays: LineNetworkOverlay[] = [];
  const reports: ImportReport[] = [];
  for (const src of EURASIAN_LINE_NETWORKS) {
    const file = join(dataDir, src.path);
    const { overlay, report } = importLineNetwork(readGeoJsonFile(file), {
      id: src.id,
      mode: src.mode,
      gauge: src.gauge,
      snapKm: src.snapKm,
      joinKm: src.joinKm,
      atlas,
      tagCalendars,
      source: { title: src.title, licence: src.licence, file },
    });
    overlays.push(overlay);
    reports.push(report);
  }
  return { overlays, reports };
}
