/**
 * Trade import benchmark: Amur's Comtrade importer against DuckDB's bare
 * `read_csv` of the same file into a table, in one run.
 *
 * A synthetic, seeded Comtrade v1 CSV (all 47 fields; 2% of the rows are
 * mode-of-transport breakdowns that the importer drops) is generated into a
 * temporary directory by DuckDB from a hash-based PRNG (deterministic for a
 * seed whatever the thread schedule), then each contender runs in its own
 * child process so that its peak memory (`process.resourceUsage().maxRSS`)
 * is its own:
 *
 * - `amur import`: `importComtrade` into a fresh store (sha256 of the file,
 *   validation, area-code mapping, totals filter with the dropped rows counted
 *   in the same scan, one transaction; a file of 64 MiB or more is read without
 *   row numbers under a 256 MiB DuckDB memory limit, see `ROW_NUMBERS_MAX_BYTES`
 *   and `IMPORT_MEMORY_LIMIT_BYTES` in src/trade/importers/common.ts);
 * - `duckdb read_csv`: `CREATE TABLE t AS SELECT * FROM read_csv(file)` in a
 *   fresh database file.
 *
 * With `--bad-every K` every K-th row is bad (row i with i % K = K − 1: a
 * primaryValue of "n/a", and every other one also a refYear of "20l8") and
 * Amur imports with `skipBad` (the good rows, and the bad ones to a report);
 * the report's lines are checked against the rows made bad. With
 * `--baseline DIR` (a checkout of another commit, e.g. `git archive C src data
 * | tar -x -C DIR` with `DIR/node_modules` linked to this one's) its importer
 * runs as a third contender, interleaved with the others: before/after in one
 * run.
 *
 * The store is opened before the clock starts (migrations and reference data
 * are not import work). Each contender's wall time and CPU time (user + system
 * of all its threads) are reported: on cores shared with other work the CPU
 * ratio is the steadier one. Files and databases are deleted afterwards.
 *
 *   node bin/run-ts.js bench/trade-import.ts [--rows 1000000,10000000] [--seed 42] [--repeat N]
 *     [--bad-every K] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { type BenchRow, formatTable } from './lib/rows.ts';

const BENCH = 'trade-import';
const SELF = fileURLToPath(import.meta.url);
const RUN_TS = resolve(fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)));

export interface TradeImportOptions {
  /** file sizes to measure, in data rows (default 1 M and 10 M) */
  rows?: number[];
  seed?: number;
  /** where the temporary files go (default: the OS temp dir) */
  tmp?: string;
  /** runs of each contender, interleaved; the best time and the highest peak memory are kept (default 3 below 5 M rows, else 1) */
  repeat?: number;
  /** make every K-th row bad and import with skipBad */
  badEvery?: number;
  /** the root of another checkout whose importer runs as a third contender */
  baseline?: string;
}

/** The 47 fields of a Comtrade v1 record, in the API's order. */
export const COMTRADE_V1_FIELDS = [
  'typeCode',
  'freqCode',
  'refPeriodId',
  'refYear',
  'refMonth',
  'period',
  'reporterCode',
  'reporterISO',
  'reporterDesc',
  'flowCode',
  'flowDesc',
  'partnerCode',
  'partnerISO',
  'partnerDesc',
  'partner2Code',
  'partner2ISO',
  'partner2Desc',
  'classificationCode',
  'classificationSearchCode',
  'isOriginalClassification',
  'cmdCode',
  'cmdDesc',
  'aggrLevel',
  'isLeaf',
  'customsCode',
  'customsDesc',
  'mosCode',
  'motCode',
  'motDesc',
  'qtyUnitCode',
  'qtyUnitAbbr',
  'qty',
  'isQtyEstimated',
  'altQtyUnitCode',
  'altQtyUnitAbbr',
  'altQty',
  'isAltQtyEstimated',
  'netWgt',
  'isNetWgtEstimated',
  'grossWgt',
  'isGrossWgtEstimated',
  'cifvalue',
  'fobvalue',
  'primaryValue',
  'legacyEstimationFlag',
  'isReported',
  'isAggregate',
] as const;

/** Reporter/partner codes drawn from (Comtrade numeric: includes France 251, Italy 381, USA 842). */
const AREAS = [
  156, 643, 842, 251, 381, 276, 392, 410, 496, 699, 76, 36, 124, 484, 826, 528, 56, 724, 757, 752, 579, 40,
  203, 348, 616, 642, 100, 300, 620, 372, 208, 246, 233, 428, 440, 112, 804, 398, 860, 762, 417, 795, 31, 268,
  51, 364, 368, 682, 784, 414, 634, 512, 48, 400, 422, 376, 818, 504, 12, 788, 434, 566, 710, 404, 231, 32,
  152, 604, 170, 862,
];

/**
 * Writes a synthetic Comtrade v1 CSV of `rows` data rows. Every value is a
 * function of (seed, row index) through DuckDB's `hash`, so the file is the
 * same for the same seed.
 */
export async function generateComtradeCsv(
  file: string,
  rows: number,
  seed = 42,
  badEvery?: number,
): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const h = (k: number) => `CAST(hash(${seed}, range, ${k}) % 1000000007 AS BIGINT)`;
  const areas = `[${AREAS.join(',')}]`;
  const nA = AREAS.length;
  const bad = (k: number) =>
    badEvery
      ? `range % ${badEvery} = ${badEvery - 1}${k > 1 ? ` AND range // ${badEvery} % ${k} = 0` : ''}`
      : 'false';
  const sql = `COPY (
    SELECT
      'C' AS typeCode, 'A' AS freqCode,
      (2000 + ${h(1)} % 23) * 10000 + 101 AS refPeriodId,
      CASE WHEN ${bad(2)} THEN '20l8' ELSE CAST(2000 + ${h(1)} % 23 AS VARCHAR) END AS refYear, 52 AS refMonth, CAST(2000 + ${h(1)} % 23 AS VARCHAR) AS period,
      ${areas}[1 + ${h(2)} % ${nA}] AS reporterCode, 'XXX' AS reporterISO, 'Reporter name' AS reporterDesc,
      CASE WHEN ${h(3)} % 100 = 0 THEN 'RX' WHEN ${h(3)} % 2 = 0 THEN 'M' ELSE 'X' END AS flowCode,
      CASE WHEN ${h(3)} % 2 = 0 THEN 'Import' ELSE 'Export' END AS flowDesc,
      CASE WHEN ${h(4)} % 50 = 0 THEN 0 ELSE ${areas}[1 + ${h(4)} % ${nA}] END AS partnerCode,
      'YYY' AS partnerISO, 'Partner name, with a comma' AS partnerDesc,
      0 AS partner2Code, 'W00' AS partner2ISO, 'World' AS partner2Desc,
      'H5' AS classificationCode, 'HS' AS classificationSearchCode, true AS isOriginalClassification,
      lpad(CAST(10000 + ${h(5)} % 960000 AS VARCHAR), 6, '0') AS cmdCode,
      'Commodity description' AS cmdDesc, 6 AS aggrLevel, true AS isLeaf,
      'C00' AS customsCode, 'TOTAL CPC' AS customsDesc, '0' AS mosCode,
      CASE WHEN ${h(6)} % 50 = 0 THEN 2100 ELSE 0 END AS motCode,
      CASE WHEN ${h(6)} % 50 = 0 THEN 'Sea' ELSE 'TOTAL MOT' END AS motDesc,
      8 AS qtyUnitCode, 'kg' AS qtyUnitAbbr, CAST(${h(7)} % 10000000 AS DOUBLE) AS qty, false AS isQtyEstimated,
      -1 AS altQtyUnitCode, 'N/A' AS altQtyUnitAbbr, NULL::DOUBLE AS altQty, false AS isAltQtyEstimated,
      CAST(${h(7)} % 10000000 AS DOUBLE) AS netWgt, false AS isNetWgtEstimated,
      NULL::DOUBLE AS grossWgt, false AS isGrossWgtEstimated,
      CASE WHEN ${h(3)} % 2 = 0 THEN CAST(${h(8)} % 1000000000 AS DOUBLE) / 100 END AS cifvalue,
      CASE WHEN ${h(3)} % 2 = 1 THEN CAST(${h(8)} % 1000000000 AS DOUBLE) / 100 END AS fobvalue,
      CASE WHEN ${bad(1)} THEN 'n/a' ELSE CAST(CAST(${h(8)} % 1000000000 AS DOUBLE) / 100 AS VARCHAR) END AS primaryValue,
      0 AS legacyEstimationFlag, true AS isReported, false AS isAggregate
    FROM range(${rows})
  ) TO '${file.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`;
  await c.run(sql);
  c.closeSync();
  inst.closeSync();
}

interface ChildResult {
  seconds: number;
  /** CPU seconds (user + system, all threads) of the work: steadier than wall time on a shared machine */
  cpuSeconds: number;
  rows: number;
  maxRssMb: number;
  dropped?: number;
  /** with --bad-every: rows skipped as bad, and whether the report's lines are all lines made bad */
  skipped?: number;
  reportOk?: boolean;
}

type Contender = 'bare' | 'amur' | 'baseline';

/** The importer's root: this checkout, or the baseline's. */
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function runChild(kind: Contender, file: string, db: string, o: TradeImportOptions = {}): ChildResult {
  const root = kind === 'baseline' ? resolve(o.baseline as string) : ROOT;
  const args = ['--child', kind === 'bare' ? 'bare' : 'amur', file, db, root, String(o.badEvery ?? 0)];
  const r = spawnSync(process.execPath, [RUN_TS, SELF, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${kind} child failed (${r.status}): ${r.stderr || r.stdout}`);
  const line = r.stdout.trim().split('\n').pop() as string;
  return JSON.parse(line) as ChildResult;
}

async function child(kind: string, file: string, db: string, root: string, badEvery: number): Promise<void> {
  if (kind === 'amur') {
    const { openTradeStore } = await import(join(root, 'src/trade/first-use.ts'));
    const { importComtrade } = await import(join(root, 'src/trade/importers/comtrade.ts'));
    const store = await openTradeStore(db);
    const reportFile = `${db}.skipped.csv`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await importComtrade(store, file, badEvery > 0 ? { skipBad: true, reportFile } : {});
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    store.close();
    const dropped = (res.dropped as { rows: number }[]).reduce((s, d) => s + d.rows, 0);
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const bad = badEvery > 0 ? await checkReport(reportFile, badEvery, res.skippedBadRows) : {};
    rmSync(reportFile, { force: true });
    out({ seconds, cpuSeconds, rows: res.rows, dropped, maxRssMb, ...bad });
  } else {
    const inst = await DuckDBInstance.create(db);
    const c = await inst.connect();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    const n = Number((await c.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
    c.closeSync();
    inst.closeSync();
    out({ seconds, cpuSeconds, rows: n, maxRssMb: process.resourceUsage().maxRSS / 1024 });
  }
}

/** The report names lines made bad only (line − 2 ≡ K − 1 mod K), each skipped row once. */
async function checkReport(
  reportFile: string,
  badEvery: number,
  skipped: number,
): Promise<{ skipped: number; reportOk: boolean }> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const [[lines, wrong]] = (
    await c.runAndReadAll(
      `SELECT count(DISTINCT line), count(*) FILTER (WHERE (CAST(line AS BIGINT) - 2) % ${badEvery} <> ${badEvery - 1})
         FROM read_csv('${reportFile.replaceAll("'", "''")}', all_varchar = true)`,
    )
  ).getRows();
  c.closeSync();
  inst.closeSync();
  return { skipped, reportOk: Number(lines) === skipped && Number(wrong) === 0 && skipped > 0 };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function out(r: ChildResult): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

const fmtRows = (n: number) => (n >= 1e6 ? `${n / 1e6} M rows` : `${n / 1e3} k rows`);

/** Runs the benchmark; returns one row per measurement. */
export async function run(options: TradeImportOptions = {}): Promise<BenchRow[]> {
  const sizes = options.rows ?? [1_000_000, 10_000_000];
  const seed = options.seed ?? 42;
  const dir = mkdtempSync(join(options.tmp ?? tmpdir(), 'amur-bench-trade-'));
  const rows: BenchRow[] = [];
  const kinds: Contender[] = options.baseline ? ['bare', 'baseline', 'amur'] : ['bare', 'amur'];
  try {
    for (const n of sizes) {
      const file = join(dir, `comtrade-${n}.csv`);
      const g0 = performance.now();
      await generateComtradeCsv(file, n, seed, options.badEvery);
      const genS = (performance.now() - g0) / 1000;
      const sizeMb = statSync(file).size / 2 ** 20;
      const repeat = options.repeat ?? (n < 5_000_000 ? 3 : 1);
      const runs: Record<Contender, ChildResult[]> = { bare: [], amur: [], baseline: [] };
      for (let r = 0; r < repeat; r++)
        for (const kind of kinds) {
          const db = join(dir, `${kind}-${n}.duckdb`);
          runs[kind].push(runChild(kind, file, db, options));
          rmSync(db, { force: true });
          rmSync(`${db}.wal`, { force: true });
        }
      rmSync(file, { force: true });
      rows.push(...resultRows(n, kinds, runs, { sizeMb, genS, repeat, badEvery: options.badEvery }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** One row per contender and metric: ratios to bare read_csv, and Amur's to the baseline's where there is one. */
function resultRows(
  n: number,
  kinds: Contender[],
  runs: Record<Contender, ChildResult[]>,
  about: { sizeMb: number; genS: number; repeat: number; badEvery?: number },
): BenchRow[] {
  const best = (rs: ChildResult[]): ChildResult => ({
    ...rs[0],
    seconds: Math.min(...rs.map((x) => x.seconds)),
    cpuSeconds: Math.min(...rs.map((x) => x.cpuSeconds)),
    maxRssMb: Math.max(...rs.map((x) => x.maxRssMb)),
    reportOk: rs.every((x) => x.reportOk !== false),
  });
  const r = Object.fromEntries(kinds.map((k) => [k, best(runs[k])])) as Record<Contender, ChildResult>;
  const bad = about.badEvery
    ? `; every ${about.badEvery}th row bad, imported with skipBad: ${r.amur.skipped} skipped, report lines ${r.amur.reportOk ? 'all rows made bad' : 'WRONG'}${r.baseline ? ` (baseline ${r.baseline.skipped}, ${r.baseline.reportOk ? 'right' : 'WRONG'})` : ''}`
    : '';
  const note = `${about.sizeMb.toFixed(0)} MiB CSV generated in ${about.genS.toFixed(1)} s; best of ${about.repeat} interleaved runs; Amur kept ${r.amur.rows} rows, dropped ${r.amur.dropped} breakdowns${bad}`;
  const label: Record<Contender, string> = {
    bare: 'duckdb read_csv',
    amur: 'amur import',
    baseline: 'amur import (baseline)',
  };
  const out: BenchRow[] = [];
  const metric = (
    name: string,
    unit: string,
    of: (x: ChildResult) => number,
    ratio: boolean,
    amurNote?: string,
  ) => {
    for (const k of kinds)
      out.push({
        bench: BENCH,
        case: `${fmtRows(n)}: ${label[k]}`,
        metric: name,
        value: of(r[k]),
        unit,
        ...(ratio ? { ratio: of(r[k]) / of(r.bare) } : {}),
        ...(k === 'amur' && amurNote ? { note: amurNote } : {}),
      });
    if (ratio && r.baseline)
      out.push({
        bench: BENCH,
        case: `${fmtRows(n)}: amur import ÷ baseline`,
        metric: name,
        value: of(r.amur),
        unit,
        ratio: of(r.amur) / of(r.baseline),
      });
  };
  metric('time', 's', (x) => x.seconds, true, 'ratio = Amur ÷ bare read_csv (goal ≤ 1.3, issue 12 §6)');
  metric(
    'cpu time',
    's',
    (x) => x.cpuSeconds,
    true,
    'user + system seconds of all threads: the steadier measure when other work shares the cores',
  );
  metric('rows/s', 'rows/s', (x) => n / x.seconds, false, 'file rows (kept + dropped) per second');
  metric('peak RSS', 'MiB', (x) => x.maxRssMb, true, note);
  return out;
}

export function parseArgs(argv: string[]): TradeImportOptions {
  const o: TradeImportOptions = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') o.rows = argv[++i].split(',').map((s) => Math.round(Number(s)));
    else if (argv[i] === '--seed') o.seed = Number(argv[++i]);
    else if (argv[i] === '--tmp') o.tmp = argv[++i];
    else if (argv[i] === '--repeat') o.repeat = Number(argv[++i]);
    else if (argv[i] === '--bad-every') o.badEvery = Number(argv[++i]);
    else if (argv[i] === '--baseline') o.baseline = argv[++i];
  }
  if (o.rows?.some((n) => !Number.isFinite(n) || n <= 0))
    throw new Error('--rows: expected comma-separated positive row counts, e.g. 1000000,10000000');
  return o;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === SELF;
if (isMain) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') await child(argv[1], argv[2], argv[3], argv[4], Number(argv[5]));
  else console.log(formatTable(await run(parseArgs(argv))));
}
