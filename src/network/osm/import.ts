/**
 * `importOsm(files, options)`: OSM extracts → compiled network artefact.
 * Reads each file through osmium (osmium.ts), builds the compacted network
 * (build.ts), makes the profile graphs (profiles.ts) and their contraction
 * hierarchies, and writes the artefact with its manifest (artefact.ts).
 */
import { buildContractionHierarchy, type ContractionHierarchy } from '../../graph/ch.ts';
import {
  type NetworkManifest,
  networksDir,
  OSM_ATTRIBUTION,
  OSM_LICENCE,
  writeArtefact,
} from './artefact.ts';
import { type OsmNetwork, OsmNetworkBuilder } from './build.ts';
import { compactDegree2 } from './compact.ts';
import { type Clip, type OsmFileHeader, osmFileHeader, osmiumVersion, readOsm } from './osmium.ts';
import { type OsmProfile, PROFILES, profileGraph } from './profiles.ts';
import { EDGE_CLASSES } from './tags.ts';

export interface ImportOsmOptions {
  /** Network name (the artefact folder). */
  name: string;
  clip?: Clip;
  /** Text of `--clip` as given, for the manifest. */
  clipText?: string;
  /** Preprocess the contraction hierarchies (default true). */
  contract?: boolean;
  dir?: string;
  /** Told of each stage as it starts. */
  onStage?: (stage: string) => void;
}

export interface ImportOsmResult {
  path: string;
  manifest: Omit<NetworkManifest, 'network' | 'strings' | 'borders' | 'profiles'> & {
    profiles: Record<string, { unit: 'seconds' | 'metres'; arcs: number; excluded: Record<string, number> }>;
  };
  network: OsmNetwork;
  ch: Partial<Record<OsmProfile, ContractionHierarchy>>;
}

/** Imports OSM files into a named network artefact. */
export async function importOsm(files: string[], options: ImportOsmOptions): Promise<ImportOsmResult> {
  const stage = options.onStage ?? (() => {});
  const reader = osmiumVersion();
  const headers: OsmFileHeader[] = files.map((f) => osmFileHeader(f));
  const ms: Record<string, number> = {};
  let t = performance.now();
  const builder = new OsmNetworkBuilder();
  for (const f of files) {
    stage(`reading ${f}`);
    for await (const line of readOsm(f, options.clip)) builder.addOplLine(line);
  }
  ms.read = performance.now() - t;
  t = performance.now();
  stage('building the network');
  const { network, removedVertices } = compactDegree2(builder.finish());
  ms.build = performance.now() - t;
  const kmByClass: Record<string, number> = {};
  for (let e = 0; e < network.edgeCount; e++) {
    const c = EDGE_CLASSES[network.edgeClass[e]];
    kmByClass[c] = (kmByClass[c] ?? 0) + network.edgeMeters[e] / 1000;
  }
  for (const k of Object.keys(kmByClass)) kmByClass[k] = Math.round(kmByClass[k] * 1000) / 1000;
  const profiles: ImportOsmResult['manifest']['profiles'] = {};
  const ch: ImportOsmResult['ch'] = {};
  for (const p of PROFILES) {
    const pg = profileGraph(network, p);
    profiles[p] = { unit: pg.unit, arcs: pg.graph.targets.length, excluded: pg.excluded };
    if (options.contract !== false && pg.graph.targets.length > 0) {
      stage(`contracting the ${p} graph`);
      t = performance.now();
      ch[p] = buildContractionHierarchy(pg.graph);
      ms[`ch-${p}`] = performance.now() - t;
    }
  }
  let bbox: [number, number, number, number] | null = null;
  if (network.vertexCount > 0) {
    let w = Number.POSITIVE_INFINITY;
    let s = w;
    let e = -w;
    let n = -w;
    for (let i = 0; i < network.geomLon.length; i++) {
      const x = network.geomLon[i] / 1e7;
      const y = network.geomLat[i] / 1e7;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
    bbox = [w, s, e, n];
  }
  const manifest: ImportOsmResult['manifest'] = {
    format: 'amur-osm-network/1',
    name: options.name,
    createdAt: new Date().toISOString(),
    licence: OSM_LICENCE,
    attribution: OSM_ATTRIBUTION,
    reader,
    sources: headers,
    clip: options.clipText ?? null,
    counts: {
      ...builder.counts,
      vertices: network.vertexCount,
      degree2Joined: removedVertices,
      edges: network.edgeCount,
      borderNodes: network.borders.length,
      kmByClass,
    },
    bbox,
    profiles,
    importMs: Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v)])),
  };
  stage('writing the artefact');
  const path = writeArtefact(options.name, { manifest, network, ch }, options.dir ?? networksDir());
  return { path, manifest, network, ch };
}
