/**
 * `amur network import-osm FILE.osm.pbf [more] --out NAME [--clip …]` and
 * `amur network list`: import OpenStreetMap extracts into a compiled network
 * artefact under the user's data directory (src/network/osm/) and list the
 * imported ones with their manifests. The library is imported inside the
 * actions, so `amur network --help` stays light.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, printJson } from './output.ts';

interface ImportOsmOpts {
  out: string;
  clip?: string;
  ch: boolean;
  dir?: string;
  warnKm: string;
  json?: boolean;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function registerOsmCommands(network: Command): void {
  registerImportOsm(network);
  registerList(network);
}

/** `amur network import-osm FILE… --out NAME`: its arguments and options, in the order help lists them. */
function registerImportOsm(network: Command): void {
  network
    .command('import-osm')
    .description(
      'import OpenStreetMap extracts (.osm.pbf or .osm) into a routable network artefact: roads, ferries, railways, border controls; snaps the atlas to it',
    )
    .argument('<files...>', 'OSM files (PBF or XML), e.g. Geofabrik extracts')
    .requiredOption('--out <name>', 'network name (the artefact folder under the networks directory)')
    .option(
      '--clip <poly|geojson|bbox>',
      'clip to a polygon (.poly, .geojson) or a bbox minlon,minlat,maxlon,maxlat',
    )
    .option('--no-ch', 'skip the contraction hierarchies (queries will be slower)')
    .option('--dir <path>', 'atlas directory whose places are snapped (default: the shipped atlas)')
    .option('--warn-km <km>', 'warn about atlas places snapped farther than this', '2')
    .option('--json', 'print the manifest and the snap report as JSON')
    .action(runImportOsm);
}

/** The action of `import-osm`: the extracts imported (stages on stderr on a terminal), the atlas snapped, the report. */
async function runImportOsm(files: string[], opts: ImportOsmOpts): Promise<void> {
  const warnKm = Number(opts.warnKm);
  if (!Number.isFinite(warnKm) || warnKm < 0) {
    throw new CliError(`--warn-km "${opts.warnKm}" is not a distance in km (a number ≥ 0, e.g. --warn-km 2)`);
  }
  const { importOsm } = await import('../network/osm/import.ts');
  const { parseClip } = await import('../network/osm/osmium.ts');
  const { checkNetworkName } = await import('../network/osm/artefact.ts');
  const { profileGraph, PROFILES } = await import('../network/osm/profiles.ts');
  const { snapAtlas } = await import('../network/osm/snap.ts');
  const { DEFAULT_ATLAS_DIR, loadAtlas } = await import('../atlas/load.ts');
  checkNetworkName(opts.out);
  const clip = opts.clip ? parseClip(opts.clip) : undefined;
  const quiet = opts.json || !process.stderr.isTTY;
  const r = await importOsm(
    files.map((f) => resolve(f)),
    {
      name: opts.out,
      clip,
      clipText: opts.clip,
      contract: opts.ch,
      onStage: quiet ? undefined : (s) => process.stderr.write(`  … ${s}\n`),
    },
  );
  const atlas = loadAtlas(resolve(opts.dir ?? DEFAULT_ATLAS_DIR)).atlas;
  const graphs = Object.fromEntries(PROFILES.map((p) => [p, profileGraph(r.network, p).graph]));
  const snap = snapAtlas(atlas, r.network, r.manifest.bbox, graphs, { warnKm });
  if (opts.json) {
    printJson({ path: r.path, manifest: r.manifest, snap });
    return;
  }
  await printImport(r, snap);
}

type Imported = Awaited<ReturnType<typeof import('../network/osm/import.ts').importOsm>>;
type Snapped = ReturnType<typeof import('../network/osm/snap.ts').snapAtlas>;

/** The import as text: sources, counts, km by class, profiles, the truck's assumptions, the snapped places. */
async function printImport(r: Imported, snap: Snapped): Promise<void> {
  const { SPEED_SOURCE, TRUCK_GROSS_T } = await import('../network/osm/profiles.ts');
  const m = r.manifest;
  const c = m.counts;
  console.log(`${m.name}: ${r.path}`);
  for (const s of m.sources) {
    console.log(
      `  source ${s.file} (${s.format}, ${fmt(s.bytes / 1e6, 1)} MB, replication ${s.replicationTimestamp ?? 'unknown'})`,
    );
  }
  if (m.clip) console.log(`  clipped to ${m.clip}`);
  console.log(
    `  kept ${fmt(c.waysKept)} ways (${fmt(c.wayNodes)} way nodes) → ${fmt(c.vertices)} vertices, ${fmt(c.edges)} edges (degree-2 chains compacted); ${fmt(c.borderNodes)} border-control nodes`,
  );
  if (c.missingLocations > 0)
    console.log(
      `  ${fmt(c.missingLocations)} way nodes had no location (outside the extract) and were skipped`,
    );
  console.log(
    `  km by class: ${Object.entries(c.kmByClass)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt(v, 1)}`)
      .join(', ')}`,
  );
  for (const [p, info] of Object.entries(m.profiles)) {
    const ex = Object.entries(info.excluded)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    const ch = r.ch[p as keyof typeof r.ch];
    console.log(
      `  profile ${p}: ${fmt(info.arcs)} arcs${ex ? ` (left out: ${ex})` : ''}${ch ? `; contraction hierarchy ${fmt(ch.stats.shortcuts)} shortcuts in ${fmt(ch.stats.preprocessMs)} ms` : ''}`,
    );
  }
  console.log(
    `  truck profile: loaded gross weight ${TRUCK_GROSS_T} t (assumption); weights = time at ${SPEED_SOURCE.replace(/^assumption: /, '')} (assumption)`,
  );
  const byPlace = new Map<string, string[]>();
  for (const s of snap.snaps) {
    const l = byPlace.get(s.place) ?? [];
    l.push(`${s.profile} ${fmt(s.km, 2)} km`);
    byPlace.set(s.place, l);
  }
  console.log(`  atlas places snapped: ${fmt(byPlace.size)} (${fmt(snap.outside)} outside the extent)`);
  for (const [p, l] of byPlace) console.log(`    ${p.padEnd(24)} ${l.join(', ')}`);
  for (const w of snap.warnings) console.error(`amur: warning: ${w}`);
  console.log(`  ${m.licence}`);
}

/** `amur network list`: the imported networks with their manifests. */
function registerList(network: Command): void {
  network
    .command('list')
    .description(
      'list the imported OSM networks with their manifests (sources, replication timestamps, counts, licence)',
    )
    .option('--json', 'print the manifests as JSON')
    .action(runList);
}

async function runList(opts: { json?: boolean }): Promise<void> {
  const { listNetworks, networksDir } = await import('../network/osm/artefact.ts');
  const all = listNetworks();
  if (opts.json) {
    printJson(all.map(({ network: _n, strings: _s, ...m }) => ({ ...m, borders: m.borders.length })));
    return;
  }
  if (all.length === 0) {
    console.log(`no imported networks in ${networksDir()} (amur network import-osm FILE.osm.pbf --out NAME)`);
    return;
  }
  for (const m of all) {
    const c = m.counts;
    const km = Object.values(c.kmByClass).reduce((a, b) => a + b, 0);
    console.log(
      `${m.name.padEnd(20)} ${fmt(c.vertices)} vertices, ${fmt(c.edges)} edges, ${fmt(km, 1)} km, imported ${m.createdAt.slice(0, 16).replace('T', ' ')}Z`,
    );
    for (const s of m.sources)
      console.log(`  ${s.file} (replication ${s.replicationTimestamp ?? 'unknown'})`);
    if (m.clip) console.log(`  clip ${m.clip}`);
    console.log(
      `  profiles: ${Object.entries(m.profiles)
        .map(([p, i]) => `${p} ${fmt(i.arcs)} arcs${i.ch ? ' + CH' : ''}`)
        .join(', ')}`,
    );
    console.log(`  ${m.licence}`);
  }
}
