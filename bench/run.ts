/**
 * `npm run bench [-- NAME … [--flag value …]]`: runs the benchmarks in one
 * run and prints one table; writes `bench/results/latest.md` and
 * `bench/results/latest.json` (rows + machine + commit).
 *
 * A benchmark is a module `bench/NAME.ts` exporting `run(…) → Promise<BenchRow[]>`
 * (rows `{ bench, case, metric, value, unit, ratio?, note? }`, bench/lib/rows.ts),
 * and optionally `parseArgs(argv)`: then `run(parseArgs(argv))` is called, else
 * `run(argv)`. Modules that are not there are skipped with a note. Names given
 * on the command line select a subset; flags after the names go to every
 * selected benchmark (each ignores the flags it does not know).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchRow, formatTable } from './lib/rows.ts';

export const BENCHMARKS = [
  'route-pareto',
  'road-graph',
  'eurasian-matrix',
  'trade-import',
  'trade-indicators',
  'assign',
  'load',
  'hostile-load',
  'osm-import',
  'cli-latency',
] as const;

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

interface BenchModule {
  run: (arg: unknown) => Promise<BenchRow[]>;
  parseArgs?: (argv: string[]) => unknown;
  summaryTable?: (rows: BenchRow[]) => string;
}

export function machine(): Record<string, string | number> {
  const cpu = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: BENCH_DIR,
      encoding: 'utf8',
    }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
    date: new Date().toISOString(),
    /** 1-minute load average at the start (other work on the machine skews timings). */
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function parseRunArgs(argv: string[]): { names: string[]; rest: string[] } {
  const names: string[] = [];
  let i = 0;
  for (; i < argv.length && !argv[i].startsWith('-'); i++) names.push(argv[i]);
  for (const n of names) {
    if (!(BENCHMARKS as readonly string[]).includes(n)) {
      throw new Error(`unknown benchmark "${n}" (valid: ${BENCHMARKS.join(', ')})`);
    }
  }
  return { names: names.length > 0 ? names : [...BENCHMARKS], rest: argv.slice(i) };
}

async function main(): Promise<void> {
  const { names, rest } = parseRunArgs(process.argv.slice(2));
  const info = machine();
  process.stderr.write(
    `amur bench: ${names.join(', ')} on ${info.cpu} (${info.cores} cores, ${info.memoryGiB} GiB), Node ${info.node}, commit ${info.commit}\n`,
  );
  const rows: BenchRow[] = [];
  const extras: string[] = [];
  for (const name of names) {
    const file = `${BENCH_DIR}${name}.ts`;
    if (!existsSync(file)) {
      rows.push({
        bench: name,
        case: 'all',
        metric: 'not run',
        value: Number.NaN,
        unit: '',
        note: `bench/${name}.ts is not there`,
      });
      continue;
    }
    const started = performance.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as BenchModule;
      if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts exports no run()`);
      const out = await mod.run(mod.parseArgs ? mod.parseArgs(rest) : rest);
      rows.push(...out);
      if (mod.summaryTable) extras.push(`### ${name}\n\n${mod.summaryTable(out)}`);
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      process.stderr.write(`amur bench: ${name} failed: ${message}\n`);
      rows.push({ bench: name, case: 'all', metric: 'failed', value: Number.NaN, unit: '', note: message });
    }
    process.stderr.write(
      `amur bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
  info.loadAverage15mAtEnd = Math.round(loadavg()[2] * 100) / 100;
  const table = formatTable(rows);
  console.log(table);
  const resultsDir = `${BENCH_DIR}results`;
  mkdirSync(resultsDir, { recursive: true });
  const header = Object.entries(info)
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n');
  writeFileSync(
    `${resultsDir}/latest.md`,
    `# Benchmark results\n\n\`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`\n\n${header}\n\n${table}\n${extras.length > 0 ? `\n## Summaries\n\n${extras.join('\n\n')}\n` : ''}`,
  );
  writeFileSync(
    `${resultsDir}/latest.json`,
    `${JSON.stringify({ machine: info, args: process.argv.slice(2), rows }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  process.stderr.write(`amur bench: wrote bench/results/latest.md and latest.json\n`);
  // Amur's own failures (wrong lengths, a broken bound) fail the run; a peer's wrong answers are reported only
  if (rows.some((r) => r.note?.startsWith('FAIL'))) process.exitCode = 1;
}

if (process.argv[1]?.endsWith('bench/run.ts')) await main();
