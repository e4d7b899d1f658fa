/**
 * `amur network import FILE.geojson --mode rail|road|sea|river …`: imports a
 * GeoJSON line network (src/network/import-geojson.ts), prints what it found —
 * nodes, edges, snapped endpoints, connected components with their sizes,
 * joins to atlas places — and writes the overlay as JSON with `--out`.
 */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { DEFAULT_ATLAS_DIR, loadAtlas } from '../atlas/load.ts';
import type { Gauge } from '../atlas/schema.ts';
import {
  DEFAULT_TAG_CALENDARS_FILE,
  type ImportReport,
  importLineNetwork,
  JOIN_KINDS,
  LineNetworkError,
  loadTagCalendars,
  overlayToJson,
  readGeoJsonFile,
} from '../network/import-geojson.ts';
import type { OverlayMode } from '../network/overlay.ts';
import { registerOsmCommands } from './network-osm.ts';
import { CliError, printJson } from './output.ts';

interface ImportOpts {
  mode: OverlayMode;
  gauge?: string;
  snapKm: string;
  joinKm: string;
  id?: string;
  tags?: string;
  calendars: string;
  dir: string;
  out?: string;
  json?: boolean;
}

const GAUGES = ['1435', '1520', '1067', 'dual'];

function nonNegativeKm(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new CliError(`${option} "${value}" is not a distance in km (a number ≥ 0, e.g. ${option} 1.5)`);
  }
  return n;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The human report printed by `amur network import`. */
export function formatImportReport(r: ImportReport, gauge?: Gauge): string {
  const lines: string[] = [];
  lines.push(`${basename(r.file)}: ${r.mode} network${gauge ? ` (${gauge} mm)` : ''}`);
  lines.push(
    `  features ${fmt(r.features)} (${fmt(r.skipped.length)} skipped), lines ${fmt(r.lines)}, vertices ${fmt(r.vertices)}`,
  );
  for (const s of r.skipped.slice(0, 5)) lines.push(`    skipped features[${s.feature}]: ${s.reason}`);
  if (r.skipped.length > 5) lines.push(`    … and ${r.skipped.length - 5} more skipped`);
  lines.push(
    `  nodes ${fmt(r.nodes)} (endpoints, shared vertices, snap and join points), edges ${fmt(r.edges)}, ${fmt(r.totalKm)} km`,
  );
  const s = r.snapping;
  lines.push(
    `  snapping within ${fmt(s.snapKm, 2)} km: ${fmt(s.dangling)} endpoints touch no other line → ${fmt(s.toVertex)} snapped to a vertex, ${fmt(s.toSegment)} onto a segment, ${fmt(s.unsnapped)} left as dead ends (connectors ${fmt(s.connectorKm, 1)} km)`,
  );
  const c = r.components;
  lines.push(
    `  components: ${fmt(c.count)} — largest ${fmt(c.sizes[0] ?? 0)} nodes (${fmt(100 * c.largestShare, 1)}%)${
      c.sizes.length > 1
        ? `, then ${c.sizes
            .slice(1)
            .map((x) => fmt(x))
            .join(', ')}${c.count > c.sizes.length ? ', …' : ''}`
        : ''
    }`,
  );
  if (r.droppedLoops > 0)
    lines.push(`  ${fmt(r.droppedLoops)} closed rings dropped (an edge from a node to itself)`);
  const tags = Object.entries(r.tags).filter(([t]) => t !== '');
  if (tags.length > 0) lines.push(`  tagged edges: ${tags.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  const kinds = JOIN_KINDS[r.mode];
  lines.push(
    `  joins within ${fmt(r.joinKm, 1)} km to atlas places (${kinds === 'any' ? 'any kind' : kinds.join(', ')}): ${fmt(r.joins.length)}`,
  );
  for (const j of r.joins) {
    const small =
      c.sizes[0] !== undefined && j.componentSize < c.sizes[0]
        ? ` (in a component of ${j.componentSize} nodes)`
        : '';
    lines.push(
      `    ${j.place.padEnd(22)} → node ${String(j.node).padEnd(7)} ${fmt(j.km, 1).padStart(6)} km${small}`,
    );
  }
  if (r.otherGauge.length > 0) {
    lines.push(`  not joined (their gauges do not include the network's): ${r.otherGauge.join(', ')}`);
  }
  if (r.unjoined.length > 0) {
    lines.push(`  not joined (no network point within ${fmt(r.joinKm, 1)} km): ${r.unjoined.join(', ')}`);
  }
  return lines.join('\n');
}

export function registerNetworkCommands(program: Command): void {
  const network = program
    .command('network')
    .description('line networks imported from GeoJSON and OpenStreetMap');
  registerOsmCommands(network);
  network
    .command('import')
    .description(
      'import a GeoJSON LineString network: snap endpoints, report components, join to atlas places; --out writes the overlay',
    )
    .argument(
      '<file>',
      'GeoJSON FeatureCollection of LineStrings / MultiLineStrings (.geojson or .geojson.gz)',
    )
    .addOption(
      new Option('--mode <mode>', 'transport mode of the lines')
        .choices(['rail', 'road', 'sea', 'river'])
        .makeOptionMandatory(),
    )
    .addOption(new Option('--gauge <mm>', 'rail gauge of the whole network').choices(GAUGES))
    .option('--snap-km <km>', 'snap endpoints touching no other line to a line within this distance', '1')
    .option('--join-km <km>', 'join atlas places to the nearest network point within this distance', '20')
    .option('--id <id>', 'overlay id (default: the file name)')
    .option('--tags <property>', 'feature property holding edge tags (default: "pass" when present)')
    .option('--calendars <file>', 'calendars of tagged edges (YAML)', DEFAULT_TAG_CALENDARS_FILE)
    .option('--dir <path>', 'atlas directory whose places are joined', DEFAULT_ATLAS_DIR)
    .option('--out <file.json>', 'write the overlay (nodes, edges, joins) as JSON')
    .option('--json', 'print the report as JSON')
    .action((file: string, opts: ImportOpts) => {
      if (opts.gauge && opts.mode !== 'rail') {
        throw new CliError(`--gauge ${opts.gauge}: only a rail network has a gauge (--mode is ${opts.mode})`);
      }
      const snapKm = nonNegativeKm(opts.snapKm, '--snap-km');
      const joinKm = nonNegativeKm(opts.joinKm, '--join-km');
      const gauge = opts.gauge ? ((opts.gauge === 'dual' ? 'dual' : Number(opts.gauge)) as Gauge) : undefined;
      const loaded = loadAtlas(resolve(opts.dir));
      const errors = loaded.problems.filter((p) => p.severity !== 'warning');
      if (errors.length > 0) {
        // the valid records are still joined; the user is told the atlas needs attention
        console.error(
          `amur: warning: ${opts.dir}: the atlas has ${errors.length} error(s) (records with errors are left out; see \`amur atlas validate\`)`,
        );
      }
      try {
        const calendars = loadTagCalendars(resolve(opts.calendars)).tags;
        const fc = readGeoJsonFile(file);
        const id =
          opts.id ??
          basename(file)
            .replace(/\.(geo)?json(\.gz)?$/i, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '');
        const { overlay, report } = importLineNetwork(fc, {
          id,
          mode: opts.mode,
          gauge,
          snapKm,
          joinKm,
          atlas: loaded.atlas,
          tagProperty: opts.tags,
          tagCalendars: calendars,
          source: { title: basename(file), licence: 'see the source', file },
        });
        if (opts.out) writeFileSync(opts.out, `${JSON.stringify(overlayToJson(overlay))}\n`);
        if (opts.json) {
          printJson({ id, out: opts.out ?? null, ...report });
        } else {
          console.log(formatImportReport(report, gauge));
          if (opts.out) console.log(`  overlay written to ${opts.out}`);
        }
      } catch (e) {
        if (e instanceof LineNetworkError) throw new CliError(e.message, 1);
        throw e;
      }
    });
}
