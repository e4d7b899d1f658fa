/**
 * The compiled network artefact of an OSM import: a folder
 * `<networks dir>/<name>/` holding
 *
 * - `manifest.json` — what it is (schema `NetworkManifest`): source files with
 *   their replication timestamps, clip, counts, the licence and attribution,
 *   and the index of every typed array in the binary files;
 * - `network.bin` — the network's typed arrays (vertices, edges, geometry);
 * - `ch-<profile>.bin` — the contraction hierarchy of each routing profile,
 *   preprocessed once at import and read back by queries (the CH cache).
 *
 * The networks directory is `$AMUR_NETWORKS_DIR`, else
 * `$XDG_DATA_HOME/amur/networks`, else `~/.local/share/amur/networks`.
 * Writing goes to a temporary sibling folder renamed into place at the end, so
 * a failed import leaves nothing half-written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AmurError } from '../../errors.ts';
import { type ContractionHierarchy, chFromArrays, chToArrays } from '../../graph/ch.ts';
import type { OsmNetwork } from './build.ts';
import { type OsmProfile, PROFILES } from './profiles.ts';

export const OSM_LICENCE = '© OpenStreetMap contributors, ODbL 1.0';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

const TYPES = {
  Float64Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
} as const;
type TypeName = keyof typeof TYPES;
type Typed = Float64Array | Int32Array | Uint8Array | Uint16Array;

const ArrayEntry = z.object({
  type: z.enum(['Float64Array', 'Int32Array', 'Uint8Array', 'Uint16Array']),
  byteOffset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});
const ArrayIndex = z.record(z.string(), ArrayEntry);

export const NetworkManifest = z.object({
  format: z.literal('amur-osm-network/1'),
  name: z.string(),
  createdAt: z.string(),
  licence: z.string(),
  attribution: z.string(),
  reader: z.string(),
  sources: z.array(
    z.object({
      file: z.string(),
      bytes: z.number().int(),
      format: z.string(),
      replicationTimestamp: z.string().nullable(),
      generator: z.string().nullable(),
    }),
  ),
  clip: z.string().nullable(),
  counts: z.object({
    nodesSeen: z.number().int(),
    waysSeen: z.number().int(),
    waysKept: z.number().int(),
    waysDuplicate: z.number().int(),
    wayNodes: z.number().int(),
    missingLocations: z.number().int(),
    loopsDropped: z.number().int(),
    vertices: z.number().int(),
    /** Vertices dropped where two ways with the same routing attributes meet end to end (compact.ts). */
    degree2Joined: z.number().int().default(0),
    edges: z.number().int(),
    borderNodes: z.number().int(),
    kmByClass: z.record(z.string(), z.number()),
  }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  network: ArrayIndex,
  strings: z.array(z.string()),
  borders: z.array(z.object({ osmId: z.number(), name: z.string(), lon: z.number(), lat: z.number() })),
  profiles: z.record(
    z.string(),
    z.object({
      unit: z.enum(['seconds', 'metres']),
      arcs: z.number().int(),
      excluded: z.record(z.string(), z.number()),
      ch: z
        .object({
          file: z.string(),
          arrays: ArrayIndex,
          stats: z.object({
            inputArcs: z.number(),
            arcs: z.number(),
            shortcuts: z.number(),
            preprocessMs: z.number(),
          }),
        })
        .nullable(),
    }),
  ),
  importMs: z.record(z.string(), z.number()),
});
export type NetworkManifest = z.infer<typeof NetworkManifest>;

export class NetworkArtefactError extends AmurError {
  constructor(kind: 'input' | 'not-found' | 'data', message: string, place = {}) {
    super(kind, message, place);
    this.name = 'NetworkArtefactError';
  }
}

/** The folder imported networks live in. */
export function networksDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AMUR_NETWORKS_DIR) return env.AMUR_NETWORKS_DIR;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'amur', 'networks');
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Checks a network name (`--out`): lower-case letters, digits, `.`, `_`, `-`. */
export function checkNetworkName(name: string): string {
  if (!NAME.test(name)) {
    throw new NetworkArtefactError(
      'input',
      `network name "${name}" is not valid: use 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. monaco, far-east-2026)`,
      { parameter: 'out' },
    );
  }
  return name;
}

/** Writes typed arrays one after another (8-byte aligned) and returns their index. */
function writeArrays(file: string, arrays: Record<string, Typed>): z.infer<typeof ArrayIndex> {
  const index: z.infer<typeof ArrayIndex> = {};
  let offset = 0;
  const parts: Buffer[] = [];
  for (const [name, a] of Object.entries(arrays)) {
    const pad = (8 - (offset % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    offset += pad;
    index[name] = { type: a.constructor.name as TypeName, byteOffset: offset, length: a.length };
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    offset += a.byteLength;
  }
  writeFileSync(file, Buffer.concat(parts));
  return index;
}

function readArrays(file: string, index: z.infer<typeof ArrayIndex>): Record<string, Typed> {
  const buf = readFileSync(file);
  // copy into an aligned ArrayBuffer (Buffer's pool offset may be unaligned)
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  const out: Record<string, Typed> = {};
  for (const [name, e] of Object.entries(index)) {
    const C = TYPES[e.type];
    const end = e.byteOffset + e.length * C.BYTES_PER_ELEMENT;
    if (end > ab.byteLength) {
      throw new NetworkArtefactError(
        'data',
        `${file}: array "${name}" runs past the end of the file (re-import the network)`,
        { file },
      );
    }
    out[name] = new C(ab, e.byteOffset, e.length);
  }
  return out;
}

const NETWORK_ARRAYS = [
  'vertexOsmId',
  'vertexLon',
  'vertexLat',
  'vertexBorder',
  'edgeFrom',
  'edgeTo',
  'edgeMeters',
  'edgeClass',
  'edgeFlags',
  'edgeMaxspeed',
  'edgeMaxweight',
  'edgeGauge',
  'edgeWayId',
  'edgeName',
  'edgeUsage',
  'edgeConditional',
  'geomOffsets',
  'geomLon',
  'geomLat',
] as const;

export interface ArtefactContent {
  manifest: Omit<NetworkManifest, 'network' | 'strings' | 'borders' | 'profiles'> & {
    profiles: Record<string, Omit<NetworkManifest['profiles'][string], 'ch'>>;
  };
  network: OsmNetwork;
  ch: Partial<Record<OsmProfile, ContractionHierarchy>>;
}

/** Writes the artefact folder atomically (temporary folder, then rename); returns its path. */
export function writeArtefact(name: string, content: ArtefactContent, dir = networksDir()): string {
  checkNetworkName(name);
  mkdirSync(dir, { recursive: true });
  const final = join(dir, name);
  const tmp = join(dir, `.${name}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    const net = content.network;
    const arrays: Record<string, Typed> = {};
    for (const k of NETWORK_ARRAYS) arrays[k] = net[k];
    const network = writeArrays(join(tmp, 'network.bin'), arrays);
    const profiles: NetworkManifest['profiles'] = {};
    for (const [p, info] of Object.entries(content.manifest.profiles)) {
      const ch = content.ch[p as OsmProfile];
      profiles[p] = {
        ...info,
        ch: ch
          ? {
              file: `ch-${p}.bin`,
              arrays: writeArrays(join(tmp, `ch-${p}.bin`), chToArrays(ch)),
              stats: ch.stats,
            }
          : null,
      };
    }
    const manifest: NetworkManifest = {
      ...content.manifest,
      network,
      strings: net.strings,
      borders: net.borders,
      profiles,
    };
    writeFileSync(
      join(tmp, 'manifest.json'),
      `${JSON.stringify(NetworkManifest.parse(manifest), null, 1)}\n`,
    );
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
    return final;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Reads a manifest; throws naming the file and what is wrong. */
export function readManifest(name: string, dir = networksDir()): NetworkManifest {
  const file = join(dir, name, 'manifest.json');
  if (!existsSync(file)) {
    const have = listNetworks(dir).map((m) => m.name);
    throw new NetworkArtefactError(
      'not-found',
      `no imported network "${name}" in ${dir}${have.length ? ` (imported: ${have.join(', ')})` : ' (none imported yet: amur network import-osm FILE.osm.pbf --out NAME)'}`,
      { parameter: 'network', valid: have },
    );
  }
  const parsed = NetworkManifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new NetworkArtefactError(
      'data',
      `${file}: field ${i.path.join('.')}: ${i.message} (re-import the network)`,
      { file, field: i.path.join('.') },
    );
  }
  return parsed.data;
}

/** Manifests of every imported network, by name. */
export function listNetworks(dir = networksDir()): NetworkManifest[] {
  if (!existsSync(dir)) return [];
  const out: NetworkManifest[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue;
    if (!existsSync(join(dir, d.name, 'manifest.json'))) continue;
    out.push(readManifest(d.name, dir));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface LoadedArtefact {
  manifest: NetworkManifest;
  network: OsmNetwork;
  /** The cached hierarchy of a profile (read on first use). */
  ch(profile: OsmProfile): ContractionHierarchy | null;
  path: string;
}

/** Loads an imported network (the hierarchies lazily). */
export function loadArtefact(name: string, dir = networksDir()): LoadedArtefact {
  const manifest = readManifest(name, dir);
  const path = join(dir, name);
  const a = readArrays(join(path, 'network.bin'), manifest.network);
  const network = {
    vertexCount: a.vertexOsmId.length,
    edgeCount: a.edgeFrom.length,
    strings: manifest.strings,
    borders: manifest.borders,
  } as Record<string, unknown>;
  for (const k of NETWORK_ARRAYS) {
    if (!a[k])
      throw new NetworkArtefactError(
        'data',
        `${path}/network.bin: array "${k}" missing (re-import the network)`,
        { file: path },
      );
    network[k] = a[k];
  }
  const cache = new Map<OsmProfile, ContractionHierarchy | null>();
  return {
    manifest,
    network: network as unknown as OsmNetwork,
    path,
    ch(profile) {
      if (!PROFILES.includes(profile))
        throw new NetworkArtefactError('input', `profile "${profile}": valid are ${PROFILES.join(', ')}`, {
          parameter: 'profile',
          valid: PROFILES,
        });
      if (!cache.has(profile)) {
        const info = manifest.profiles[profile]?.ch;
        cache.set(
          profile,
          info
            ? chFromArrays(
                readArrays(join(path, info.file), info.arrays) as Record<string, Int32Array | Float64Array>,
                info.stats,
              )
            : null,
        );
      }
      return cache.get(profile) ?? null;
    },
  };
}
