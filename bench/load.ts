/**
 * Load on the HTTP server: autocannon on loopback against the route, trade,
 * atlas and search endpoints, 50 concurrent connections for 30 s per case
 * (the setting). The server runs as its own process (`amur serve`,
 * the network compiled at start, a temporary trade store, the rate limit
 * lifted for the run) so that the load generator does not share its event
 * loop. Reports requests/s, p50 and p99 latency and errors per case; goal: no
 * errors and p99 ≤ 100 ms for atlas route queries on 2 cores (issue 11).
 *
 * Route queries cycle through a fixed, seeded set of origin–destination
 * pairs and dates (2019–2024, so seasons, ice roads and status dates play a
 * part): the server caches no route, so every request is a search.
 *
 * `node bin/run-ts.js bench/load.ts [--duration 30] [--connections 50] [--cases route-time,trade-query]`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAtlas } from '../src/atlas/load.ts';
import { mulberry32 } from './lib/prng.ts';
import { type BenchRow, formatTable } from './lib/rows.ts';

/** The part of autocannon's API used here (the package ships no types). */
interface Histogram {
  average: number;
  total: number;
  p50: number;
  p99: number;
}
export interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}
export type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  requests: { method: string; path: string; body?: string; headers?: Record<string, string> }[];
}) => Promise<AutocannonResult>;
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const BENCH = 'load';
const GOAL_P99_MS = 100;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface LoadOptions {
  duration?: number;
  connections?: number;
  /** Case ids to run (default all). */
  cases?: string[];
  seed?: number;
}

interface Case {
  id: string;
  label: string;
  requests: { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }[];
  /** The p99 goal applies to this case. */
  goal?: boolean;
}

function routeRequests(optimize: 'time' | 'pareto', seed: number, n = 200): Case['requests'] {
  const { atlas } = loadAtlas();
  const ids = atlas.places.map((p) => p.id);
  const rnd = mulberry32(seed);
  const out: Case['requests'] = [];
  while (out.length < n && ids.length > 1) {
    const a = ids[Math.floor(rnd() * ids.length)];
    const b = ids[Math.floor(rnd() * ids.length)];
    if (a === b) continue;
    const year = 2019 + Math.floor(rnd() * 6);
    const day = 1 + Math.floor(rnd() * 365);
    const date = new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
    out.push({ method: 'GET', path: `/api/route?from=${a}&to=${b}&date=${date}&optimize=${optimize}` });
  }
  return out;
}

function cases(seed: number): Case[] {
  const dates = Array.from(
    { length: 24 },
    (_, i) => `2024-${String((i % 12) + 1).padStart(2, '0')}-${i < 12 ? '05' : '20'}`,
  );
  return [
    {
      id: 'route-time',
      label: 'GET /api/route, earliest arrival',
      requests: routeRequests('time', seed),
      goal: true,
    },
    {
      id: 'route-pareto',
      label: 'GET /api/route, Pareto (time, cost, CO2e)',
      requests: routeRequests('pareto', seed + 1),
    },
    {
      id: 'trade-query',
      label: 'GET /api/trade/query',
      requests: [
        { method: 'GET', path: '/api/trade/query?source=heilongjiang-russia-2008-2018' },
        { method: 'GET', path: '/api/trade/query?reporter=CN-HL&partner=RUS&flow=export&year=2010-2018' },
        { method: 'GET', path: '/api/trade/query?source=heihe-top-exports-2016' },
      ],
    },
    {
      id: 'trade-indicator',
      label: 'GET /api/trade/indicators/growth',
      requests: [
        { method: 'GET', path: '/api/trade/indicators/growth?reporter=CN-HL&partner=RUS&flow=export' },
        { method: 'GET', path: '/api/trade/indicators/growth?reporter=CN-HL&partner=RUS&flow=import' },
      ],
    },
    {
      id: 'crossing-states',
      label: 'GET /api/atlas/crossings/state (24 dates)',
      requests: dates.map((d) => ({ method: 'GET' as const, path: `/api/atlas/crossings/state?date=${d}` })),
    },
    {
      id: 'search',
      label: 'GET /api/search (any script)',
      requests: ['黑河', 'Благовещенск', 'heihe', 'Harbn', 'Suifenhe', 'RUVVO', 'Забайкальск', '满洲里'].map(
        (q) => ({
          method: 'GET' as const,
          path: `/api/search?q=${encodeURIComponent(q)}`,
        }),
      ),
    },
  ];
}

/** Starts `amur serve` on a free loopback port; resolves with its URL once it listens. */
export async function startServer(
  dbPath: string,
  extraArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/amur.js'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--db',
      dbPath,
      '--rate-limit',
      '10000000',
      ...extraArgs,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`amur serve did not start in 120 s: ${err || out}`)),
      120_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`amur serve exited with code ${code}: ${err || out}`));
    });
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function loadRows(o: LoadOptions = {}): Promise<BenchRow[]> {
  const duration = o.duration ?? 30;
  const connections = o.connections ?? 50;
  const selected = cases(o.seed ?? 11).filter((c) => !o.cases || o.cases.includes(c.id));
  const dir = mkdtempSync(join(tmpdir(), 'amur-load-'));
  const rows: BenchRow[] = [];
  const { url, child } = await startServer(join(dir, 'trade.duckdb'));
  try {
    // open the trade store (first use loads the seed tables) before measuring
    await fetch(`${url}/api/trade/sources`);
    for (const c of selected) {
      // a short warm-up so that every worker has compiled and JIT-ed the paths
      await autocannon({ url, connections: 4, duration: 2, requests: c.requests });
      process.stderr.write(`amur bench: load ${c.id} (${connections} connections, ${duration} s)\n`);
      const r = await autocannon({ url, connections, duration, requests: c.requests, timeout: 30 });
      const errors = r.errors + r.timeouts + r.non2xx;
      const note = c.goal
        ? `goal p99 ≤ ${GOAL_P99_MS} ms and no errors: ${r.latency.p99 <= GOAL_P99_MS && errors === 0 ? 'met' : 'NOT met'}`
        : undefined;
      rows.push(
        { bench: BENCH, case: c.label, metric: 'requests/s', value: r.requests.average, unit: 'req/s' },
        { bench: BENCH, case: c.label, metric: 'latency p50', value: r.latency.p50, unit: 'ms' },
        {
          bench: BENCH,
          case: c.label,
          metric: 'latency p99',
          value: r.latency.p99,
          unit: 'ms',
          ...(c.goal ? { ratio: r.latency.p99 / GOAL_P99_MS } : {}),
          ...(note ? { note } : {}),
        },
        {
          bench: BENCH,
          case: c.label,
          metric: 'errors',
          value: errors,
          unit: 'count',
          note: `${r.requests.total} requests; ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
        },
      );
    }
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function parseArgs(argv: string[]): LoadOptions {
  const o: LoadOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--duration') o.duration = Number(v);
    else if (argv[i] === '--connections') o.connections = Number(v);
    else if (argv[i] === '--seed') o.seed = Number(v);
    else if (argv[i] === '--cases') o.cases = v.split(',');
    else continue;
    i++;
  }
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && !(Number.isFinite(v) && v > 0))
      throw new Error(`--${k} ${v}: expected a positive number`);
  }
  return o;
}

export async function run(args: LoadOptions | string[] = {}): Promise<BenchRow[]> {
  return loadRows(Array.isArray(args) ? parseArgs(args) : args);
}

if (process.argv[1]?.endsWith('bench/load.ts')) {
  const rows = await run(process.argv.slice(2));
  console.log(formatTable(rows));
}
