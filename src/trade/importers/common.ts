/**
 * What every importer shares: the file hash (re-importing the same bytes is a
 * no-op), the source record, the bad-row error
 * (`file:line:column: value: why (what would be valid)`), the `--skip-bad`
 * report, progress reporting, and the engine that turns a plan of SQL
 * expressions into one validated `INSERT INTO flows … SELECT` streamed by
 * DuckDB from the file (never whole in memory), all in one transaction.
 *
 * How a plan runs (see `runSqlImport`):
 * 1. the file's sha256 is looked up in `sources`; a known file is not read again;
 * 2. in one transaction: the source row, then `INSERT INTO flows SELECT …` where
 *    a CASE over the plan's checks raises an error naming the first failing
 *    check for any bad row. On such an error the transaction is rolled back
 *    and one more scan finds the first bad row in file order for the message;
 * 3. with `skipBad`, the bad rows are first written to a CSV report
 *    (line, column, value, why, valid) and the rest is inserted. The file is
 *    read once (`stageRecords`): its records go into a temporary table, and
 *    the count of bad rows, the report and the insert read that table;
 * Line numbers: a FROM item numbering its rows (`WITH ORDINALITY`) runs as a
 * streaming window that keeps the whole pipeline on one thread. For a file of
 * `ROW_NUMBERS_MAX_BYTES` or more (and a plan that offers `unnumberedFromSql`)
 * the insert reads the file without numbering it, so `flows.row_no` stays NULL;
 * the line of a bad row is then found by the targeted second scan of step 2 (or
 * of step 3's report, run only when there are bad rows), so messages still name
 * `file:line:column`.
 * 4. rows the plan does not keep (Comtrade breakdowns, sub-flows) are counted
 *    by reason and reported, never written, in the insert's own scan: each
 *    drop rule's CASE calls `nextval` on a temporary sequence for the rows it
 *    drops (see `dropCounting`). (A second scan counting them cost ~10% of the
 *    import; writing them as placeholder rows and deleting them before the
 *    commit was tried too: DuckDB then rewrites the transaction's row groups at
 *    commit, and memory grew with the file.)
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { AmurError } from '../../errors.ts';
import {
  type SourceTitle,
  sourceTitleText,
  type TitleTranslations,
  titleTranslations,
} from '../../i18n/source-titles.ts';
import { parseCsvRecords } from '../csv.ts';
import { FLOW_IMPORT_COLUMNS } from '../flow-columns.ts';
import type { Store } from '../store.ts';
import { sourceIdFrom } from '../vocabulary.ts';

// ---------------------------------------------------------------- errors

/** A bad value in an imported file, located as precisely as the format allows. */
export class ImportError extends AmurError {
  constructor(
    override readonly file: string,
    /** line in a CSV file (header = 1), row in a sheet, or a JSON path like `data[3]` */
    readonly line: number | string,
    /** the column as named in the file (and its letter in a sheet) */
    readonly column: string,
    readonly value: unknown,
    readonly why: string,
    /** what would be valid */
    override readonly valid: string,
  ) {
    super('input', `${file}:${line}:${column}: ${formatValue(value)}: ${why} (${valid})`, {
      file,
      record: String(line),
      field: column,
      valid,
    });
    this.name = 'ImportError';
  }
}

/** A problem with a whole file (missing column, unknown format, unreadable). */
export class ImportFileError extends AmurError {
  constructor(
    override readonly file: string,
    why: string,
  ) {
    super('input', `${file}: ${why}`, { file });
    this.name = 'ImportFileError';
  }
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '(empty)';
  const s = String(v);
  return s === '' ? '(empty)' : JSON.stringify(s);
}

// ---------------------------------------------------------------- files

/**
 * sha256 of a file's bytes, read in 4 MiB blocks into one reused buffer (a
 * stream's fresh 64 KiB chunks made hashing a 1.4 GB file take ~4× longer).
 */
export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

export function assertReadable(file: string): void {
  if (!existsSync(file)) throw new ImportFileError(file, 'no such file');
  if (!statSync(file).isFile()) throw new ImportFileError(file, 'not a file');
}

/** Lower-case letters and digits only: `Trade Value (US$)` → `tradevalueus`, `refYear` → `refyear`. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Maps normalised header names to the names as they are in the file (first occurrence wins). */
export function headerIndex(columns: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of columns) {
    const k = normalizeHeader(c);
    if (!m.has(k)) m.set(k, c);
  }
  return m;
}

// ---------------------------------------------------------------- sources

/** What a user may say about a source when importing it. */
export interface SourceMeta {
  id?: string;
  title?: string;
  /** the title's translations, where the caller knows them (a fetch's generated title); never invented for a user's title */
  titles?: TitleTranslations;
  publisher?: string;
  citation?: string;
  url?: string;
  licence?: string;
}

export interface SourceRecord {
  id: string;
  title: string;
  /** the title's translations (`sources.titles`); none for a title the user gave without them */
  titles?: TitleTranslations | null;
  publisher?: string | null;
  citation?: string | null;
  url?: string | null;
  licence?: string | null;
  file_name?: string | null;
  file_hash?: string | null;
  spec?: unknown;
  importer: string;
  rows?: number;
}

/** The source already imported from a file with this hash, if any. */
export async function sourceByHash(store: Store, hash: string): Promise<{ id: string; rows: number } | null> {
  const rows = await store.query<{ id: string; rows: number }>(
    'SELECT id, rows FROM sources WHERE file_hash = $1',
    [hash],
  );
  return rows[0] ?? null;
}

/** A source id not used yet: `wanted`, else `wanted-2`, `wanted-3`, … (an explicit id that is taken is an error). */
export async function freeSourceId(store: Store, wanted: string, explicit: boolean): Promise<string> {
  const taken = new Set(
    (
      await store.query<{ id: string }>('SELECT id FROM sources WHERE id = $1 OR id LIKE $2', [
        wanted,
        `${wanted}-%`,
      ])
    ).map((r) => r.id),
  );
  if (!taken.has(wanted)) return wanted;
  if (explicit)
    throw new ImportFileError(
      wanted,
      `source id "${wanted}" is already used by another file; choose another --id or delete that source first`,
    );
  for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** The user's title as given (no translation invented), else the importer's own in en with its zh/ru. */
export function generatedOrGiven(
  meta: SourceMeta,
  generated: SourceTitle,
): { title: string; titles: TitleTranslations | null } {
  if (meta.title !== undefined) return { title: meta.title, titles: meta.titles ?? null };
  return { title: sourceTitleText(generated, 'en'), titles: titleTranslations(generated) };
}

export async function insertSource(store: Store, s: SourceRecord): Promise<void> {
  await store.run(
    `INSERT INTO sources (id, title, titles, publisher, citation, url, licence, file_name, file_hash, spec, importer, rows, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, current_timestamp)`,
    [
      s.id,
      s.title,
      s.titles && Object.keys(s.titles).length > 0 ? JSON.stringify(s.titles) : null,
      s.publisher ?? null,
      s.citation ?? null,
      s.url ?? null,
      s.licence ?? null,
      s.file_name ?? null,
      s.file_hash ?? null,
      s.spec === undefined ? null : JSON.stringify(s.spec),
      s.importer,
      s.rows ?? 0,
    ],
  );
}

// ---------------------------------------------------------------- progress

export interface ImportProgress {
  /** 0…1, or -1 when unknown */
  fraction: number;
  /** rows processed so far (estimated from the fraction of bytes read when the engine does not say) */
  rows: number;
  /** estimated rows in the file */
  totalRows: number;
}

/**
 * A progress callback drawing a cli-progress bar with rows/s on stderr, or
 * `undefined` when stderr is not a terminal (pipes and CI stay clean).
 * Call the returned `stop()` when done.
 */
export async function terminalProgress(
  label: string,
): Promise<{ onProgress?: (p: ImportProgress) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { stop: () => {} };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {rowsText} | {speedText} | {duration_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    onProgress: (p) => {
      const total = Math.max(1, Math.round(p.totalRows));
      const rows = Math.min(total, Math.round(p.rows));
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      // DuckDB does not report progress for every plan: then only the elapsed time moves.
      const payload =
        rows > 0
          ? {
              rowsText: `${rows.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows`,
              speedText: `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`,
            }
          : { rowsText: 'reading', speedText: 'rows/s not reported yet' };
      if (!running) {
        bar.start(total, rows, payload);
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(rows, payload);
      }
    },
    stop: () => {
      if (running) bar.stop();
    },
  };
}

/** Estimates a text file's row count from the mean length of its first lines (for progress only). */
export async function estimateRows(file: string): Promise<number> {
  const size = statSync(file).size;
  if (size === 0) return 0;
  const stream = createReadStream(file, { start: 0, end: Math.min(size, 1 << 20) - 1 });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    bytes += b.length;
    for (let i = 0; i < b.length; i++) if (b[i] === 10) lines++;
  }
  if (/\.(gz|zst)$/i.test(file)) return Math.round((lines / Math.max(1, bytes)) * size * 4);
  return lines === 0 ? 1 : Math.round((size / bytes) * lines);
}

/** Polls DuckDB's query progress while `work` runs. */
async function withProgress<T>(
  store: Store,
  totalRows: number,
  onProgress: ((p: ImportProgress) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!onProgress) return work();
  await store.run(
    'SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0',
  );
  const timer = setInterval(() => {
    const p = store.connection.progress;
    if (p.percentage < 0) return;
    const total = Number(p.total_rows_to_process) > 0 ? Number(p.total_rows_to_process) : totalRows;
    const rows = Number(p.rows_processed) > 0 ? Number(p.rows_processed) : (p.percentage / 100) * total;
    onProgress({ fraction: p.percentage / 100, rows, totalRows: total });
  }, 200);
  try {
    const r = await work();
    onProgress({ fraction: 1, rows: totalRows, totalRows });
    return r;
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------- the SQL import engine

/** The columns of `flows` an importer fills (source_id and row_no are filled by the engine). */
export const FLOW_COLUMNS = FLOW_IMPORT_COLUMNS;
export type FlowColumn = (typeof FLOW_COLUMNS)[number];

/** One validation: rows for which `badSql` is true are bad. */
export interface RowCheck {
  /** the column as named in the file (messages), e.g. `refYear` or `C (Value)` */
  column: string;
  /** SQL giving the offending value, as text */
  valueSql: string;
  /** SQL boolean over the source row: true when the row is bad */
  badSql: string;
  why: string;
  /** what would be valid */
  valid: string;
}

/** A reason rows are not imported (not an error): e.g. Comtrade breakdowns by mode of transport. */
export interface DropRule {
  label: string;
  /** SQL boolean over the FROM item's own columns (`alias.…`, not the joined tables): true when the row is dropped for this reason */
  dropSql: string;
}

export interface SqlImportPlan {
  importer: string;
  file: string;
  /** a FROM item yielding the raw rows with `__row` (line in the file, header = 1; or record number) */
  fromSql: string;
  /** alias of that FROM item */
  alias: string;
  /** extra joins (e.g. area-code lookups), placed after the FROM item */
  joinSql?: string;
  /**
   * the same rows as `fromSql` with `__row` NULL (no row numbering: DuckDB reads
   * the file in parallel); used for the insert of large files, see `ROW_NUMBERS_MAX_BYTES`
   */
  unnumberedFromSql?: string;
  /** how positions are written in messages: `line` → `file:12:col`, `record` → `file:data[11]:col` */
  position: 'line' | 'record';
  columns: Record<FlowColumn, string>;
  checks: RowCheck[];
  drops: DropRule[];
  /** recorded in sources.spec */
  spec: unknown;
  /** default title when the user gives none (English in `sources.title`, its translations in `sources.titles`) */
  title: SourceTitle;
  publisher?: string;
  licence?: string;
  url?: string;
  notes?: string[];
}

export interface ImportOptions {
  /** import the good rows and write the bad ones to a report instead of stopping at the first */
  skipBad?: boolean;
  /** where to write the skipped-rows report (default `<file name>.skipped.csv` in the current directory) */
  reportFile?: string;
  /**
   * The file holds the partners' reports, to be kept as mirror data: each row
   * is stored as the flow it mirrors (reporter and partner swapped, export ↔
   * import, re-export ↔ re-import) with `reported_by` 'partner'. The values
   * and their basis stay as reported (an export reported FOB mirrors a CIF import).
   */
  mirror?: boolean;
  /**
   * store each row's line (record) in `flows.row_no`; default: for files under
   * `ROW_NUMBERS_MAX_BYTES`. Without, bad rows are still reported by line.
   */
  rowNumbers?: boolean;
  source?: SourceMeta;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  sourceId: string;
  file: string;
  importer: string;
  /** rows written to flows */
  rows: number;
  /** the file was imported before (same sha256): nothing was done */
  alreadyImported: boolean;
  /** rows not imported on purpose, by reason (e.g. Comtrade breakdown rows) */
  dropped: { reason: string; rows: number }[];
  skippedBadRows: number;
  reportFile?: string;
  notes: string[];
}

const BAD_MARK = 'AMUR-BAD-ROW';

/**
 * Files of this size or more are imported without `flows.row_no` (when the plan
 * can read them unnumbered): numbering every row serialises DuckDB's read, and
 * for a file this large it is most of the import time (bench/trade-import.ts).
 */
export const ROW_NUMBERS_MAX_BYTES = 64 * 1024 * 1024;

function positionLabel(plan: SqlImportPlan, row: number): string | number {
  return plan.position === 'record' ? `data[${row - 1}]` : row;
}

/** `CASE WHEN bad1 THEN 1 WHEN bad2 THEN 2 … END` (NULL when the row is good). */
function firstBadSql(checks: RowCheck[]): string {
  if (checks.length === 0) return 'NULL::INTEGER';
  return `(CASE ${checks.map((c, i) => `WHEN coalesce(${c.badSql}, false) THEN ${i}`).join(' ')} ELSE NULL END)`;
}

function keepSql(drops: DropRule[]): string {
  if (drops.length === 0) return 'true';
  return drops.map((d) => `NOT coalesce(${d.dropSql}, false)`).join(' AND ');
}

/**
 * Runs an import plan: one transaction, validated, streamed by DuckDB.
 * Throws `ImportError` for the first bad row (unless `skipBad`), `ImportFileError`
 * for a file-level problem; nothing is written then.
 */
export async function runSqlImport(
  store: Store,
  planIn: SqlImportPlan,
  opts: ImportOptions = {},
  precomputedHash?: string,
): Promise<ImportResult> {
  let plan = planIn;
  const file = plan.file;
  const hash = precomputedHash ?? (await sha256File(file));
  const known = await sourceByHash(store, hash);
  if (known)
    return {
      sourceId: known.id,
      file,
      importer: plan.importer,
      rows: known.rows,
      alreadyImported: true,
      dropped: [],
      skippedBadRows: 0,
      notes: [`${basename(file)} was imported before as "${known.id}" (same sha256): nothing to do`],
    };

  if (opts.mirror) plan = mirrorPlan(plan);
  const meta = opts.source ?? {};
  const totalRows = opts.onProgress ? await estimateRows(file) : 0;
  const keep = keepSql(plan.drops);
  const bad = firstBadSql(plan.checks);
  const from = `${plan.fromSql} ${plan.alias} ${plan.joinSql ?? ''}`;

  const nested = store.inTransaction;
  // Inside a caller's transaction an error aborts it, leaving no second scan to find the line: keep numbers.
  const numbered =
    plan.unnumberedFromSql === undefined ||
    nested ||
    (opts.rowNumbers ?? statSync(file).size < ROW_NUMBERS_MAX_BYTES);
  // --skip-bad reads the file once, into a temporary table that every later scan reads (numbered either way)
  const staged = opts.skipBad === true && plan.checks.length > 0;
  const insertItem = numbered || staged ? plan.fromSql : (plan.unnumberedFromSql as string);
  // The file is the big side of the area-code joins: keep it the probe side. When the
  // optimizer flips it to the build side (it may, once a filter blurs its row estimate),
  // the hash table holds the whole file and memory grows with the file size.
  // IN lists stay comparisons: as joins against the list (in_clause) they cost ~5% of the insert.
  const [{ was, memory }] = await store.query<{ was: string; memory: string }>(
    "SELECT current_setting('disabled_optimizers') AS was, current_setting('memory_limit') AS memory",
  );
  await store.run(
    `SET disabled_optimizers = ${lit([was, 'build_side_probe_side', 'in_clause'].filter(Boolean).join(','))}`,
  );
  const capMemory =
    !numbered && store.path !== ':memory:' && (memoryBytes(memory) ?? 0) > IMPORT_MEMORY_LIMIT_BYTES;
  if (capMemory) await store.run(`SET memory_limit = '${IMPORT_MEMORY_LIMIT_BYTES / 2 ** 20}MiB'`);
  try {
    const item = staged ? await stageRecords(store, plan, numbered) : insertItem;
    const result = await importInTransaction(store, plan, opts, {
      hash,
      totalRows,
      keep,
      bad,
      from: staged ? `${item} ${plan.alias} ${plan.joinSql ?? ''}` : from,
      insertItem: item,
      meta,
    });
    if (!numbered && !staged)
      result.notes.push(
        `flows.row_no left empty (a file of ${ROW_NUMBERS_MAX_BYTES / 1024 / 1024} MiB or more is read unnumbered, in parallel); bad rows are still reported by line`,
      );
    return result;
  } catch (e) {
    if (!(e instanceof BadRowSignal)) throw e;
    // The transaction is rolled back: one more scan finds the first bad row in file order
    // (inside a caller's transaction, which is aborted now, the row DuckDB stopped at is reported).
    if (!nested) throw await firstBadRow(store, plan, from, keep);
    const check = plan.checks[e.check];
    return Promise.reject(
      new ImportError(plan.file, positionLabel(plan, e.row), check.column, e.value, check.why, check.valid),
    );
  } finally {
    if (staged) await store.run(`DROP TABLE IF EXISTS temp.main.${STAGED_RECORDS}`).catch(() => {});
    await store.run(`SET disabled_optimizers = ${lit(was)}`).catch(() => {});
    if (capMemory) await restoreMemoryLimit(store, memory).catch(() => {});
  }
}

/** The temporary table that holds a `--skip-bad` import's records (see `stageRecords`). */
const STAGED_RECORDS = 'amur_import_records';

/**
 * Reads the plan's records once into a temporary table and returns a FROM
 * item over it with the same columns as `plan.fromSql` (`__row` included), so
 * that the count of bad rows, the report and the insert of a `--skip-bad`
 * import do not read the file again. The table is created outside the import's
 * transaction (it is the connection's own, not the store's: a failed import
 * still leaves nothing in the store) and dropped after the import.
 *
 * A large file (`numbered` false) is read in parallel without numbering
 * (`unnumberedFromSql`): DuckDB writes a scan's rows into the table it creates
 * in scan order (`preserve_insertion_order`, on by default), so a record's
 * rowid is its index in the file and its line is rowid + 2 (header = line 1),
 * as `csvFromSql` numbers it. Otherwise (a small file, a JSON or XLSX plan, an
 * import inside a caller's transaction, or insertion order switched off) the
 * numbered `fromSql` is what is stored.
 */
async function stageRecords(store: Store, plan: SqlImportPlan, numbered: boolean): Promise<string> {
  const [{ ordered }] = await store.query<{ ordered: boolean }>(
    "SELECT current_setting('preserve_insertion_order') AS ordered",
  );
  const parallel = !numbered && plan.unnumberedFromSql !== undefined && ordered === true;
  const reader = parallel ? (plan.unnumberedFromSql as string) : plan.fromSql;
  try {
    await store.run(`CREATE OR REPLACE TEMP TABLE ${STAGED_RECORDS} AS SELECT * FROM ${reader}`);
  } catch (e) {
    throw duckdbFileError(plan.file, (e as Error).message);
  }
  return parallel
    ? `(SELECT * REPLACE (CAST(rowid AS BIGINT) + 2 AS __row) FROM temp.main.${STAGED_RECORDS})`
    : `(SELECT * FROM temp.main.${STAGED_RECORDS})`;
}

/**
 * DuckDB's memory limit during the parallel insert of a large (unnumbered)
 * file. At DuckDB's default (80% of RAM) the blocks it writes stay cached and
 * the import's peak memory grew with the file (bench/trade-import.ts, before
 * this limit: 548 MiB at 1 M rows, 741 MiB at 5 M); the rows stream through,
 * so the limit costs no error, only ~5–10% more CPU. Only ever lowered, never
 * raised; not for a `:memory:` store, whose data cannot be evicted.
 */
export const IMPORT_MEMORY_LIMIT_BYTES = 256 * 2 ** 20;

/**
 * Puts the memory limit back: DuckDB's default by RESET when that is what it
 * was (the printed size is rounded, so setting it again would drift), else the
 * printed size.
 */
async function restoreMemoryLimit(store: Store, was: string): Promise<void> {
  await store.run('RESET memory_limit');
  const [{ now }] = await store.query<{ now: string }>("SELECT current_setting('memory_limit') AS now");
  if (now !== was) await store.run(`SET memory_limit = ${lit(was)}`);
}

/** A DuckDB memory size as `current_setting('memory_limit')` prints it (`18.6 GiB`, `256.0 MiB`, `1GB`) in bytes; null when unreadable. */
export function memoryBytes(setting: string): number | null {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B|bytes)?\s*$/i.exec(setting);
  if (!m) return null;
  const unit = (m[2] ?? 'B').toUpperCase();
  const power = { B: 0, BYTES: 0, K: 1, M: 2, G: 3, T: 4 }[
    unit === 'BYTES' ? 'BYTES' : unit[0] === 'B' ? 'B' : unit[0]
  ];
  if (power === undefined) return null;
  const base = unit.includes('I') || unit === 'B' || unit === 'BYTES' ? 1024 : 1000;
  return Number(m[1]) * base ** power;
}

class BadRowSignal extends Error {
  constructor(
    readonly row: number,
    readonly check: number,
    readonly value: string,
  ) {
    super('bad row');
  }
}

async function importInTransaction(
  store: Store,
  plan: SqlImportPlan,
  opts: ImportOptions,
  ctx: {
    hash: string;
    totalRows: number;
    keep: string;
    bad: string;
    /** the FROM item with row numbers (for locating bad rows) */
    from: string;
    /** the FROM item the insert reads, without its alias (`plan.fromSql`, or the same rows unnumbered) */
    insertItem: string;
    meta: SourceMeta;
  },
): Promise<ImportResult> {
  const { hash, totalRows, keep, bad, from, insertItem, meta } = ctx;
  const counted = dropCounting(plan, insertItem);
  const file = plan.file;
  return store.transaction(async (s) => {
    const sourceId = await freeSourceId(s, meta.id ?? sourceIdFrom(basename(file)), meta.id !== undefined);
    await insertSource(s, {
      id: sourceId,
      ...generatedOrGiven(meta, plan.title),
      publisher: meta.publisher ?? plan.publisher,
      citation: meta.citation,
      url: meta.url ?? plan.url,
      licence: meta.licence ?? plan.licence,
      file_name: basename(file),
      file_hash: hash,
      spec: plan.spec,
      importer: plan.importer,
    });

    await counted.create(s);
    let skipped = 0;
    let inserted = 0;
    const dropCounts = new Map<number, number>();
    let reportFile: string | undefined;
    const selectList = (guard: string) =>
      [guard, `${plan.alias}.__row`, ...FLOW_COLUMNS.map((c) => plan.columns[c])].join(',\n  ');
    const insertCols = ['source_id', 'row_no', ...FLOW_COLUMNS].join(', ');

    if (opts.skipBad && plan.checks.length > 0) {
      reportFile = resolve(opts.reportFile ?? `${basename(file)}.skipped.csv`);
      const problems = `list_filter([${plan.checks
        .map(
          (c) =>
            `CASE WHEN coalesce(${c.badSql}, false) THEN {'column': ${lit(c.column)}, 'value': CAST(${c.valueSql} AS VARCHAR), 'why': ${lit(c.why)}, 'valid': ${lit(c.valid)}} END`,
        )
        .join(', ')}], p -> p IS NOT NULL)`;
      const lineExpr =
        plan.position === 'record'
          ? `'data[' || CAST(${plan.alias}.__row - 1 AS VARCHAR) || ']'`
          : `CAST(${plan.alias}.__row AS VARCHAR)`;
      const reportSql = `COPY (
        SELECT line, p.column AS "column", p.value AS value, p.why AS why, p.valid AS valid FROM (
          SELECT ${lineExpr} AS line, ${plan.alias}.__row AS r, unnest(${problems}) AS p
          FROM ${from} WHERE ${keep} AND ${bad} IS NOT NULL) ORDER BY r
      ) TO ${lit(reportFile)} (HEADER, DELIMITER ',')`;
      // the bad rows among the kept ones are counted by the insert's own scan (a sequence, as the drops)
      await s.run(`CREATE OR REPLACE TEMP SEQUENCE ${BAD_SEQUENCE} START 1`);
      const goodOnly = `CASE WHEN NOT (${counted.keep}) THEN false WHEN ${bad} IS NOT NULL THEN nextval(${lit(BAD_SEQUENCE)}) < 0 ELSE true END`;
      inserted = await withProgress(s, totalRows, opts.onProgress, () =>
        insertCount(
          s,
          `INSERT INTO flows (${insertCols}) SELECT ${selectList(lit(sourceId))} FROM ${counted.from} WHERE ${goodOnly}`,
        ),
      );
      const [{ n }] = await s.query<{ n: number }>(`SELECT nextval(${lit(BAD_SEQUENCE)}) - 1 AS n`);
      await s.run(`DROP SEQUENCE ${BAD_SEQUENCE}`);
      skipped = Number(n);
      // The report, and its row numbering, only when there are bad rows to locate.
      if (skipped > 0) await s.run(reportSql);
    } else {
      const guard = plan.checks.length
        ? `CASE WHEN ${bad} IS NOT NULL THEN error(${lit(`${BAD_MARK}|`)} || coalesce(CAST(${plan.alias}.__row AS VARCHAR), '0') || '|' || CAST(${bad} AS VARCHAR) || '|' || coalesce(${badValueSql(plan.checks)}, '')) ELSE ${lit(sourceId)} END`
        : lit(sourceId);
      try {
        inserted = await withProgress(s, totalRows, opts.onProgress, () =>
          insertCount(
            s,
            `INSERT INTO flows (${insertCols}) SELECT ${selectList(guard)} FROM ${counted.from} WHERE ${counted.keep}`,
          ),
        );
      } catch (e) {
        const msg = (e as Error).message;
        const m = new RegExp(`${BAD_MARK}\\|(\\d+)\\|(\\d+)\\|([^\\n]*)`).exec(msg);
        if (m) throw new BadRowSignal(Number(m[1]), Number(m[2]), m[3]);
        throw duckdbFileError(file, msg);
      }
    }

    const rows = inserted;
    const dropped: { reason: string; rows: number }[] = [];
    for (const [i, n] of (await counted.read(s)).entries()) dropCounts.set(i, n);
    plan.drops.forEach((d, i) => {
      const n = dropCounts.get(i) ?? 0;
      if (n > 0) dropped.push({ reason: d.label, rows: n });
    });
    await s.run('UPDATE sources SET rows = $1 WHERE id = $2', [rows, sourceId]);
    const notes = [...(plan.notes ?? [])];
    for (const d of dropped) notes.push(`dropped ${d.rows} ${d.reason}`);
    if (skipped > 0) notes.push(`skipped ${skipped} bad rows, listed in ${reportFile}`);
    return {
      sourceId,
      file,
      importer: plan.importer,
      rows,
      alreadyImported: false,
      dropped,
      skippedBadRows: skipped,
      reportFile: skipped > 0 ? reportFile : undefined,
      notes,
    };
  });
}

const DROP_SEQUENCE = 'amur_import_dropped_';
/** Counts a `--skip-bad` import's bad rows in the insert's scan. */
const BAD_SEQUENCE = 'amur_import_bad';

/**
 * The insert's FROM item, counting the rows each drop rule removes as the insert
 * reads them: a projection below the filter gives each rule a column that is
 * `nextval` of the rule's temporary sequence for the rows it drops, NULL for
 * the others, and the insert keeps the rows where all are NULL. DuckDB pushes
 * no filter through a projection with a volatile function, so every rule is
 * evaluated on every row and a row dropped for two reasons counts under both
 * (as `count(*) FILTER (WHERE …)` per rule would). `read` gives the counts.
 */
function dropCounting(
  plan: SqlImportPlan,
  item: string,
): { from: string; keep: string; create(s: Store): Promise<void>; read(s: Store): Promise<number[]> } {
  const joins = plan.joinSql ?? '';
  const n = plan.drops.length;
  if (n === 0)
    return {
      from: `${item} ${plan.alias} ${joins}`,
      keep: 'true',
      create: async () => {},
      read: async () => [],
    };
  const seq = (i: number) => `${DROP_SEQUENCE}${i}`;
  const marks = plan.drops.map(
    (d, i) => `CASE WHEN coalesce(${d.dropSql}, false) THEN nextval(${lit(seq(i))}) END AS __dropped_${i}`,
  );
  return {
    from: `(SELECT *, ${marks.join(', ')} FROM ${item} ${plan.alias}) ${plan.alias} ${joins}`,
    keep: plan.drops.map((_, i) => `${plan.alias}.__dropped_${i} IS NULL`).join(' AND '),
    create: (s) =>
      s.run(plan.drops.map((_, i) => `CREATE OR REPLACE TEMP SEQUENCE ${seq(i)} START 1`).join('; ')),
    read: async (s) => {
      // nextval after the insert is one more than the number of rows the rule dropped
      const [row] = await s.query<Record<string, number>>(
        `SELECT ${plan.drops.map((_, i) => `nextval(${lit(seq(i))}) - 1 AS d${i}`).join(', ')}`,
      );
      await s.run(plan.drops.map((_, i) => `DROP SEQUENCE ${seq(i)}`).join('; '));
      return plan.drops.map((_, i) => Number(row[`d${i}`]));
    },
  };
}

/** The same plan storing each row as the flow it mirrors (see `ImportOptions.mirror`). */
export function mirrorPlan(plan: SqlImportPlan): SqlImportPlan {
  const c = plan.columns;
  return {
    ...plan,
    columns: {
      ...c,
      reporter_level: c.partner_level,
      reporter_code: c.partner_code,
      partner_level: c.reporter_level,
      partner_code: c.reporter_code,
      flow: `(CASE ${c.flow} WHEN 'export' THEN 'import' WHEN 'import' THEN 'export' WHEN 're-export' THEN 're-import' WHEN 're-import' THEN 're-export' ELSE ${c.flow} END)`,
      reported_by: `'partner'`,
    },
    spec: { mirror: true, spec: plan.spec },
    notes: [
      ...(plan.notes ?? []),
      'stored as mirror data: reporter and partner swapped, reported_by = partner',
    ],
  };
}

/** Runs an INSERT and returns the number of rows it wrote. */
async function insertCount(store: Store, sql: string): Promise<number> {
  const rows = await store.query<Record<string, unknown>>(sql);
  return Number(rows[0] ? Object.values(rows[0])[0] : 0);
}

/** The offending value of the first failing check, as text. */
function badValueSql(checks: RowCheck[]): string {
  return `(CASE ${firstBadSql(checks)} ${checks.map((c, i) => `WHEN ${i} THEN CAST(${c.valueSql} AS VARCHAR)`).join(' ')} END)`;
}

/** Scans again for the first bad row in file order and builds its message. */
async function firstBadRow(
  store: Store,
  plan: SqlImportPlan,
  from: string,
  keep: string,
): Promise<ImportError> {
  const bad = firstBadSql(plan.checks);
  const badValue = badValueSql(plan.checks);
  const rows = await store.query<{ r: number; k: number; v: string | null }>(
    `SELECT r, k, v FROM (SELECT ${plan.alias}.__row AS r, ${bad} AS k, ${badValue} AS v FROM ${from} WHERE ${keep})
     WHERE k IS NOT NULL ORDER BY r LIMIT 1`,
  );
  const first = rows[0];
  if (!first) return new ImportError(plan.file, '?', '?', null, 'a row failed validation', 'see the file');
  const check = plan.checks[first.k];
  return new ImportError(
    plan.file,
    positionLabel(plan, first.r),
    check.column,
    first.v,
    check.why,
    check.valid,
  );
}

/** Turns a DuckDB reader error into one line naming the file (and the line when DuckDB gives it). */
export function duckdbFileError(file: string, msg: string): ImportFileError {
  const line = /CSV Error on Line: (\d+)/.exec(msg)?.[1];
  const original = /Original Line: ?(.*)/.exec(msg)?.[1];
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (line) {
    const why = columns
      ? `${columns[2]} fields where the header has ${columns[1]}`
      : (msg
          .split('\n')
          .find((l) => l.trim() !== '' && !/CSV Error on Line|Original Line/.test(l))
          ?.replace(/^[A-Za-z ]+Error: /, '') ?? 'unreadable line');
    return new ImportFileError(
      `${file}:${line}`,
      `${original !== undefined ? `${JSON.stringify(original.slice(0, 120))}: ` : ''}${why} (a line with the header's fields, quoted with " where a value holds the delimiter)`,
    );
  }
  const first = msg.split('\n').find((l) => l.trim() !== '') ?? msg;
  return new ImportFileError(file, first.replace(/^[A-Za-z ]+Error: /, ''));
}

/** An SQL string literal. */
export function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** How a delimited text file is read: its header and delimiter, found by Amur, not guessed by the reader. */
export interface CsvDialect {
  columns: string[];
  delim: string;
}

const dialects = new Map<string, CsvDialect>();

/**
 * Reads the header line of a CSV/TSV file (plain or .gz) and picks the
 * delimiter (comma, tab, semicolon or bar: the most frequent in the header).
 */
export async function csvDialect(file: string): Promise<CsvDialect> {
  const st = statSync(file);
  const key = `${file}\0${st.size}\0${st.mtimeMs}`;
  const cached = dialects.get(key);
  if (cached) return cached;
  let stream: NodeJS.ReadableStream = createReadStream(file, { start: 0, end: (1 << 20) - 1 });
  if (/\.gz$/i.test(file)) {
    const { createGunzip } = await import('node:zlib');
    stream = createReadStream(file).pipe(createGunzip());
  }
  let text = '';
  for await (const chunk of stream) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > 1 << 20) break;
  }
  (stream as unknown as { destroy?: () => void }).destroy?.();
  const header = text
    .replace(/^\uFEFF/, '')
    .split('\n')[0]
    .replace(/\r$/, '');
  if (header.trim() === '')
    throw new ImportFileError(file, 'the file is empty or its first line is blank (expected a header line)');
  const count = (d: string) => parseCsvRecords(header, d).header.length;
  const delim = [',', '\t', ';', '|'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
  const seen = new Map<string, number>();
  const columns = parseCsvRecords(header, delim).header.map((c, i) => {
    const name = c.trim() || `column${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}_${n + 1}`;
  });
  const d = { columns, delim };
  dialects.set(key, d);
  return d;
}

/** The columns of a CSV file, as named in its header. */
export async function csvColumns(_store: Store, file: string): Promise<string[]> {
  return (await csvDialect(file)).columns;
}

/**
 * `read_csv(…)` of a file with its own header and delimiter, every column as
 * text, no guessing: a line with another number of fields is an error naming the line.
 */
export function csvReadSql(file: string, dialect: CsvDialect): string {
  const cols = dialect.columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${lit(file)}, auto_detect = false, header = true, delim = ${lit(dialect.delim)}, quote = '"', escape = '"', columns = {${cols}})`;
}

/**
 * The FROM item reading a CSV as text with a `__row` column (header = line 1).
 *
 * Cost: `WITH ORDINALITY` runs as a streaming window, which keeps the rest of
 * the pipeline on one thread; measured on a 3 M-row Comtrade file it is about
 * 45% of the import time (bench/trade-import.ts). DuckDB (1.5) does not expose
 * the CSV line number, so with `numbered = false` `__row` is NULL and the read
 * stays parallel (the plan's `unnumberedFromSql`, see `runSqlImport`).
 */
export function csvFromSql(file: string, dialect?: CsvDialect, numbered = true): string {
  let d = dialect;
  if (!d) {
    const st = statSync(file);
    d = dialects.get(`${file}\0${st.size}\0${st.mtimeMs}`);
  }
  const reader = d ? csvReadSql(file, d) : `read_csv(${lit(file)}, all_varchar = true, header = true)`;
  if (!numbered) return `(SELECT *, NULL::BIGINT AS __row FROM ${reader})`;
  return `(SELECT *, CAST(ordinality AS BIGINT) + 1 AS __row FROM ${reader} WITH ORDINALITY)`;
}
