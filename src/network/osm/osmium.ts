/**
 * Reading OSM files through Debian's `osmium-tool` (libosmium, C++): it reads
 * PBF and `.osm` XML, drops what freight does not use (`osmium tags-filter`),
 * clips (`osmium extract`), and writes each kept way with the locations of
 * its nodes (`osmium add-locations-to-ways`) as OPL text, one object a line,
 * which `readOsm` streams into Node. Chosen over npm PBF readers by
 * measurement (bench/osm-import.ts, bench/README.md): osmium reads the
 * Monaco extract ~20× faster in a tenth of the memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AmurError } from '../../errors.ts';
import { osmiumFilterExpressions } from './tags.ts';

export class OsmImportError extends AmurError {
  constructor(kind: 'input' | 'not-found' | 'unavailable' | 'internal', message: string, place = {}) {
    super(kind, message, place);
    this.name = 'OsmImportError';
  }
}

/** Where to clip: a polygon file (`.poly` or GeoJSON) or a bbox. */
export type Clip =
  | { kind: 'polygon'; file: string }
  | { kind: 'bbox'; bbox: [number, number, number, number] };

/** `--clip` value: "minlon,minlat,maxlon,maxlat" or a `.poly` / `.geojson` / `.json` file. */
export function parseClip(value: string): Clip {
  const parts = value.split(',');
  if (parts.length === 4 && parts.every((p) => p.trim() !== '' && Number.isFinite(Number(p)))) {
    const [w, s, e, n] = parts.map(Number) as [number, number, number, number];
    if (w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) {
      throw new OsmImportError(
        'input',
        `--clip ${value}: a bbox is minlon,minlat,maxlon,maxlat with minlon < maxlon, minlat < maxlat, lon in −180…180, lat in −90…90`,
        { parameter: 'clip' },
      );
    }
    return { kind: 'bbox', bbox: [w, s, e, n] };
  }
  if (!/\.(poly|geojson|json)$/i.test(value)) {
    throw new OsmImportError(
      'input',
      `--clip ${value}: expected a .poly or .geojson polygon file, or a bbox minlon,minlat,maxlon,maxlat (e.g. 7.40,43.72,7.44,43.75)`,
      { parameter: 'clip' },
    );
  }
  if (!existsSync(value))
    throw new OsmImportError('not-found', `--clip ${value}: no such file`, {
      parameter: 'clip',
      file: value,
    });
  return { kind: 'polygon', file: value };
}

let osmiumChecked: string | undefined;

/** The osmium version line; throws a clear error when osmium-tool is not installed. */
export function osmiumVersion(): string {
  if (osmiumChecked) return osmiumChecked;
  const r = spawnSync('osmium', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new OsmImportError(
      'unavailable',
      'osmium (Debian/Ubuntu package osmium-tool) is needed to read OSM files: apt-get install osmium-tool',
    );
  }
  osmiumChecked = r.stdout.split('\n')[0].trim();
  return osmiumChecked;
}

export interface OsmFileHeader {
  file: string;
  bytes: number;
  format: string;
  /** `osmosis_replication_timestamp` of the header (when the extract was cut), else its `timestamp`, else null. */
  replicationTimestamp: string | null;
  generator: string | null;
}

/** Header of an OSM file (`osmium fileinfo -j`, header only: no full read). */
export function osmFileHeader(file: string): OsmFileHeader {
  if (!existsSync(file)) throw new OsmImportError('not-found', `${file}: no such file`, { file });
  osmiumVersion();
  const r = spawnSync('osmium', ['fileinfo', '-j', file], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new OsmImportError(
      'input',
      `${file}: not a readable OSM file (.osm.pbf, .osm, .osm.bz2): ${r.stderr.trim()}`,
      { file },
    );
  }
  const info = JSON.parse(r.stdout) as {
    file: { format: string; size: number };
    header: { option?: Record<string, string> };
  };
  const opt = info.header.option ?? {};
  return {
    file,
    bytes: statSync(file).size,
    format: info.file.format,
    replicationTimestamp: opt.osmosis_replication_timestamp ?? opt.timestamp ?? null,
    generator: opt.generator ?? null,
  };
}

/**
 * Streams the kept objects of an OSM file as OPL lines (tagged nodes first,
 * then ways, as osmium sorts them): nodes with `x`/`y`, ways with their node
 * refs and locations. One pass, no temporary file: `osmium extract --strategy
 * simple` (when clipping; ways are cut where they leave the area) →
 * `osmium add-locations-to-ways` (node locations onto the ways; untagged
 * nodes dropped) → `osmium tags-filter -R` (the selection, no second pass for
 * referenced nodes since the ways carry their locations), piped.
 */
export async function* readOsm(file: string, clip?: Clip): AsyncGenerator<string> {
  if (!existsSync(file)) throw new OsmImportError('not-found', `${file}: no such file`, { file });
  osmiumVersion();
  const pbf = ['-f', 'pbf,locations_on_ways=true,pbf_compression=none', '-o', '-'];
  const stages: string[][] = [];
  if (clip) {
    const where = clip.kind === 'bbox' ? ['-b', clip.bbox.join(',')] : ['-p', clip.file];
    stages.push([
      'extract',
      '--strategy',
      'simple',
      ...where,
      file,
      '-f',
      'pbf,pbf_compression=none',
      '-o',
      '-',
    ]);
    stages.push(['add-locations-to-ways', '--ignore-missing-nodes', '-F', 'pbf', '-', ...pbf]);
  } else {
    stages.push(['add-locations-to-ways', '--ignore-missing-nodes', file, ...pbf]);
  }
  stages.push([
    'tags-filter',
    '-R',
    '-F',
    'pbf',
    '-',
    ...osmiumFilterExpressions(),
    '-f',
    'opl,add_metadata=false,locations_on_ways=true',
    '-o',
    '-',
  ]);
  const children = stages.map((args) => ({
    args,
    child: spawn('osmium', args, { stdio: ['pipe', 'pipe', 'pipe'] }),
  }));
  const errors: string[] = stages.map(() => '');
  const exits = children.map(
    ({ child }, k) =>
      new Promise<number>((resolve) => {
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (d: string) => {
          errors[k] += d;
        });
        child.on('error', (e) => {
          errors[k] += e.message;
          resolve(1);
        });
        child.on('close', (code) => resolve(code ?? 1));
      }),
  );
  children[0].child.stdin.end();
  for (let k = 1; k < children.length; k++) {
    children[k - 1].child.stdout.pipe(children[k].child.stdin);
    // a stage that stops early closes its input: the stage before then fails on EPIPE, reported below
    children[k].child.stdin.on('error', () => {});
  }
  const last = children[children.length - 1].child;
  try {
    const lines = createInterface({ input: last.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) yield line;
    const codes = await Promise.all(exits);
    const bad = codes.findIndex((c) => c !== 0);
    if (bad >= 0) {
      throw new OsmImportError(
        'input',
        `${file}: not a readable OSM file (.osm.pbf, .osm, .osm.bz2): osmium ${stages[bad][0]} failed: ${errors[bad].trim()}`,
        { file },
      );
    }
  } finally {
    for (const { child } of children) if (child.exitCode === null) child.kill();
  }
}
