/**
 * Flow assignment on the atlas network: 10,000 seeded random OD pairs (distinct
 * place pairs, cargo 50% TEU / 40% dry bulk / 10% liquid bulk, 1–100 kt a
 * year each) × 12 months, all-or-nothing and 20 Frank–Wolfe iterations (the
 * gap target set to 0 so that all 20 run). Reports time, trees, the final
 * relative gap and the peak resident memory; goal: each under 60 s on 2
 * cores (and Frank–Wolfe again on two worker threads). Also the time to apply each shipped scenario and compile its
 * network (done per request by `amur scenario diff` and the API).
 *
 * `node bin/run-ts.js bench/assign.ts [--pairs 10000] [--iterations 20] [--seed 11]`.
 */
import { loadAtlas } from '../src/atlas/load.ts';
import { loadProfile } from '../src/costs/profile.ts';
import { buildScenario } from '../src/scenarios/apply.ts';
import { assign } from '../src/scenarios/assign.ts';
import { assignParallel } from '../src/scenarios/assign-parallel.ts';
import { listScenarios, loadScenario } from '../src/scenarios/load.ts';
import type { DemandRow, DemandTable } from '../src/scenarios/schema.ts';
import { parseFlags } from './lib/args.ts';
import { mulberry32 } from './lib/prng.ts';
import { type BenchRow, formatTable, mean, percentile } from './lib/rows.ts';

const BENCH = 'assign';
const GOAL_S = 60;

/** An assignment's wall time, as a ratio to the goal. */
const timeRow = (label: string, s: number): BenchRow => ({
  bench: BENCH,
  case: label,
  metric: 'time',
  value: s,
  unit: 's',
  ratio: s / GOAL_S,
  note: `ratio to the ${GOAL_S} s goal`,
});

export interface AssignBenchOptions {
  pairs?: number;
  iterations?: number;
  seed?: number;
  compiles?: number;
}

const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
/** Peak resident set size so far, bytes (Linux reports maxRSS in KiB). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

export function randomDemand(placeIds: string[], n: number, seed: number): DemandTable {
  const rnd = mulberry32(seed);
  const seen = new Set<string>();
  const rows: DemandRow[] = [];
  const max = placeIds.length * (placeIds.length - 1);
  while (rows.length < Math.min(n, max)) {
    const a = placeIds[Math.floor(rnd() * placeIds.length)];
    const b = placeIds[Math.floor(rnd() * placeIds.length)];
    if (a === b || seen.has(`${a}|${b}`)) continue;
    seen.add(`${a}|${b}`);
    const r = rnd();
    const cargo = r < 0.5 ? 'teu' : r < 0.9 ? 'bulk' : 'liquid';
    rows.push({ from: a, to: b, commodity: cargo, cargo, tonnesPerYear: Math.round(1000 + rnd() * 99_000) });
  }
  return { unit: 'tonnes/yr', rows };
}

export async function assignRows(o: AssignBenchOptions = {}): Promise<BenchRow[]> {
  const n = o.pairs ?? 10_000;
  const iterations = o.iterations ?? 20;
  const { atlas } = loadAtlas();
  const profile = loadProfile();
  const rows: BenchRow[] = [];

  // apply + compile per scenario
  for (const s of listScenarios()) {
    const scenario = loadScenario(s.id);
    const apply: number[] = [];
    const compile: number[] = [];
    for (let i = 0; i < (o.compiles ?? 10); i++) {
      const b = buildScenario(atlas, profile, scenario);
      apply.push(b.applyMs);
      compile.push(b.compileMs);
    }
    rows.push(
      {
        bench: BENCH,
        case: `scenario ${s.id}`,
        metric: 'apply p50',
        value: percentile(apply, 50),
        unit: 'ms',
      },
      {
        bench: BENCH,
        case: `scenario ${s.id}`,
        metric: 'compile p50',
        value: percentile(compile, 50),
        unit: 'ms',
      },
    );
  }

  const current = buildScenario(atlas, profile, loadScenario('current'));
  const demand = randomDemand(
    atlas.places.map((p) => p.id),
    n,
    o.seed ?? 11,
  );
  const rss0 = peakRss();
  for (const method of ['aon', 'fw'] as const) {
    const t = performance.now();
    const r = assign(current.network, current.atlas, demand, {
      method,
      iterations: method === 'fw' ? iterations : 1,
      gapTarget: 0,
    });
    const s = (performance.now() - t) / 1000;
    const label =
      method === 'aon'
        ? `all-or-nothing, ${n} OD × 12 months`
        : `Frank–Wolfe ${iterations} it., ${n} OD × 12 months`;
    const last = r.iterations.at(-1);
    rows.push(
      timeRow(label, s),
      { bench: BENCH, case: label, metric: 'trees', value: r.stats.trees, unit: 'count' },
      {
        bench: BENCH,
        case: label,
        metric: 'tree mean',
        value: (s * 1000) / Math.max(1, r.stats.trees),
        unit: 'ms',
      },
      {
        bench: BENCH,
        case: label,
        metric: 'peak RSS',
        value: mib(peakRss()),
        unit: 'MiB',
        note: `before: ${mib(rss0)} MiB`,
      },
      {
        bench: BENCH,
        case: label,
        metric: 'assigned share',
        value: r.totals.assigned / r.totals.demand,
        unit: 'ratio',
      },
    );
    if (method === 'fw' && last?.relativeGap !== null && last?.relativeGap !== undefined)
      rows.push({
        bench: BENCH,
        case: label,
        metric: 'final relative gap',
        value: last.relativeGap,
        unit: 'ratio',
      });
    if (method === 'fw')
      rows.push({
        bench: BENCH,
        case: label,
        metric: 'iteration mean',
        value: mean(r.iterations.map((i) => i.ms)),
        unit: 'ms',
      });
  }
  // the same Frank–Wolfe on two worker threads (months dealt to them)
  {
    const t = performance.now();
    const r = await assignParallel(current.atlas, current.profile, demand, {
      method: 'fw',
      iterations,
      gapTarget: 0,
      workers: 2,
    });
    const s = (performance.now() - t) / 1000;
    const label = `Frank–Wolfe ${iterations} it., ${n} OD × 12 months, 2 workers`;
    rows.push(
      timeRow(label, s),
      {
        bench: BENCH,
        case: label,
        metric: 'peak RSS (main thread process)',
        value: mib(peakRss()),
        unit: 'MiB',
      },
      {
        bench: BENCH,
        case: label,
        metric: 'final relative gap',
        value: r.iterations.at(-1)?.relativeGap ?? Number.NaN,
        unit: 'ratio',
      },
    );
  }
  return rows;
}

/** Entry point for `bench/run.ts` (which passes `parseArgs(argv)`), or with raw arguments. */
export async function run(args: AssignBenchOptions | string[] = {}): Promise<BenchRow[]> {
  return assignRows(Array.isArray(args) ? parseArgs(args) : args);
}

export function parseArgs(argv: string[]): AssignBenchOptions {
  const o = parseFlags<AssignBenchOptions>(argv, {
    '--pairs': ['pairs', 'int'],
    '--iterations': ['iterations', 'int'],
    '--seed': ['seed', 'int'],
    '--compiles': ['compiles', 'int'],
  });
  if (o.pairs !== undefined && !(o.pairs > 0)) throw new Error('--pairs must be a positive integer');
  return o;
}

if (process.argv[1]?.endsWith('bench/assign.ts')) {
  console.log(formatTable(await run(process.argv.slice(2))));
}
