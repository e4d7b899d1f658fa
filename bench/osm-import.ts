/**
 * OpenStreetMap import and the contraction hierarchy in the product, on the
 * real Monaco extract (`../shared/data/osm/monaco.osm.pbf`, the one OSRM's
 * tests use), against the tools people use:
 *
 * - reading: `amur network import-osm` (osmium-tool reads, Node builds) vs the
 *   npm PBF reader osm-pbf-parser (reading only) — nodes read per second and
 *   peak memory (max RSS of the process and its children, GNU time) per node;
 * - import to a routable graph: Amur (read + compact + three profile graphs +
 *   their CHs + artefact) vs osm2pgrouting (Debian) into PostGIS/pgRouting on
 *   a throw-away PostgreSQL cluster, on the same filtered extract;
 * - queries: Amur CH on the imported truck graph (weights = metres, so both
 *   sides answer the same question) vs pgRouting `pgr_bdAstar` with all pairs
 *   in one call (combinations SQL, timed inside the server), and Amur Dijkstra
 *   as the reference of the lengths; agreement of the lengths is reported
 *   (the graphs differ a little: Amur keeps trucks off `hgv=no` roads and
 *   under-weight bridges, osm2pgrouting splits ways at every intersection and
 *   drops ferries);
 * - the date-aware Pareto query on the atlas with detailed legs (link lines
 *   and measured km from data/geometry/links.geojson and the imported network)
 *   p95, against the same query with no link detail.
 *
 * `node bin/run-ts.js bench/osm-import.ts [--pairs 1000] [--runs 3] [--routes 100]`
 * or `npm run bench -- osm-import`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAtlas } from '../src/atlas/load.ts';
import { loadProfile } from '../src/costs/profile.ts';
import { buildContractionHierarchy, ChQuery } from '../src/graph/ch.ts';
import { buildCsr } from '../src/graph/csr.ts';
import { StaticShortestPath } from '../src/graph/static.ts';
import { compileNetwork } from '../src/network/compile.ts';
import { loadArtefact } from '../src/network/osm/artefact.ts';
import { linkDetailWithNetworks } from '../src/network/osm/detail.ts';
import { profileGraph } from '../src/network/osm/profiles.ts';
import { EDGE_CLASS_CODE, osmiumFilterExpressions } from '../src/network/osm/tags.ts';
import { route } from '../src/routing/index.ts';
import { TempPostgres } from './lib/pgrouting.ts';
import { mulberry32 } from './lib/prng.ts';
import { type BenchRow, formatTable, mean, percentile } from './lib/rows.ts';
import { sharedData, sharedDataAvailable } from './lib/shared.ts';

const BENCH = 'osm-import';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILE = 'osm/monaco.osm.pbf';

export interface OsmImportOptions {
  pairs?: number;
  runs?: number;
  routes?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Runs a command under GNU time: wall seconds, max RSS (bytes, largest of the process and its children), stdout. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M %U %S', cmd, ...args], {
    encoding: 'utf8',
    env,
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  const m = /@@time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return {
    seconds: Number(m[1]),
    maxRssBytes: Number(m[2]) * 1024,
    cpuSeconds: Number(m[3]) + Number(m[4]),
    stdout: r.stdout,
  };
}

const median = (xs: number[]) => percentile(xs, 50);

const PEER_READER = `
const fs = require('node:fs');
const parser = require('osm-pbf-parser');
let nodes = 0, ways = 0;
const osm = parser();
fs.createReadStream(process.argv[1]).pipe(osm);
osm.on('data', (items) => { for (const it of items) { if (it.type === 'node') nodes++; else if (it.type === 'way') ways++; } });
osm.on('end', () => console.log(JSON.stringify({ nodes, ways })));
`;

export async function run(options: OsmImportOptions = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const pairsN = options.pairs ?? 1000;
  const runs = options.runs ?? 3;
  const routesN = options.routes ?? 100;
  const seed = options.seed ?? 1;
  if (!sharedDataAvailable(FILE)) {
    return [
      {
        bench: BENCH,
        case: 'all',
        metric: 'not run',
        value: Number.NaN,
        unit: '',
        note: `${FILE} not found beside the repository`,
      },
    ];
  }
  const file = sharedData(FILE);
  const rows: BenchRow[] = [];
  const row = (r: Omit<BenchRow, 'bench'>) => {
    rows.push({ bench: BENCH, ...r });
    log(`  ${r.case} ${r.metric}: ${r.value} ${r.unit}${r.ratio ? ` (${r.ratio.toFixed(2)}×)` : ''}`);
  };

  // nodes in the file (osmium counts them once; not part of any timing)
  const info = JSON.parse(
    spawnSync('osmium', ['fileinfo', '-e', '-j', file], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout,
  ) as { data: { count: { nodes: number; ways: number } } };
  const nodes = info.data.count.nodes;
  log(`${BENCH}: ${file}: ${nodes} nodes, ${info.data.count.ways} ways`);

  // ---------------------------------------------------------------- import
  const dir = mkdtempSync(join(tmpdir(), 'amur-bench-osm-'));
  const env = { ...process.env, AMUR_NETWORKS_DIR: dir };
  const tsRun = [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'bench/lib/osm-import-main.ts')];
  // the library import in a fresh process (no atlas): wall, CPU of node + osmium, peak RSS
  const lib: { seconds: number; cpu: number; rss: number; read: number; ch: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(process.execPath, [...tsRun, file, dir]);
    const m = JSON.parse(t.stdout) as { importMs: Record<string, number> };
    const ch = Object.entries(m.importMs)
      .filter(([k]) => k.startsWith('ch-'))
      .reduce((sum, [, v]) => sum + v, 0);
    lib.push({ seconds: t.seconds, cpu: t.cpuSeconds, rss: t.maxRssBytes, read: m.importMs.read / 1000, ch });
  }
  const bare = timed(process.execPath, [...tsRun, '--noop']);
  const peerBare = timed(process.execPath, ['-e', "require('osm-pbf-parser')"]);
  const read = median(lib.map((a) => a.read));
  const cpu = median(lib.map((a) => a.cpu));
  const rss = Math.max(...lib.map((a) => a.rss));
  // the CLI as a user runs it (also loads the atlas and snaps it)
  const cli = timed(
    process.execPath,
    ['bin/amur.js', 'network', 'import-osm', file, '--out', 'monaco', '--json'],
    env,
  );

  // the npm reader (reading only: no graph is built)
  let peer: { seconds: number; cpu: number; rss: number } | null = null;
  let peerNote = '';
  try {
    const ps: { seconds: number; cpu: number; rss: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const t = timed(process.execPath, ['-e', PEER_READER, file]);
      const counted = JSON.parse(t.stdout) as { nodes: number };
      if (counted.nodes !== nodes)
        throw new Error(`osm-pbf-parser read ${counted.nodes} nodes, osmium ${nodes}`);
      ps.push({ seconds: t.seconds, cpu: t.cpuSeconds, rss: t.maxRssBytes });
    }
    peer = {
      seconds: median(ps.map((p) => p.seconds)),
      cpu: median(ps.map((p) => p.cpu)),
      rss: Math.max(...ps.map((p) => p.rss)),
    };
  } catch (e) {
    peerNote = `; osm-pbf-parser did not run: ${(e as Error).message.split('\n')[0]}`;
  }
  const AMUR = 'Amur import-osm (osmium-tool + Node)';
  row({
    case: AMUR,
    metric: 'nodes read per second (reading stage, wall)',
    value: Math.round(nodes / read),
    unit: 'nodes/s',
    ratio: peer ? nodes / read / (nodes / peer.seconds) : undefined,
    note: `goal ≥ 300,000; ratio to osm-pbf-parser reading only (whole process wall)${peerNote}`,
  });
  row({
    case: AMUR,
    metric: 'nodes per CPU-second (whole import: node + osmium, user + sys, above the bare process)',
    value: Math.round(nodes / Math.max(0.001, cpu - bare.cpuSeconds)),
    unit: 'nodes/s',
    ratio: peer ? (peer.cpu - peerBare.cpuSeconds) / Math.max(0.001, cpu - bare.cpuSeconds) : undefined,
    note: `CPU time is less skewed by other work on the machine than wall time; the bare Node + tsx process takes ${bare.cpuSeconds.toFixed(2)} CPU-s, the whole import ${cpu.toFixed(2)}; ratio to osm-pbf-parser reading only (also above its bare process)`,
  });
  row({
    case: AMUR,
    metric: 'whole import, wall (read, build, 3 profile graphs + CHs, write)',
    value: median(lib.map((a) => a.seconds)),
    unit: 's',
    note: `median of ${runs}; the CLI (also loading and snapping the atlas) took ${cli.seconds.toFixed(2)} s`,
  });
  row({
    case: AMUR,
    metric: 'peak memory per node read (max RSS of node and osmium)',
    value: rss / nodes,
    unit: 'B/node',
    ratio: peer ? peer.rss / rss : undefined,
    note: `peak ${Math.round(rss / 2 ** 20)} MiB; above the bare Node process that runs it (${Math.round(bare.maxRssBytes / 2 ** 20)} MiB): ${Math.round((rss - bare.maxRssBytes) / nodes)} B/node; goal ≤ 40 B/node; ratio = osm-pbf-parser's peak / Amur's`,
  });
  if (peer) {
    row({
      case: 'osm-pbf-parser 2.3 (npm)',
      metric: 'nodes read per second (reading only, wall)',
      value: Math.round(nodes / peer.seconds),
      unit: 'nodes/s',
      note: `a process that only counts nodes and ways; ${Math.round(nodes / peer.cpu)} nodes per CPU-second`,
    });
    row({
      case: 'osm-pbf-parser 2.3 (npm)',
      metric: 'peak memory per node read',
      value: peer.rss / nodes,
      unit: 'B/node',
    });
  }
  row({
    case: 'Amur import-osm',
    metric: 'CH preprocessing (truck + rail-1435 + rail-1520)',
    value: median(lib.map((a) => a.ch)),
    unit: 'ms',
  });
  const amurWall = median(lib.map((a) => a.seconds));

  // ---------------------------------------------------------------- the graph and CH on metres
  const art = loadArtefact('monaco', dir);
  const truck = profileGraph(art.network, 'truck').graph;
  // metres; ferries left out, as osm2pgrouting's car profile has none
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const edgeOf: number[] = [];
  for (let v = 0; v < truck.nodeCount; v++) {
    for (let i = truck.offsets[v]; i < truck.offsets[v + 1]; i++) {
      const e = truck.arcIds[i];
      if (art.network.edgeClass[e] === EDGE_CLASS_CODE.ferry) continue;
      from.push(v);
      to.push(truck.targets[i]);
      weight.push(art.network.edgeMeters[e]);
      edgeOf.push(e);
    }
  }
  const built = buildCsr(truck.nodeCount, { from, to, weight });
  const g = { ...built, arcIds: Int32Array.from(built.arcIds, (k) => edgeOf[k]) };
  const t0 = performance.now();
  const ch = buildContractionHierarchy(g);
  const chMs = performance.now() - t0;
  const q = new ChQuery(ch);
  const dj = new StaticShortestPath(g);

  // ---------------------------------------------------------------- pgRouting via osm2pgrouting
  let pg: TempPostgres | undefined;
  try {
    log('  osm2pgrouting: filtering the same extract to .osm XML, starting a temporary PostgreSQL');
    const xml = join(dir, 'monaco-filtered.osm');
    const f = spawnSync('osmium', [
      'tags-filter',
      file,
      ...osmiumFilterExpressions(),
      '-o',
      xml,
      '--overwrite',
    ]);
    if (f.status !== 0) throw new Error(`osmium tags-filter: ${f.stderr}`);
    pg = await TempPostgres.start();
    const version = pg
      .sql(
        'SET client_min_messages = warning; CREATE EXTENSION postgis; CREATE EXTENSION pgrouting; SELECT pgr_version();',
      )
      .trim();
    const o2p = timed('osm2pgrouting', [
      '-f',
      xml,
      '-c',
      '/usr/share/osm2pgrouting/mapconfig_for_cars.xml',
      '-d',
      'postgres',
      '-U',
      'postgres',
      '-h',
      pg.dir,
      '-p',
      String(pg.port),
      '--clean',
    ]);
    row({
      case: `osm2pgrouting 2.3 → pgRouting ${version}`,
      metric: 'import to a routable graph, wall (filtered .osm XML → ways, vertices)',
      value: o2p.seconds,
      unit: 's',
      ratio: o2p.seconds / amurWall,
      note: `ratio = osm2pgrouting / Amur whole import; osm2pgrouting peak ${Math.round(o2p.maxRssBytes / 2 ** 20)} MiB (PostgreSQL not counted)`,
    });
    // pairs among the vertices both graphs have (the same OSM nodes), reachable in Amur's graph
    const pgIds = new Set(pg.sql('SELECT osm_id FROM ways_vertices_pgr;').trim().split('\n').map(Number));
    const common: number[] = [];
    for (let v = 0; v < art.network.vertexCount; v++) {
      if (g.offsets[v + 1] > g.offsets[v] && pgIds.has(art.network.vertexOsmId[v])) common.push(v);
    }
    const rnd = mulberry32(seed);
    const pairs: [number, number][] = [];
    for (let tries = 0; pairs.length < pairsN && tries < pairsN * 20; tries++) {
      const s = common[Math.floor(rnd() * common.length)];
      const t = common[Math.floor(rnd() * common.length)];
      if (s !== t && Number.isFinite(q.distance(s, t))) pairs.push([s, t]);
    }
    // Amur: CH and Dijkstra on the same pairs
    for (const [s, t] of pairs) {
      q.query(s, t); // warm-up (JIT)
      dj.dijkstra(s, t);
    }
    const chTimes: number[] = [];
    const dists: number[] = [];
    for (const [s, t] of pairs) {
      const a = performance.now();
      dists.push(q.query(s, t).distance);
      chTimes.push(performance.now() - a);
    }
    const djTimes: number[] = [];
    let mismatch = 0;
    pairs.forEach(([s, t], i) => {
      const a = performance.now();
      const d = dj.dijkstra(s, t).distance;
      djTimes.push(performance.now() - a);
      if (Math.abs(d - dists[i]) > 1e-6 * Math.max(1, d)) mismatch++;
    });
    if (mismatch > 0)
      throw new Error(`Amur CH and Dijkstra disagree on ${mismatch} of ${pairs.length} pairs`);
    // pgRouting: all pairs in one pgr_bdAstar call, timed inside the server
    pg.writeFile(
      'pairs.csv',
      `${pairs.map(([s, t], i) => `${i},${art.network.vertexOsmId[s]},${art.network.vertexOsmId[t]}`).join('\n')}\n`,
    );
    const out = pg.sql(`
      CREATE TABLE pairs (i int, s_osm bigint, t_osm bigint);
      COPY pairs FROM '${pg.dir}/pairs.csv' WITH (FORMAT csv);
      CREATE TABLE od AS SELECT p.i, a.id AS source, b.id AS target FROM pairs p
        JOIN ways_vertices_pgr a ON a.osm_id = p.s_osm JOIN ways_vertices_pgr b ON b.osm_id = p.t_osm;
      CREATE TEMP TABLE t (k text, v float8);
      DO $$ DECLARE t0 timestamptz; BEGIN
        t0 := clock_timestamp();
        CREATE TABLE res AS SELECT start_vid, end_vid, agg_cost FROM pgr_bdAstar(
          'SELECT gid AS id, source, target, CASE WHEN cost < 0 THEN -1 ELSE length_m END AS cost,
                  CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END AS reverse_cost, x1, y1, x2, y2 FROM ways',
          'SELECT source, target FROM od', directed => true) WHERE edge = -1;
        INSERT INTO t VALUES ('ms', 1000 * extract(epoch FROM clock_timestamp() - t0));
      END $$;
      SELECT v FROM t;
      SELECT od.i, res.agg_cost FROM od JOIN res ON res.start_vid = od.source AND res.end_vid = od.target ORDER BY od.i;`);
    const lines = out.trim().split('\n');
    const pgMs = Number(lines[0]);
    let within = 0;
    let pgShorter = 0;
    let compared = 0;
    for (const line of lines.slice(1)) {
      const [i, cost] = line.split('|').map(Number);
      compared++;
      if (Math.abs(cost - dists[i]) <= 0.01 * dists[i]) within++;
      else if (cost < dists[i]) pgShorter++;
    }
    const chMean = mean(chTimes);
    const pgPer = pgMs / pairs.length;
    row({
      case: 'Amur CH (truck graph, metres)',
      metric: 'query mean',
      value: chMean,
      unit: 'ms',
      ratio: pgPer / chMean,
      note: `${pairs.length} pairs; ratio = pgr_bdAstar batched per pair / Amur CH (goal ≥ 100×); CH preprocessing ${chMs.toFixed(0)} ms`,
    });
    row({
      case: 'Amur Dijkstra (same graph)',
      metric: 'query mean',
      value: mean(djTimes),
      unit: 'ms',
      ratio: mean(djTimes) / chMean,
      note: 'ratio = Dijkstra / CH; lengths equal the CH lengths on every pair',
    });
    row({
      case: `pgRouting ${version} pgr_bdAstar, all pairs in 1 call`,
      metric: 'query mean (per pair)',
      value: pgPer,
      unit: 'ms',
      note: `graph from osm2pgrouting; lengths within 1% of Amur's on ${within} of ${compared} pairs, shorter on ${pgShorter} (same paths; Amur measures on the sphere (haversine), osm2pgrouting on the WGS84 ellipsoid: 0.1–0.5% apart)`,
    });
  } catch (e) {
    row({
      case: 'pgRouting via osm2pgrouting',
      metric: 'not run',
      value: Number.NaN,
      unit: '',
      note: (e as Error).message.split('\n')[0],
    });
  } finally {
    pg?.stop();
  }

  // ---------------------------------------------------------------- date-aware Pareto with detailed legs
  const atlas = getAtlas();
  const profile = loadProfile();
  const detailed = compileNetwork(atlas, profile, {
    linkDetail: linkDetailWithNetworks(atlas, ['monaco'], { dir }).details,
  });
  const plain = compileNetwork(atlas, profile, { linkDetail: null });
  const places = atlas.places.filter((p) => p.capabilities.includes('container')).map((p) => p.id);
  const rnd = mulberry32(seed + 1);
  const ods: [string, string][] = [];
  while (ods.length < routesN) {
    const a = places[Math.floor(rnd() * places.length)];
    const b = places[Math.floor(rnd() * places.length)];
    if (a !== b) ods.push([a, b]);
  }
  const time = (net: typeof plain) =>
    ods.map(([from, to]) => {
      const a = performance.now();
      route(net, { from, to, date: '2025-06-01', optimize: 'pareto', cargo: 'feu' });
      return performance.now() - a;
    });
  time(detailed.nodeCount > 0 ? detailed : plain); // warm-up
  const withDetail = time(detailed);
  const without = time(plain);
  row({
    case: 'Amur route, Pareto, date-aware, detailed legs',
    metric: 'query p95',
    value: percentile(withDetail, 95),
    unit: 'ms',
    ratio: percentile(withDetail, 95) / percentile(without, 95),
    note: `${routesN} seeded container OD pairs, 2025-06-01; goal ≤ 20 ms; ratio = with / without link detail (p95 without ${percentile(without, 95).toFixed(1)} ms)`,
  });
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

export function summaryTable(rows: BenchRow[]): string {
  return formatTable(rows);
}

export function parseArgs(argv: string[]): OsmImportOptions {
  const o: OsmImportOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--pairs') o.pairs = Number(v);
    else if (argv[i] === '--runs') o.runs = Number(v);
    else if (argv[i] === '--routes') o.routes = Number(v);
    else if (argv[i] === '--seed') o.seed = Number(v);
  }
  return o;
}

if (process.argv[1]?.endsWith('bench/osm-import.ts')) {
  const rows = await run(parseArgs(process.argv.slice(2)));
  console.log(formatTable(rows));
}
