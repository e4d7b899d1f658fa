/**
 * Link geometry: the real line and measured length of atlas links, kept apart
 * from the atlas in a derived layer keyed by link id.
 *
 * The default layer, `data/geometry/links.geojson`, is built from open data
 * by `scripts/build-link-geometry.ts` (Russian rail links along the OSM-derived
 * Russian railways, river links along Natural Earth river centrelines, sea
 * links on the Eurostat MARNET lanes); an imported OSM network adds measured
 * road and rail links at query time (src/network/osm/detail.ts).
 *
 * `linkDetail(atlas, layer)` is what `compileNetwork` reads: for each link
 * with a line, its geometry, and — when the atlas length is an estimate — the
 * measured km in its place (a published length stays the link's km; the line
 * is drawn along the measured path). A link with no line is drawn straight
 * between its ends and marked schematic.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Atlas } from '../atlas/schema.ts';
import { cachedDerived } from '../disk-cache.ts';
import { AmurError } from '../errors.ts';

export const LINK_GEOMETRY_FILE = 'data/geometry/links.geojson';
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** One link's line, as the layer file holds it. */
export const LinkGeometryFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({
    link: z.string(),
    mode: z.string(),
    /** Length measured along the line (before simplification), km. */
    km: z.number().positive(),
    /** Atlas source id of the data the line follows. */
    source: z.string(),
    dataset: z.string(),
    licence: z.string(),
    method: z.string(),
  }),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(LonLat).min(2) }),
});

/** The layer: a GeoJSON FeatureCollection with a `metadata` member (datasets, versions, licences, links not measured). */
export const LinkGeometryLayer = z.object({
  type: z.literal('FeatureCollection'),
  metadata: z.object({
    title: z.string(),
    builtBy: z.string(),
    builtAt: z.string(),
    datasets: z.array(
      z.object({ id: z.string(), path: z.string(), version: z.string(), licence: z.string() }),
    ),
    notMeasured: z.array(z.object({ link: z.string(), why: z.string() })),
  }),
  features: z.array(LinkGeometryFeature),
});
export type LinkGeometryLayer = z.infer<typeof LinkGeometryLayer>;

/** What the network knows of a link beyond the atlas record. */
export interface LinkDetail {
  /** The line, [lon, lat] pairs, from the link's `from` place to its `to` place. */
  coords: [number, number][];
  /** km measured along the line. */
  measuredKm: number;
  /** The km the network uses: the measured km when the atlas only estimates it, else the atlas km. */
  km: number;
  /** True when `km` is measured (or published), false when it is still an estimate. */
  measured: boolean;
  /** Where the line comes from (dataset and licence), for display and attribution. */
  source: string;
}

const cache = new Map<string, LinkGeometryLayer | null>();

/** Reads a layer file (default: the shipped one); null when the default file is absent. Throws naming the feature and field when invalid. */
export function loadLinkGeometry(file?: string): LinkGeometryLayer | null {
  const path = resolve(REPO, file ?? LINK_GEOMETRY_FILE);
  if (cache.has(path)) return cache.get(path) ?? null;
  if (!existsSync(path)) {
    if (file) throw new AmurError('not-found', `${path}: no such link geometry file`, { file: path });
    cache.set(path, null);
    return null;
  }
  // parsed and checked once per version of the file (and of this module): src/disk-cache.ts
  let layer: LinkGeometryLayer;
  try {
    layer = cachedDerived('link-geometry', [path], [fileURLToPath(import.meta.url)], () =>
      LinkGeometryLayer.parse(JSON.parse(readFileSync(path, 'utf8'))),
    );
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    const i = e.issues[0];
    const where = i.path[0] === 'features' ? `feature ${String(i.path[1])}` : 'the file';
    throw new AmurError(
      'data',
      `${path}: ${where}, field ${i.path.slice(2).join('.') || i.path.join('.')}: ${i.message} (rebuild it: node bin/run-ts.js scripts/build-link-geometry.ts)`,
      { file: path, record: where, field: i.path.join('.') },
    );
  }
  cache.set(path, layer);
  return layer;
}

/** The detail of each atlas link the layer has a line for (lines of links not in the atlas are ignored). */
export function linkDetail(
  atlas: Atlas,
  layer: LinkGeometryLayer | null | undefined,
): Map<string, LinkDetail> {
  const out = new Map<string, LinkDetail>();
  if (!layer) return out;
  const byId = new Map(atlas.links.map((l) => [l.id, l]));
  for (const f of layer.features) {
    const link = byId.get(f.id);
    if (!link) continue;
    const estimate = link.length.basis === 'estimate';
    out.set(f.id, {
      coords: f.geometry.coordinates as [number, number][],
      measuredKm: f.properties.km,
      km: estimate ? f.properties.km : link.length.km,
      measured: true,
      source: `${f.properties.dataset} (${f.properties.licence})`,
    });
  }
  return out;
}

const FREIGHT_MODES = new Set(['rail', 'road', 'river', 'sea']);

/** Share of freight-link km (rail, road, river, sea) that is estimated, with and without a layer's measured lines. */
export function shareOfEstimatedKm(
  atlas: Atlas,
  layer: LinkGeometryLayer | null | undefined,
): { totalKm: number; estimatedKm: number; share: number } {
  const detail = linkDetail(atlas, layer);
  let total = 0;
  let est = 0;
  for (const l of atlas.links) {
    if (!FREIGHT_MODES.has(l.mode)) continue;
    const d = detail.get(l.id);
    const km = d?.km ?? l.length.km;
    total += km;
    if (l.length.basis === 'estimate' && !d) est += km;
  }
  return { totalKm: total, estimatedKm: est, share: total > 0 ? est / total : 0 };
}
