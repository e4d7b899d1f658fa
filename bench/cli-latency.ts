/**
 * Whole-process wall time of the `amur` command line: the median of `--runs`
 * (default 7, at least 5) runs after `--warmup` (default 1) of
 *
 *   node -e 0                                   the peer every ratio refers to
 *   amur --help                                 goal ≤ 0.2 s
 *   amur atlas search heihe
 *   amur route Благовещенск Harbin --date 2023-04-20 --cargo feu    goal ≤ 0.5 s
 *   amur trade sources                          goal ≤ 0.6 s
 *
 * each as `node bin/amur.js …`, a new process every run, output discarded;
 * on Linux also the median CPU time (user + system) of the same runs, which a
 * machine busy with other work skews far less than wall time.
 * Amur runs its compiled build (dist/, brought up to date first, as `npm
 * install` does; AMUR_RUN_FROM=dist). The warm-up fills what a user's first
 * run fills: the atlas cache (a temporary AMUR_CACHE_DIR) and the trade store
 * (a temporary AMUR_DB with the seed tables).
 *
 * Peers: `--src` also times the development fallback (the TypeScript sources
 * through tsx, AMUR_RUN_FROM=src); `--baseline DIR` also times the same
 * commands with another checkout's bin/amur.js (an older commit, for a
 * before/after; it runs as that checkout runs by default).
 *
 *   node bin/run-ts.js bench/cli-latency.ts [--runs 7] [--warmup 1] [--src] [--baseline DIR]
 *   npm run bench -- cli-latency
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../bin/build-stamp.js';
import { buildSources } from '../scripts/build.js';
import { parseFlags } from './lib/args.ts';
import { type BenchRow, formatTable, percentile } from './lib/rows.ts';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface CliLatencyOptions {
  runs?: number;
  warmup?: number;
  /** Also time the sources through tsx. */
  src?: boolean;
  /** Also time another checkout's bin/amur.js. */
  baseline?: string;
}

interface Case {
  name: string;
  args: string[];
  goalS?: number;
}

const CASES: Case[] = [
  { name: 'amur --help', args: ['--help'], goalS: 0.2 },
  { name: 'amur atlas search heihe', args: ['atlas', 'search', 'heihe'] },
  {
    name: 'amur route Благовещенск Harbin --date 2023-04-20 --cargo feu',
    args: ['route', 'Благовещенск', 'Harbin', '--date', '2023-04-20', '--cargo', 'feu'],
    goalS: 0.5,
  },
  { name: 'amur trade sources', args: ['trade', 'sources'], goalS: 0.6 },
];

/**
 * CPU seconds (user + system) of this process's finished children, from
 * /proc/self/stat (Linux; clock ticks of 10 ms): a measure that a busy
 * machine inflates far less than wall time. Undefined elsewhere.
 */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime
  } catch {
    return undefined;
  }
}

/** Wall and CPU seconds of one whole process (spawn to exit); throws with its stderr when it fails. */
function timeOnce(args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu?: number } {
  const c0 = childCpuSeconds();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c1 = childCpuSeconds();
  if (r.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return { wall, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
}

interface Timing {
  median: number;
  min: number;
  max: number;
  cpuMedian?: number;
}

function timeMany(
  args: string[],
  env: NodeJS.ProcessEnv,
  o: Required<Pick<CliLatencyOptions, 'runs' | 'warmup'>>,
): Timing {
  for (let i = 0; i < o.warmup; i++) timeOnce(args, env);
  const runs = Array.from({ length: o.runs }, () => timeOnce(args, env));
  const times = runs.map((r) => r.wall);
  const cpus = runs.map((r) => r.cpu);
  const cpuMedian = cpus.every((c) => c !== undefined) ? percentile(cpus as number[], 50) : undefined;
  return { median: percentile(times, 50), min: Math.min(...times), max: Math.max(...times), cpuMedian };
}

export async function run(opts: CliLatencyOptions = {}): Promise<BenchRow[]> {
  const o = { runs: Math.max(5, opts.runs ?? 7), warmup: Math.max(1, opts.warmup ?? 1) };
  if (!buildIsFresh()) await buildSources();
  const tmp = mkdtempSync(join(tmpdir(), 'amur-cli-latency-'));
  const rows: BenchRow[] = [];
  try {
    const baseEnv = {
      ...process.env,
      NO_COLOR: '1',
      AMUR_CACHE_DIR: join(tmp, 'cache'),
      AMUR_DB: join(tmp, 'trade.duckdb'),
    };
    const node = timeMany(['-e', '0'], baseEnv, o);
    const row = (c: string, peer: string, t: Timing, goalS?: number): BenchRow => ({
      bench: 'cli-latency',
      case: c,
      metric: `median wall, ${peer}`,
      value: Math.round(t.median * 1000) / 1000,
      unit: 's',
      ratio: Math.round((t.median / node.median) * 100) / 100,
      note: `ratio to node -e 0; ${o.runs} runs after ${o.warmup} warm-up, min ${t.min.toFixed(3)} max ${t.max.toFixed(3)} s${goalS ? `; goal ≤ ${goalS} s` : ''}; load ${loadavg()[0].toFixed(1)}`,
    });
    const cpuRow = (c: string, peer: string, t: Timing): BenchRow[] =>
      t.cpuMedian === undefined || node.cpuMedian === undefined
        ? []
        : [
            {
              bench: 'cli-latency',
              case: c,
              metric: `median CPU (user+sys), ${peer}`,
              value: Math.round(t.cpuMedian * 100) / 100,
              unit: 's',
              ratio: node.cpuMedian > 0 ? Math.round((t.cpuMedian / node.cpuMedian) * 100) / 100 : undefined,
              note: 'ratio to node -e 0 CPU; 10 ms resolution; less skewed by a busy machine than wall time',
            },
          ];
    rows.push(row('node -e 0', 'node', node), ...cpuRow('node -e 0', 'node', node));
    const peers: { peer: string; bin: string; env: NodeJS.ProcessEnv }[] = [
      {
        peer: 'compiled (dist/)',
        bin: join(REPO, 'bin/amur.js'),
        env: { ...baseEnv, AMUR_RUN_FROM: 'dist' },
      },
    ];
    if (opts.src)
      peers.push({
        peer: 'sources (tsx)',
        bin: join(REPO, 'bin/amur.js'),
        env: { ...baseEnv, AMUR_RUN_FROM: 'src' },
      });
    if (opts.baseline)
      peers.push({
        peer: `baseline ${opts.baseline}`,
        bin: join(resolve(opts.baseline), 'bin/amur.js'),
        env: { ...baseEnv, AMUR_DB: join(tmp, 'baseline.duckdb') },
      });
    for (const p of peers)
      for (const c of CASES) {
        process.stderr.write(`cli-latency: ${c.name} (${p.peer})\n`);
        const t = timeMany([p.bin, ...c.args], p.env, o);
        rows.push(row(c.name, p.peer, t, c.goalS), ...cpuRow(c.name, p.peer, t));
      }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

export function parseArgs(argv: string[]): CliLatencyOptions {
  const o = parseFlags<CliLatencyOptions>(argv, {
    '--runs': ['runs', 'int'],
    '--warmup': ['warmup', 'int'],
    '--src': ['src', 'switch'],
    '--baseline': ['baseline', 'text'],
  });
  if (o.runs !== undefined && !(o.runs >= 5)) throw new Error('--runs must be a whole number of 5 or more');
  return o;
}

if (process.argv[1]?.endsWith('bench/cli-latency.ts')) {
  console.log(formatTable(await run(parseArgs(process.argv.slice(2)))));
}
