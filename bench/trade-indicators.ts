/**
 * Trade indicator benchmark: a fixed set of indicator queries on a synthetic,
 * seeded, Comtrade-shaped dataset, measured in one run through
 * - Amur's API (`computeIndicator` on the store: variant choice, level and
 *   world-row probes, notes, rows as JS objects),
 * - hand-written SQL on the same DuckDB database (the same computation and
 *   the same output columns, without Amur's filters, probes and notes; rows
 *   read out the same way), and
 * - Arquero 7 (in-memory JavaScript tables; the columns it needs are loaded
 *   once from DuckDB before the clock starts).
 *
 * The dataset (default about 3 M flows; `--flows N`): 60 reporters, 5 years
 * (2016–2020), exports and imports, K HS6 products (K from N):
 * - each reporter's trade with the world (partner WLD) by product;
 * - four bilateral rows per reporter, year, flow and product (noise that the
 *   queries must filter out, as in real Comtrade files);
 * - bilateral totals (commodity TOTAL) for every pair of reporters;
 * - world exports by product (`world_totals`), larger than the sum of the
 *   reporters (the rest of the world), as RCA needs.
 * Values come from DuckDB's `hash` of the seed and the row's keys, so the
 * data is the same for the same seed.
 *
 * Queries: growth by partner (year on year, bilateral totals, every reporter,
 * partner and flow), HHI of exports by product for every reporter-year, RCA
 * for every reporter-product pair of 2020, and the complementarity matrix of
 * 50 reporters (exports × imports, 2020). Each engine's results are checked
 * against the others (row count and a checksum) before anything is timed.
 *
 * Goals (issue 4): Amur ≥ 20× faster than Arquero, within 1.5× of the
 * hand-written SQL. Ratios: `amur / sql` (time ratio, lower is better) and
 * `arquero / amur` (speed-up, higher is better). A fourth line per query
 * times the hand-written SQL wrapped in `count(*)` — DuckDB's own work with
 * no rows turned into JS objects — to show how much of each time is
 * materialising the result (Arquero's times include its `.objects()` too).
 *
 *   node bin/run-ts.js bench/trade-indicators.ts [--flows 3000000] [--seed 42] [--repeat 3] [--threads 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import { op } from 'arquero';

// biome-ignore lint/suspicious/noExplicitAny: Arquero's row and parameter objects are untyped
type Struct = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above
type Params = Record<string, any>;

import { openTradeStore } from '../src/trade/first-use.ts';
import { columnsToRows } from '../src/trade/indicators/common.ts';
import { computeIndicator } from '../src/trade/indicators/index.ts';
import type { Store } from '../src/trade/store.ts';
import type { BenchRow } from './lib/rows.ts';
import { formatTable } from './lib/rows.ts';

const BENCH = 'trade-indicators';
const SELF = fileURLToPath(import.meta.url);

export interface TradeIndicatorOptions {
  /** approximate number of flows (default 3 M) */
  flows?: number;
  seed?: number;
  /** timed runs per engine and query, interleaved; the best is kept (default 3) */
  repeat?: number;
  /** DuckDB threads (default 2) */
  threads?: number;
  tmp?: string;
}

const REPORTERS = 60;
const YEARS = [2016, 2017, 2018, 2019, 2020];
const BILATERAL_PER_PRODUCT = 4;
const reporterCode = (i: number) =>
  `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

/** Products K so that the dataset has about `flows` rows. */
function productsFor(flows: number): number {
  const perProduct = REPORTERS * YEARS.length * 2 * (1 + BILATERAL_PER_PRODUCT);
  const totals = REPORTERS * (REPORTERS - 1) * YEARS.length * 2;
  return Math.max(10, Math.round((flows - totals) / perProduct));
}

/** Fills the store's `flows` and `world_totals` with the synthetic dataset; returns the row count. */
export async function generateDataset(store: Store, products: number, seed = 42): Promise<number> {
  const h = (keys: string) => `(hash(${seed}, ${keys}) % 1000003)`;
  const cols = `source_id, row_no, reporter_level, reporter_code, partner_level, partner_code, year, month, period_kind,
    flow, commodity_system, commodity_code, commodity_label, value, currency, scale, value_usd, quantity, quantity_unit,
    net_weight_kg, basis, reported_by, variant, estimated, derived`;
  const rep = `(SELECT range AS ri, 'Q' || chr(CAST(65 + range // 26 AS INTEGER)) || chr(CAST(65 + range % 26 AS INTEGER)) AS code FROM range(${REPORTERS}))`;
  const prod = `(SELECT range AS ki, lpad(CAST(10101 + range * 97 AS VARCHAR), 6, '0') AS code FROM range(${products}))`;
  const yr = `(SELECT unnest([${YEARS.join(',')}]) AS y)`;
  const fl = `(SELECT unnest(['export', 'import']) AS f)`;
  const row = (partnerLevel: string, partner: string, code: string, value: string) =>
    `'synthetic', NULL, 'country', r.code, ${partnerLevel}, ${partner}, y.y, NULL, 'year', fl.f,
     ${code === "'TOTAL'" ? "'TOTAL'" : "'HS2017'"}, ${code}, NULL, ${value}, 'USD', 1, ${value}, NULL, NULL, NULL, NULL,
     'reporter', 'as-reported', false, false`;
  await store.run(
    `INSERT INTO sources (id, title, importer, rows) VALUES ('synthetic', 'Synthetic Comtrade-shaped flows', 'bench', 0)`,
  );
  // trade with the world by product
  await store.run(`INSERT INTO flows (${cols})
    SELECT ${row("'world'", "'WLD'", 'p.code', `CAST(1 + ${h("r.ri, p.ki, y.y, fl.f, 'w'")} AS DOUBLE) * (1 + (r.ri * 7 + p.ki) % 13)`)}
      FROM ${rep} r, ${prod} p, ${yr} y, ${fl} fl`);
  // bilateral rows by product (noise for the world-level queries)
  await store.run(`INSERT INTO flows (${cols})
    SELECT ${row("'country'", `'Q' || chr(CAST(65 + pi // 26 AS INTEGER)) || chr(CAST(65 + pi % 26 AS INTEGER))`, 'p.code', `CAST(1 + ${h('r.ri, p.ki, y.y, fl.f, b.b')} AS DOUBLE)`)}
      FROM ${rep} r, ${prod} p, ${yr} y, ${fl} fl, (SELECT range AS b FROM range(${BILATERAL_PER_PRODUCT})) b,
           LATERAL (SELECT (r.ri + 1 + ${h("r.ri, p.ki, y.y, fl.f, b.b, 'p'")} % ${REPORTERS - 1}) % ${REPORTERS} AS pi)`);
  // bilateral totals
  await store.run(`INSERT INTO flows (${cols})
    SELECT ${row("'country'", 'pt.code', "'TOTAL'", `CAST(1000 + ${h("r.ri, pt.ri, y.y, fl.f, 't'")} * 100 AS DOUBLE)`)}
      FROM ${rep} r, ${rep} pt, ${yr} y, ${fl} fl WHERE pt.ri <> r.ri`);
  // world exports and imports by product: the reporters' trade with the world, plus a rest of the world
  await store.run(`INSERT INTO world_totals (year, flow, commodity_system, commodity_code, value_usd, source_id)
    SELECT year, flow, 'HS2017', commodity_code,
           sum(value_usd) * (2 + (hash(${seed}, commodity_code, year) % 100) / 50.0), 'synthetic-world'
      FROM flows WHERE partner_code = 'WLD' AND source_id = 'synthetic' GROUP BY year, flow, commodity_code`);
  const n = await store.query<{ n: number }>('SELECT count(*)::BIGINT AS n FROM flows');
  return Number(n[0].n);
}

// ---------------------------------------------------------------- the queries, three ways

interface Query {
  name: string;
  amur: (store: Store) => Promise<Record<string, unknown>[]>;
  sql: string;
  arquero: (t: aq.ColumnTable, w: aq.ColumnTable) => Record<string, unknown>[];
  /** a number summarising the result, to check the engines agree */
  checksum: (rows: Record<string, unknown>[]) => number;
}

const KEYS4 = ['reporter_code', 'partner_code', 'flow', 'year'];
const FIFTY = Array.from({ length: 50 }, (_, i) => reporterCode(i));
const sumOf = (rows: Record<string, unknown>[], col: string) =>
  rows.reduce(
    (s, r) => s + (typeof r[col] === 'number' && Number.isFinite(r[col] as number) ? (r[col] as number) : 0),
    0,
  );

const QUERIES: Query[] = [
  {
    name: 'growth by partner',
    amur: async (store) => (await computeIndicator(store, 'growth', { commodity: ['TOTAL'] })).rows,
    sql: `WITH f AS (SELECT source_id, reporter_code, partner_code, flow, commodity_code, year, sum(value_usd) AS v FROM flows
                      WHERE commodity_code = 'TOTAL' GROUP BY ALL)
          SELECT c.source_id AS source, c.reporter_code AS reporter, c.partner_code AS partner, c.flow, c.commodity_code AS commodity,
                 NULL AS commodity_label, c.year, NULL AS month, c.v AS value_usd, p.v AS previous_usd,
                 100 * (c.v / p.v - 1) AS growth_pct
            FROM f c JOIN f p ON p.source_id = c.source_id AND p.reporter_code = c.reporter_code
             AND p.partner_code = c.partner_code AND p.flow = c.flow AND p.year = c.year - 1`,
    arquero: (t) => {
      const f = t
        .filter((d) => d.commodity_code === 'TOTAL')
        .groupby('reporter_code', 'partner_code', 'flow', 'year')
        .rollup({ v: op.sum('value_usd') });
      const prev = f.derive({ year: (d) => d.year + 1 }).rename({ v: 'pv' });
      return f
        .join(prev, [KEYS4, KEYS4])
        .derive({ growth_pct: (d) => 100 * (d.v / d.pv - 1) })
        .objects() as Record<string, unknown>[];
    },
    checksum: (rows) => sumOf(rows, 'growth_pct'),
  },
  {
    name: 'HHI by reporter-year',
    amur: async (store) =>
      (await computeIndicator(store, 'hhi', { by: 'product', flow: 'export', level: 6 })).rows,
    sql: `WITH x AS (SELECT source_id, reporter_code, flow, year, commodity_code, sum(value_usd) AS x FROM flows
                      WHERE flow = 'export' AND partner_code = 'WLD' AND commodity_code <> 'TOTAL'
                      GROUP BY ALL HAVING sum(value_usd) > 0),
               h AS (SELECT source_id, reporter_code, flow, year, count(*) AS n, sum(x) AS total_usd,
                            sum(x * x) / (sum(x) * sum(x)) AS hhi FROM x GROUP BY ALL)
          SELECT source_id AS source, reporter_code AS reporter, flow, year, n, total_usd, hhi,
                 (hhi - 1.0 / n) / (1 - 1.0 / n) AS hhi_normalised,
                 (sqrt(hhi) - sqrt(1.0 / n)) / (1 - sqrt(1.0 / n)) AS unctad_concentration
            FROM h`,
    arquero: (t) =>
      t
        .filter((d) => d.flow === 'export' && d.partner_code === 'WLD' && d.commodity_code !== 'TOTAL')
        .groupby('reporter_code', 'year', 'commodity_code')
        .rollup({ x: op.sum('value_usd') })
        .groupby('reporter_code', 'year')
        .rollup({ n: op.count(), total_usd: op.sum('x'), q: (d) => op.sum(d.x * d.x) })
        .derive({ hhi: (d) => d.q / (d.total_usd * d.total_usd) })
        .derive({
          hhi_normalised: (d) => (d.hhi - 1 / d.n) / (1 - 1 / d.n),
          unctad_concentration: (d) => (Math.sqrt(d.hhi) - Math.sqrt(1 / d.n)) / (1 - Math.sqrt(1 / d.n)),
        })
        .objects() as Record<string, unknown>[],
    checksum: (rows) => sumOf(rows, 'hhi'),
  },
  {
    name: 'RCA, all reporter-product pairs, 2020',
    amur: async (store) => (await computeIndicator(store, 'rca', { year: 2020, level: 6 })).rows,
    sql: `WITH x AS (SELECT source_id, reporter_code, commodity_code, sum(value_usd) AS x FROM flows
                      WHERE year = 2020 AND flow = 'export' AND partner_code = 'WLD' AND commodity_code <> 'TOTAL'
                      GROUP BY ALL),
               xt AS (SELECT source_id, reporter_code, sum(x) AS xt FROM x GROUP BY ALL),
               w AS (SELECT commodity_code, value_usd AS w FROM world_totals WHERE year = 2020 AND flow = 'export'),
               wt AS (SELECT sum(w) AS wt FROM w)
          SELECT x.source_id AS source, x.reporter_code AS reporter, 2020 AS year, x.commodity_code AS commodity,
                 x.x AS export_usd, xt.xt AS reporter_total_usd, w.w AS world_usd, wt.wt AS world_total_usd,
                 (x.x / xt.xt) / (w.w / wt.wt) AS rca
            FROM x JOIN xt USING (source_id, reporter_code) JOIN w USING (commodity_code), wt`,
    arquero: (t, world) => {
      const x = t
        .filter(
          (d) =>
            d.year === 2020 &&
            d.flow === 'export' &&
            d.partner_code === 'WLD' &&
            d.commodity_code !== 'TOTAL',
        )
        .groupby('reporter_code', 'commodity_code')
        .rollup({ x: op.sum('value_usd') })
        .groupby('reporter_code')
        .derive({ xt: (d) => op.sum(d.x) })
        .ungroup();
      const w = world
        .filter((d) => d.year === 2020 && d.flow === 'export')
        .derive({ wt: (d) => op.sum(d.value_usd) })
        .select('commodity_code', 'value_usd', 'wt');
      return x
        .join(w, 'commodity_code')
        .derive({ rca: (d) => d.x / d.xt / (d.value_usd / d.wt) })
        .objects() as Record<string, unknown>[];
    },
    checksum: (rows) => sumOf(rows, 'rca'),
  },
  {
    name: 'complementarity matrix, 50 reporters, 2020',
    amur: async (store) =>
      (
        await computeIndicator(store, 'complementarity', {
          reporter: FIFTY,
          partner: FIFTY,
          year: 2020,
          level: 6,
        })
      ).rows,
    sql: `WITH x AS (SELECT reporter_code, commodity_code, sum(value_usd) AS v FROM flows
                      WHERE year = 2020 AND flow = 'export' AND partner_code = 'WLD' AND commodity_code <> 'TOTAL'
                        AND reporter_code IN (${FIFTY.map((c) => `'${c}'`).join(', ')}) GROUP BY ALL),
               xs AS (SELECT reporter_code, commodity_code, v / sum(v) OVER (PARTITION BY reporter_code) AS s FROM x),
               m AS (SELECT reporter_code, commodity_code, sum(value_usd) AS v FROM flows
                      WHERE year = 2020 AND flow = 'import' AND partner_code = 'WLD' AND commodity_code <> 'TOTAL'
                        AND reporter_code IN (${FIFTY.map((c) => `'${c}'`).join(', ')}) GROUP BY ALL),
               ms AS (SELECT reporter_code, commodity_code, v / sum(v) OVER (PARTITION BY reporter_code) AS s FROM m)
          SELECT xs.reporter_code AS exporter, ms.reporter_code AS importer, 2020 AS year,
                 100 * sum(least(xs.s, ms.s)) AS complementarity, count(*) AS common_products
            FROM xs JOIN ms ON ms.commodity_code = xs.commodity_code AND ms.reporter_code <> xs.reporter_code
           GROUP BY ALL`,
    arquero: (t) => {
      const fifty = t.params({ fifty: Object.fromEntries(FIFTY.map((c) => [c, true])) });
      const shares = (flow: string) =>
        fifty
          .params({ flow })
          .filter(
            (d: Struct, $: Params) =>
              d.year === 2020 &&
              d.flow === $.flow &&
              d.partner_code === 'WLD' &&
              d.commodity_code !== 'TOTAL' &&
              $.fifty[d.reporter_code] === true,
          )
          .groupby('reporter_code', 'commodity_code')
          .rollup({ v: op.sum('value_usd') })
          .groupby('reporter_code')
          .derive({ s: (d: Struct) => d.v / op.sum(d.v) })
          .ungroup();
      const xs = shares('export')
        .rename({ reporter_code: 'exporter', s: 'xs' })
        .select('exporter', 'commodity_code', 'xs');
      const ms = shares('import')
        .rename({ reporter_code: 'importer', s: 'ms' })
        .select('importer', 'commodity_code', 'ms');
      return xs
        .join(ms, 'commodity_code')
        .filter((d: Struct) => d.exporter !== d.importer)
        .groupby('exporter', 'importer')
        .rollup({ complementarity: (d: Struct) => 100 * op.sum(op.least(d.xs, d.ms)) })
        .objects() as Record<string, unknown>[];
    },
    checksum: (rows) => sumOf(rows, 'complementarity'),
  },
];

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Runs the benchmark; returns one row per measurement. */
export async function run(options: TradeIndicatorOptions = {}): Promise<BenchRow[]> {
  const products = productsFor(options.flows ?? 3_000_000);
  const repeat = options.repeat ?? 3;
  const dir = mkdtempSync(join(options.tmp ?? tmpdir(), 'amur-bench-indicators-'));
  const out: BenchRow[] = [];
  const file = join(dir, 'bench.duckdb');
  const config = { config: { threads: String(options.threads ?? 2) } };
  // generated in one session, measured in the next, as after an `amur trade import`
  let store = await openTradeStore(file, config);
  const n = await generateDataset(store, products, options.seed ?? 42);
  store.close();
  store = await openTradeStore(file, config);
  try {
    out.push({
      bench: BENCH,
      case: 'dataset',
      metric: 'flows',
      value: n,
      unit: 'rows',
      note: `${REPORTERS} reporters, ${YEARS.length} years, ${products} HS6 products`,
    });
    // Arquero: the columns the queries use, loaded once (not timed as query work)
    const load = await time(async () => {
      const reader = await store.connection.runAndReadAll(
        `SELECT reporter_code, partner_code, year, flow, commodity_code, value_usd FROM flows`,
      );
      const cols = reader.getColumnsObjectJS() as Record<string, unknown[]>;
      const w = (
        await store.connection.runAndReadAll('SELECT year, flow, commodity_code, value_usd FROM world_totals')
      ).getColumnsObjectJS() as Record<string, unknown[]>;
      return { t: aq.table(cols), w: aq.table(w) };
    });
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    out.push({
      bench: BENCH,
      case: 'arquero',
      metric: 'load into memory',
      value: load.ms / 1000,
      unit: 's',
      note: `JS heap ${Math.round(heapMb)} MB after loading`,
    });
    const { t, w } = load.result;
    // rows read out as Amur reads them (columns → objects), so the ratio shows the query work
    const sql = async (q: string) => {
      const r = await store.connection.runAndReadAll(q);
      return columnsToRows(r.deduplicatedColumnNames(), r.getColumnsJS() as unknown[][], r.currentRowCount);
    };

    for (const q of QUERIES) {
      // the three must compute the same thing
      const a = await q.amur(store);
      const s = await sql(q.sql);
      const r = q.arquero(t, w);
      const sums = [q.checksum(a), q.checksum(s as Record<string, unknown>[]), q.checksum(r)];
      if (
        a.length !== s.length ||
        a.length !== r.length ||
        !agree(sums[0], sums[1]) ||
        !agree(sums[0], sums[2])
      )
        throw new Error(
          `${q.name}: the engines disagree (rows amur ${a.length}, sql ${s.length}, arquero ${r.length}; checksums ${sums.join(', ')})`,
        );
      const best = { amur: Infinity, sql: Infinity, engine: Infinity, arquero: Infinity };
      const engineOnly = `SELECT count(*) FROM (${q.sql})`;
      for (let i = 0; i < repeat; i++) {
        best.amur = Math.min(best.amur, (await time(() => q.amur(store))).ms);
        best.sql = Math.min(best.sql, (await time(() => sql(q.sql))).ms);
        best.engine = Math.min(
          best.engine,
          (await time(() => store.connection.runAndReadAll(engineOnly))).ms,
        );
        best.arquero = Math.min(best.arquero, (await time(() => q.arquero(t, w))).ms);
      }
      out.push(
        {
          bench: BENCH,
          case: `amur: ${q.name}`,
          metric: 'time',
          value: best.amur,
          unit: 'ms',
          ratio: best.amur / best.sql,
          note: `ratio = amur / hand-written SQL (goal ≤ 1.5); ${a.length} rows`,
        },
        {
          bench: BENCH,
          case: `sql: ${q.name}`,
          metric: 'time',
          value: best.sql,
          unit: 'ms',
          ratio: 1,
          note: 'hand-written SQL on the same DuckDB database',
        },
        {
          bench: BENCH,
          case: `sql engine only: ${q.name}`,
          metric: 'time',
          value: best.engine,
          unit: 'ms',
          ratio: best.arquero / best.engine,
          note: 'the same SQL counted, no rows read into JS; ratio = arquero / this',
        },
        {
          bench: BENCH,
          case: `arquero: ${q.name}`,
          metric: 'time',
          value: best.arquero,
          unit: 'ms',
          ratio: best.arquero / best.amur,
          note: 'ratio = arquero / amur: Amur’s speed-up (goal ≥ 20)',
        },
      );
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function parseArgs(argv: string[]): TradeIndicatorOptions {
  const o: TradeIndicatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--flows') o.flows = Number(argv[++i]);
    else if (argv[i] === '--seed') o.seed = Number(argv[++i]);
    else if (argv[i] === '--repeat') o.repeat = Number(argv[++i]);
    else if (argv[i] === '--threads') o.threads = Number(argv[++i]);
    else if (argv[i] === '--tmp') o.tmp = argv[++i];
  }
  if (o.flows !== undefined && (!Number.isFinite(o.flows) || o.flows < 100_000))
    throw new Error('--flows: expected a number of flows of at least 100000, e.g. 3000000');
  return o;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === SELF;
if (isMain) console.log(formatTable(await run(parseArgs(process.argv.slice(2)))));
