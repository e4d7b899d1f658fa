/**
 * Static shortest path on a real road graph, Amur against the engines people
 * use: `../shared/data/graphs/moscow-roads` (OSM, the graph of the ngraph.path
 * demo), undirected, weight = Euclidean distance. The same seeded OD pairs for
 * every engine (both ends drawn uniformly from the largest connected
 * component), every path length checked against Amur's plain Dijkstra
 * (relative tolerance 1e-9; a difference is a failure).
 *
 * Engines: Amur Dijkstra, bidirectional Dijkstra and contraction hierarchies
 * (src/graph/static.ts, ch.ts); ngraph.path A* and NBA* with the Euclidean
 * heuristic; geojson-path-finder (one LineString per edge; it compacts the
 * topology itself — reported as its preprocessing); pgRouting `pgr_dijkstra`
 * and `pgr_bdAstar` (Euclidean heuristic) on a PostgreSQL started here. Each
 * JavaScript engine runs in its own process; its memory is the JS heap +
 * ArrayBuffers it adds after GC. pgRouting builds its graph from SQL on every
 * call, which is part of its query time; it is also run once with all pairs in
 * one call (combinations SQL) to show the cost with the build amortised.
 *
 * `node bin/run-ts.js bench/road-graph.ts [--pairs 1000] [--seed 1] [--engines a,b]
 * [--graph moscow-roads]`, or `npm run bench -- road-graph`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csrFromCoGr, type PointGraph, weakComponents } from '../src/graph/csr.ts';
import { parseFlags } from './lib/args.ts';
import { BACKEND_PEAK_RSS_KB_SQL, TempPostgres } from './lib/pgrouting.ts';
import { mulberry32 } from './lib/prng.ts';
import { ENGINES, type EngineResult, type Pair } from './lib/road-engines.ts';
import { type BenchRow, formatTable, mean, percentile } from './lib/rows.ts';
import { sharedData, sharedDataAvailable } from './lib/shared.ts';

const BENCH = 'road-graph';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const ALL_ENGINES = [...ENGINES, 'pgr-dijkstra', 'pgr-bdastar'] as const;

const LABEL: Record<string, string> = {
  'amur-dijkstra': 'Amur Dijkstra',
  'amur-bidirectional': 'Amur bidirectional Dijkstra',
  'amur-ch': 'Amur CH query',
  'ngraph-astar': 'ngraph.path A*',
  'ngraph-nba': 'ngraph.path NBA*',
  'geojson-path-finder': 'geojson-path-finder',
  'pgr-dijkstra': 'pgRouting pgr_dijkstra',
  'pgr-bdastar': 'pgRouting pgr_bdAstar',
  'pgr-dijkstra-batch': 'pgRouting pgr_dijkstra, all pairs in 1 call',
  'pgr-bdastar-batch': 'pgRouting pgr_bdAstar, all pairs in 1 call',
};

export interface RoadGraphOptions {
  pairs?: number;
  seed?: number;
  engines?: string[];
  graph?: string;
  log?: (line: string) => void;
}

interface Outcome extends Partial<EngineResult> {
  engine: string;
  failed?: string;
  /** Only a total time is known (batched SQL): per-pair mean, no percentiles. */
  batchOnly?: boolean;
  extraBytes?: { value: number; metric: string; note: string };
}

/** Seeded pairs with both ends in the largest component, source ≠ target. */
export function drawPairs(pg: PointGraph, count: number, seed: number): Pair[] {
  const { component } = weakComponents(pg.graph);
  const nodes: number[] = [];
  for (let v = 0; v < pg.graph.nodeCount; v++) if (component[v] === 0) nodes.push(v);
  const random = mulberry32(seed);
  const pairs: Pair[] = [];
  while (pairs.length < count) {
    const s = nodes[Math.floor(random() * nodes.length)];
    const t = nodes[Math.floor(random() * nodes.length)];
    if (s !== t) pairs.push([s, t]);
  }
  return pairs;
}

function runJsEngine(engine: string, job: object, work: string, log: (l: string) => void): Outcome {
  const jobFile = join(work, `${engine}.job.json`);
  const outFile = join(work, `${engine}.out.json`);
  writeFileSync(jobFile, JSON.stringify({ ...job, engine }));
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      join(ROOT, 'bin/run-ts.js'),
      join(ROOT, 'bench/lib/road-engine-main.ts'),
      jobFile,
      outFile,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (r.status !== 0) {
    const why = (r.stderr || `exit ${r.status} ${r.signal ?? ''}`).trim().split('\n').slice(-3).join(' ');
    log(`  ${engine}: did not run: ${why}`);
    return { engine, failed: why };
  }
  const result = JSON.parse(readFileSync(outFile, 'utf8')) as EngineResult;
  result.distances = result.distances.map((d) => d ?? Number.POSITIVE_INFINITY);
  return result;
}

async function runPgRouting(
  pg: PointGraph,
  pairs: Pair[],
  wanted: Set<string>,
  log: (l: string) => void,
): Promise<Outcome[]> {
  const names = ['pgr-dijkstra', 'pgr-bdastar'].filter((e) => wanted.has(e));
  if (names.length === 0) return [];
  let server: TempPostgres | undefined;
  const out: Outcome[] = [];
  try {
    log('  pgRouting: starting a temporary PostgreSQL cluster');
    server = await TempPostgres.start();
    const version = server
      .sql('SET client_min_messages = warning; CREATE EXTENSION pgrouting CASCADE; SELECT pgr_version();')
      .trim();
    log(`  pgRouting ${version} on ${server.sql('SHOW server_version;').trim()}, port ${server.port}`);
    const { from, to, weight } = pg.edges;
    const lines: string[] = new Array(from.length);
    for (let e = 0; e < from.length; e++) {
      const a = from[e];
      const b = to[e];
      // ids are 1-based as in the file; weights printed with full round-trip precision
      lines[e] =
        `${e + 1},${a + 1},${b + 1},${weight[e]},${weight[e]},${pg.x[a]},${pg.y[a]},${pg.x[b]},${pg.y[b]}`;
    }
    const edgesCsv = server.writeFile('edges.csv', `${lines.join('\n')}\n`);
    const pairsCsv = server.writeFile(
      'pairs.csv',
      `${pairs.map(([s, t], i) => `${i},${s + 1},${t + 1}`).join('\n')}\n`,
    );
    const load = server.sql(`
      CREATE TABLE edges (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8,
                          x1 float8, y1 float8, x2 float8, y2 float8);
      CREATE TABLE pairs (i int PRIMARY KEY, s bigint, t bigint);
      CREATE TABLE timings (engine text, i int, ms float8, cost float8);
      SELECT extract(epoch FROM clock_timestamp());
      COPY edges FROM '${edgesCsv}' WITH (FORMAT csv);
      COPY pairs FROM '${pairsCsv}' WITH (FORMAT csv);
      ANALYZE edges;
      SELECT extract(epoch FROM clock_timestamp());
      SELECT pg_total_relation_size('edges');`);
    const [t0, t1, tableBytes] = load.trim().split('\n');
    const loadMs = 1000 * (Number(t1) - Number(t0));
    const edgeSql = {
      'pgr-dijkstra': {
        fn: 'pgr_dijkstra',
        sql: 'SELECT id, source, target, cost, reverse_cost FROM edges',
        extra: 'directed => false',
      },
      'pgr-bdastar': {
        fn: 'pgr_bdAstar',
        sql: 'SELECT id, source, target, cost, reverse_cost, x1, y1, x2, y2 FROM edges',
        extra: 'directed => false, heuristic => 4',
      },
    } as const;
    for (const name of names) {
      const { fn, sql, extra } = edgeSql[name as keyof typeof edgeSql];
      log(
        `  ${name}: ${pairs.length} calls, timed with clock_timestamp() around each call in a PL/pgSQL loop`,
      );
      // one call per pair, each timed inside the server
      const perCall = server.sql(`
        ${BACKEND_PEAK_RSS_KB_SQL};
        DO $$
        DECLARE p record; t0 timestamptz; c float8;
        BEGIN
          FOR p IN SELECT * FROM pairs ORDER BY i LOOP
            t0 := clock_timestamp();
            SELECT agg_cost INTO c FROM ${fn}('${sql}', p.s, p.t, ${extra}) WHERE edge = -1;
            INSERT INTO timings VALUES ('${name}', p.i, 1000 * extract(epoch FROM clock_timestamp() - t0), c);
          END LOOP;
        END $$;
        ${BACKEND_PEAK_RSS_KB_SQL};
        SELECT i, ms, coalesce(cost, 'Infinity'::float8) FROM timings WHERE engine = '${name}' ORDER BY i;`);
      const outLines = perCall.trim().split('\n');
      const rssBefore = Number(outLines[0]) * 1024;
      const rssAfter = Number(outLines[1]) * 1024;
      const timesMs: number[] = [];
      const distances: number[] = [];
      for (const line of outLines.slice(2)) {
        const [, ms, cost] = line.split('|');
        timesMs.push(Number(ms));
        distances.push(cost === 'Infinity' ? Number.POSITIVE_INFINITY : Number(cost));
      }
      out.push({
        engine: name,
        prepMs: loadMs,
        bytes: Number(tableBytes),
        timesMs,
        distances,
        note: 'preprocessing = COPY into the table; memory = table + index size; the graph is rebuilt from SQL in every call',
        extraBytes: {
          metric: 'backend peak RSS growth per edge',
          value: (rssAfter - rssBefore) / from.length,
          note: 'VmHWM of the PostgreSQL backend after the calls minus before',
        },
      });
      // all pairs in one call: one graph build for all of them
      const batch = server.sql(`
        CREATE TEMP TABLE batch AS SELECT clock_timestamp() AS t0;
        CREATE TEMP TABLE batch_out AS
          SELECT start_vid, end_vid, agg_cost FROM ${fn}('${sql}', 'SELECT s AS source, t AS target FROM pairs', ${extra})
          WHERE edge = -1;
        SELECT 1000 * extract(epoch FROM clock_timestamp() - t0) FROM batch;
        SELECT p.i, coalesce(b.agg_cost, 'Infinity'::float8) FROM pairs p
          LEFT JOIN batch_out b ON b.start_vid = p.s AND b.end_vid = p.t ORDER BY p.i;`);
      const batchLines = batch.trim().split('\n');
      const totalMs = Number(batchLines[0]);
      out.push({
        engine: `${name}-batch`,
        batchOnly: true,
        prepMs: loadMs,
        bytes: Number(tableBytes),
        timesMs: [totalMs / pairs.length],
        distances: batchLines.slice(1).map((l) => {
          const c = l.split('|')[1];
          return c === 'Infinity' ? Number.POSITIVE_INFINITY : Number(c);
        }),
        note: `one call with a combinations SQL: ${totalMs.toFixed(0)} ms for ${pairs.length} pairs (mean per pair shown)`,
      });
    }
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    log(`  pgRouting did not run: ${why}`);
    for (const name of names)
      if (!out.some((o) => o.engine === name)) out.push({ engine: name, failed: why });
  } finally {
    try {
      server?.stop();
      if (server) log('  pgRouting: cluster stopped and removed');
    } catch (e) {
      log(`  pgRouting: could not stop the cluster in ${server?.dir}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Runs the benchmark and returns its rows (also logs progress). */
export async function run(options: RoadGraphOptions = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const graphName = options.graph ?? 'moscow-roads';
  const pairCount = options.pairs ?? 1000;
  const seed = options.seed ?? 1;
  const wanted = new Set(options.engines ?? ALL_ENGINES);
  for (const e of wanted) {
    if (!(ALL_ENGINES as readonly string[]).includes(e)) {
      throw new Error(`--engines: "${e}" is not one of ${ALL_ENGINES.join(', ')}`);
    }
  }
  const co = sharedData(`graphs/${graphName}.co.bin`);
  const gr = sharedData(`graphs/${graphName}.gr.bin`);
  if (!sharedDataAvailable(`graphs/${graphName}.gr.bin`)) {
    log(`${BENCH}: skipped: ${gr} not found (the benchmark reads ../shared/data/graphs)`);
    return [{ bench: BENCH, case: 'all', metric: 'skipped', value: 0, unit: '', note: `${gr} not found` }];
  }
  const pg = csrFromCoGr(readFileSync(co), readFileSync(gr), graphName);
  const edgeCount = pg.edges.from.length;
  const pairs = drawPairs(pg, pairCount, seed);
  const warmup = drawPairs(pg, 20, seed + 1000);
  log(
    `${BENCH}: ${graphName}, ${pg.graph.nodeCount.toLocaleString('en-US')} nodes, ${edgeCount.toLocaleString('en-US')} edges, ${pairs.length} pairs (seed ${seed}), 20 warm-up pairs`,
  );
  const work = mkdtempSync(join(tmpdir(), 'amur-road-graph-'));
  const outcomes: Outcome[] = [];
  try {
    const job = { co: resolve(co), gr: resolve(gr), label: graphName, pairs, warmup };
    const jsEngines = ENGINES.filter((e) => wanted.has(e));
    // the reference always runs
    if (!jsEngines.includes('amur-dijkstra')) jsEngines.unshift('amur-dijkstra');
    for (const engine of jsEngines) {
      log(`  ${engine} …`);
      const o = runJsEngine(engine, job, work, log);
      if (!o.failed)
        log(`  ${engine}: mean ${mean(o.timesMs!).toFixed(3)} ms, prep ${(o.prepMs! / 1000).toFixed(1)} s`);
      outcomes.push(o);
    }
    outcomes.push(...(await runPgRouting(pg, pairs, wanted, log)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return toRows(outcomes, edgeCount, pairs.length, log);
}

function toRows(
  outcomes: Outcome[],
  edgeCount: number,
  pairCount: number,
  log: (l: string) => void,
): BenchRow[] {
  const reference = outcomes.find((o) => o.engine === 'amur-dijkstra' && !o.failed);
  const ok = outcomes.filter((o) => !o.failed && o.timesMs);
  const peers = ok.filter((o) => !o.engine.startsWith('amur-'));
  const fastestPeer = peers.reduce<Outcome | undefined>(
    (best, o) => (!best || mean(o.timesMs!) < mean(best.timesMs!) ? o : best),
    undefined,
  );
  const fastestMean = fastestPeer ? mean(fastestPeer.timesMs!) : Number.NaN;
  const ratioNote = fastestPeer
    ? `ratio = mean ÷ mean of the fastest peer (${LABEL[fastestPeer.engine]})`
    : '';
  const rows: BenchRow[] = [];
  for (const o of outcomes) {
    const label = LABEL[o.engine] ?? o.engine;
    if (o.failed) {
      rows.push({
        bench: BENCH,
        case: label,
        metric: 'did not run',
        value: Number.NaN,
        unit: '',
        note: o.failed,
      });
      continue;
    }
    let mismatches = 0;
    if (reference) {
      o.distances!.forEach((d, i) => {
        const r = reference.distances![i];
        const same = d === r || Math.abs(d - r) <= 1e-9 * Math.max(Math.abs(d), Math.abs(r));
        if (!same) {
          mismatches++;
          if (mismatches <= 3) log(`  MISMATCH ${o.engine} pair ${i}: ${d} vs Dijkstra ${r}`);
        }
      });
    }
    const times = o.timesMs!;
    const m = mean(times);
    rows.push({
      bench: BENCH,
      case: label,
      metric: 'preprocessing',
      value: o.prepMs! / 1000,
      unit: 's',
      note: o.note,
    });
    rows.push({
      bench: BENCH,
      case: label,
      metric: 'memory per edge',
      value: o.bytes! / edgeCount,
      unit: 'B/edge',
    });
    if (o.exactBytes !== undefined) {
      rows.push({
        bench: BENCH,
        case: label,
        metric: 'typed arrays per edge',
        value: o.exactBytes / edgeCount,
        unit: 'B/edge',
      });
    }
    if (o.extraBytes) {
      rows.push({
        bench: BENCH,
        case: label,
        metric: o.extraBytes.metric,
        value: o.extraBytes.value,
        unit: 'B/edge',
        note: o.extraBytes.note,
      });
    }
    rows.push({
      bench: BENCH,
      case: label,
      metric: 'query mean',
      value: m,
      unit: 'ms',
      ratio: m / fastestMean,
      note: o.engine === 'amur-ch' ? ratioNote : undefined,
    });
    if (!o.batchOnly) {
      rows.push({ bench: BENCH, case: label, metric: 'query p50', value: percentile(times, 50), unit: 'ms' });
      rows.push({ bench: BENCH, case: label, metric: 'query p95', value: percentile(times, 95), unit: 'ms' });
    }
    rows.push({
      bench: BENCH,
      case: label,
      metric: 'path-length mismatches',
      value: mismatches,
      unit: `of ${pairCount}`,
      note:
        mismatches === 0
          ? undefined
          : o.engine.startsWith('amur-')
            ? 'FAIL: lengths differ from Dijkstra beyond 1e-9'
            : 'peer FAIL: its lengths differ from Dijkstra beyond 1e-9 (not Amur: the run still succeeds)',
    });
  }
  return rows;
}

/** A compact engine × metric table for the README. */
export function summaryTable(rows: BenchRow[]): string {
  const cases = [...new Set(rows.map((r) => r.case))];
  const get = (c: string, metric: string) => rows.find((r) => r.case === c && r.metric === metric);
  const fmt = (v: number | undefined, digits: number) =>
    v === undefined || Number.isNaN(v)
      ? '–'
      : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const lines = [
    '| engine | preprocessing (s) | memory (B/edge) | query mean (ms) | p50 (ms) | p95 (ms) | mean ÷ fastest peer | mismatches |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of cases) {
    const failed = get(c, 'did not run');
    if (failed) {
      lines.push(`| ${c} | did not run: ${failed.note} | | | | | | |`);
      continue;
    }
    const mean = get(c, 'query mean');
    lines.push(
      `| ${c} | ${fmt(get(c, 'preprocessing')?.value, 1)} | ${fmt(get(c, 'memory per edge')?.value, 0)} | ${fmt(mean?.value, 3)} | ${fmt(get(c, 'query p50')?.value, 3)} | ${fmt(get(c, 'query p95')?.value, 3)} | ${mean?.ratio === undefined ? '–' : mean.ratio < 0.1 ? `1/${(1 / mean.ratio).toFixed(0)}` : mean.ratio.toFixed(2)} | ${get(c, 'path-length mismatches')?.value ?? '–'} |`,
    );
  }
  return lines.join('\n');
}

export function parseArgs(argv: string[]): RoadGraphOptions {
  const o = parseFlags<RoadGraphOptions>(argv, {
    '--pairs': ['pairs', 'int'],
    '--seed': ['seed', 'int'],
    '--engines': ['engines', 'list'],
    '--graph': ['graph', 'text'],
  });
  if (o.pairs !== undefined && !(o.pairs > 0)) throw new Error('--pairs must be a positive integer');
  return o;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/road-graph.ts')) {
  const rows = await run(parseArgs(process.argv.slice(2)));
  console.log(formatTable(rows));
  console.log();
  console.log(summaryTable(rows));
}
