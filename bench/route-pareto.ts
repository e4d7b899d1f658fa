/**
 * Date-aware Pareto queries on the bundled atlas: seeded random origin and
 * destination places and departure dates (2019–2024, so seasons, ice roads
 * and status dates all come into play), FEU, `optimize: pareto` (the three
 * exact single-criterion searches plus the multi-label search with 5% slack).
 * Reports per-query p50, p95 and mean (goal: p95 < 50 ms), the same for
 * earliest-arrival queries, and the network compile time (scenarios compile
 * per request).
 *
 * `node bin/run-ts.js bench/route-pareto.ts [--queries 300] [--seed 7]`.
 */
import { loadAtlas } from '../src/atlas/load.ts';
import { loadProfile } from '../src/costs/profile.ts';
import { compileNetwork } from '../src/network/compile.ts';
import { route } from '../src/routing/index.ts';
import { SearchContext } from '../src/routing/search.ts';
import { scalarAll } from '../src/routing/tree.ts';
import { parseFlags } from './lib/args.ts';
import { mulberry32 } from './lib/prng.ts';
import { type BenchRow, formatTable, mean, percentile } from './lib/rows.ts';

const BENCH = 'route-pareto';
const GOAL_P95_MS = 50;

export interface RouteParetoOptions {
  queries?: number;
  seed?: number;
  compiles?: number;
}

export async function routeParetoRows(o: RouteParetoOptions = {}): Promise<BenchRow[]> {
  const queries = o.queries ?? 300;
  const rnd = mulberry32(o.seed ?? 7);
  const { atlas } = loadAtlas();
  const profile = loadProfile();
  const rows: BenchRow[] = [];

  // compile time
  const compileMs: number[] = [];
  let net = compileNetwork(atlas, profile);
  for (let i = 0; i < (o.compiles ?? 30); i++) {
    const t = performance.now();
    net = compileNetwork(atlas, profile);
    compileMs.push(performance.now() - t);
  }
  rows.push(
    {
      bench: BENCH,
      case: 'compile atlas network',
      metric: 'p50',
      value: percentile(compileMs, 50),
      unit: 'ms',
      note: `${net.nodeCount} nodes, ${net.edgeCount} edges, ${atlas.places.length} places`,
    },
    {
      bench: BENCH,
      case: 'compile atlas network',
      metric: 'p95',
      value: percentile(compileMs, 95),
      unit: 'ms',
    },
  );

  // endpoints: places an FEU can start from and reach Harbin with (the connected part of the atlas
  // for containers; places without a container capability and without roads cannot be endpoints)
  const hub = net.placeIndex.get('harbin') ?? 0;
  const reach = scalarAll(
    new SearchContext(net, { cargo: 'feu', startMs: Date.UTC(2023, 5, 1), horizonDays: 400 }),
    net.gateNode[hub],
    'time',
  );
  const ids = net.places.filter((_, i) => Number.isFinite(reach.value[net.gateNode[i]])).map((p) => p.id);
  rows.push({
    bench: BENCH,
    case: 'query endpoints',
    metric: 'places',
    value: ids.length,
    unit: 'count',
    note: `of ${net.places.length}: connected to Harbin for FEU`,
  });
  const pairs: { from: string; to: string; date: string }[] = [];
  while (pairs.length < queries) {
    const from = ids[Math.floor(rnd() * ids.length)];
    const to = ids[Math.floor(rnd() * ids.length)];
    if (from === to) continue;
    const day = Math.floor(rnd() * 6 * 365);
    const date = new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    pairs.push({ from, to, date });
  }
  // warm-up
  for (const p of pairs.slice(0, 10)) route(net, { ...p, cargo: 'feu', optimize: 'pareto' });

  for (const optimize of ['pareto', 'time'] as const) {
    const ms: number[] = [];
    const sizes: number[] = [];
    let found = 0;
    for (const p of pairs) {
      const t = performance.now();
      const r = route(net, { ...p, cargo: 'feu', optimize });
      ms.push(performance.now() - t);
      sizes.push(r.itineraries.length);
      if (r.itineraries.length > 0) found++;
    }
    const label = optimize === 'pareto' ? 'Pareto query (time, cost, CO2e)' : 'earliest-arrival query';
    const p95 = percentile(ms, 95);
    rows.push(
      { bench: BENCH, case: label, metric: 'p50', value: percentile(ms, 50), unit: 'ms' },
      {
        bench: BENCH,
        case: label,
        metric: 'p95',
        value: p95,
        unit: 'ms',
        ratio: p95 / GOAL_P95_MS,
        note: `ratio = p95 / ${GOAL_P95_MS} ms goal; ${queries} seeded queries, ${found} with a route`,
      },
      { bench: BENCH, case: label, metric: 'mean', value: mean(ms), unit: 'ms' },
      { bench: BENCH, case: label, metric: 'itineraries per answer', value: mean(sizes), unit: 'count' },
    );
  }
  return rows;
}

/** Entry point for `bench/run.ts` (which passes `parseArgs(argv)`), or with raw arguments. */
export async function run(args: RouteParetoOptions | string[] = {}): Promise<BenchRow[]> {
  return routeParetoRows(Array.isArray(args) ? parseArgs(args) : args);
}

export function parseArgs(argv: string[]): RouteParetoOptions {
  const o = parseFlags<RouteParetoOptions>(argv, {
    '--queries': ['queries', 'int'],
    '--seed': ['seed', 'int'],
    '--compiles': ['compiles', 'int'],
  });
  if (o.queries !== undefined && !(o.queries > 0)) throw new Error('--queries must be a positive integer');
  return o;
}

if (process.argv[1]?.endsWith('bench/route-pareto.ts')) {
  console.log(formatTable(await run(process.argv.slice(2))));
}
