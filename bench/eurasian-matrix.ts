/**
 * A 500 × 500 earliest-arrival matrix on the Eurasian multimodal graph (atlas
 * + OSM Russian railways + MARNET 20 km; see bench/lib/eurasian.ts) on two
 * cores: two worker threads each build the network once, then take chunks of
 * rows from a shared queue until the matrix is done. The matrix time is the
 * wall time from the first chunk handed out to the last chunk back.
 *
 * Engines: the router's `matrix()` (src/routing/index.ts: date-aware
 * one-to-all search per origin, calendars evaluated — the NSR season, ferry
 * and ice-road seasons), and, for comparison, a static Dijkstra
 * (src/graph/static.ts) one-to-all on the compiled FEU hours with calendars
 * ignored, which must never be slower-arriving than the router (a check).
 *
 * `node bin/run-ts.js bench/eurasian-matrix.ts [--places 500] [--workers 2]
 * [--date 2024-08-01]`, or `npm run bench -- eurasian-matrix`.
 */
import { Worker } from 'node:worker_threads';
import { type BenchRow, formatTable } from './lib/rows.ts';
import { sharedDataAvailable } from './lib/shared.ts';

const BENCH = 'eurasian-matrix';

export interface EurasianMatrixOptions {
  places?: number;
  workers?: number;
  date?: string;
  chunk?: number;
  log?: (line: string) => void;
}

interface Ready {
  kind: 'ready';
  ms: { atlas: number; import: number; compile: number };
  nodes: number;
  edges: number;
  places: number;
  extraStations: number;
}
interface Rows {
  kind: 'rows';
  start: number;
  values: (number | null)[][];
  ms: number;
}

function startWorker(data: object): { worker: Worker; ready: Promise<Ready> } {
  const worker = new Worker(new URL('./lib/ts-worker.js', import.meta.url), {
    workerData: { entry: new URL('./lib/matrix-worker.ts', import.meta.url).href, ...data },
  });
  const ready = new Promise<Ready>((resolve, reject) => {
    worker.once('message', (m: Ready) => resolve(m));
    worker.once('error', reject);
  });
  return { worker, ready };
}

/** Runs all rows on the workers with a shared queue of chunks; returns the matrix and the wall time. */
async function runMatrix(
  workers: Worker[],
  engine: 'router' | 'static',
  n: number,
  chunk: number,
): Promise<{ values: (number | null)[][]; wallMs: number; busyMs: number[] }> {
  const values: (number | null)[][] = new Array(n);
  let next = 0;
  const busyMs = workers.map(() => 0);
  const t0 = performance.now();
  await Promise.all(
    workers.map(
      (w, wi) =>
        new Promise<void>((resolve, reject) => {
          const give = () => {
            if (next >= n) {
              w.off('message', onMessage);
              resolve();
              return;
            }
            const start = next;
            next = Math.min(n, next + chunk);
            w.postMessage({ kind: 'rows', engine, start, end: next });
          };
          const onMessage = (m: Rows) => {
            m.values.forEach((row, k) => {
              values[m.start + k] = row;
            });
            busyMs[wi] += m.ms;
            give();
          };
          w.on('message', onMessage);
          w.once('error', reject);
          give();
        }),
    ),
  );
  return { values, wallMs: performance.now() - t0, busyMs };
}

export async function run(options: EurasianMatrixOptions = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const places = options.places ?? 500;
  const workerCount = options.workers ?? 2;
  const date = options.date ?? '2024-08-01';
  const chunk = options.chunk ?? 10;
  for (const rel of ['geo/russian-railways-osm', 'geo/marnet-eurostat']) {
    if (!sharedDataAvailable(rel)) {
      log(`${BENCH}: skipped: ../shared/data/${rel} not found`);
      return [{ bench: BENCH, case: 'all', metric: 'skipped', value: 0, unit: '', note: `${rel} not found` }];
    }
  }
  log(`${BENCH}: ${places} × ${places}, ${workerCount} worker threads, FEU, departure ${date} 08:00 local`);
  const started =
    workerCount > 0
      ? [...Array(workerCount)].map(() => startWorker({ count: places, date, cargo: 'feu', metric: 'time' }))
      : [];
  const t0 = performance.now();
  const readies = await Promise.all(started.map((s) => s.ready));
  const buildWallMs = performance.now() - t0;
  const workers = started.map((s) => s.worker);
  const info = readies[0];
  log(
    `  network: ${info.nodes.toLocaleString('en-US')} nodes, ${info.edges.toLocaleString('en-US')} edges; ${info.places} places (${info.extraStations} OSM stations added); built in ${(buildWallMs / 1000).toFixed(1)} s per worker, in parallel`,
  );
  const rows: BenchRow[] = [];
  const cells = places * places;
  try {
    rows.push(
      { bench: BENCH, case: 'network', metric: 'nodes', value: info.nodes, unit: 'count' },
      { bench: BENCH, case: 'network', metric: 'edges', value: info.edges, unit: 'count' },
      {
        bench: BENCH,
        case: 'network',
        metric: 'build (import + compile)',
        value: (info.ms.atlas + info.ms.import + info.ms.compile) / 1000,
        unit: 's',
        note: `atlas ${(info.ms.atlas / 1000).toFixed(1)} s, GeoJSON import ${(info.ms.import / 1000).toFixed(1)} s, compile ${(info.ms.compile / 1000).toFixed(1)} s (each worker)`,
      },
    );
    const router = await runMatrix(workers, 'router', places, chunk);
    const unreachable = router.values.flat().filter((v) => v === null).length;
    log(`  router matrix(): ${(router.wallMs / 1000).toFixed(2)} s wall, ${unreachable} unreachable cells`);
    rows.push(
      {
        bench: BENCH,
        case: 'router matrix() (date-aware)',
        metric: `${places}×${places} on ${workerCount} threads`,
        value: router.wallMs / 1000,
        unit: 's',
        ratio: router.wallMs / 10_000,
        note: 'ratio = time ÷ the 10 s goal',
      },
      {
        bench: BENCH,
        case: 'router matrix() (date-aware)',
        metric: 'per origin (one-to-all)',
        value: router.busyMs.reduce((a, b) => a + b, 0) / places,
        unit: 'ms',
      },
      {
        bench: BENCH,
        case: 'router matrix() (date-aware)',
        metric: 'unreachable cells',
        value: unreachable,
        unit: `of ${cells}`,
      },
    );
    const stat = await runMatrix(workers, 'static', places, chunk);
    let violations = 0;
    for (let i = 0; i < places; i++) {
      for (let j = 0; j < places; j++) {
        const r = router.values[i][j];
        const s = stat.values[i][j];
        // calendars only delay: the static time must not exceed the date-aware one (0.01 h rounding of matrix())
        if (r !== null && (s === null || s > r + 0.01)) violations++;
      }
    }
    log(
      `  static Dijkstra: ${(stat.wallMs / 1000).toFixed(2)} s wall; ${violations} cells where static > date-aware`,
    );
    rows.push(
      {
        bench: BENCH,
        case: 'static Dijkstra (calendars ignored)',
        metric: `${places}×${places} on ${workerCount} threads`,
        value: stat.wallMs / 1000,
        unit: 's',
        ratio: stat.wallMs / 10_000,
      },
      {
        bench: BENCH,
        case: 'static Dijkstra (calendars ignored)',
        metric: 'cells slower than date-aware',
        value: violations,
        unit: `of ${cells}`,
        note:
          violations > 0
            ? 'FAIL: a lower bound above the date-aware time'
            : 'check: static ≤ date-aware everywhere',
      },
    );
  } finally {
    for (const w of workers) await w.terminate();
  }
  return rows;
}

function parseArgs(argv: string[]): EurasianMatrixOptions {
  const o: EurasianMatrixOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--places') o.places = Number.parseInt(v, 10);
    else if (a === '--workers') o.workers = Number.parseInt(v, 10);
    else if (a === '--date') o.date = v;
    else if (a === '--chunk') o.chunk = Number.parseInt(v, 10);
    else continue;
    i++;
  }
  return o;
}

export { parseArgs };

if (process.argv[1]?.endsWith('bench/eurasian-matrix.ts')) {
  console.log(formatTable(await run(parseArgs(process.argv.slice(2)))));
}
