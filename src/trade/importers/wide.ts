/**
 * The wide-table importer: a table copied from a paper (CSV, one row per year
 * or per category) plus its YAML spec (`src/trade/spec.ts`, documented in
 * `docs/trade.md`) becomes
 * - one `sources` row (importer `wide`, the spec as JSON) and one `wide_tables` row;
 * - `flows`: one row per printed value cell, variant `as-printed`, and when
 *   the spec has corrections a complete `as-corrected` copy;
 * - `printed_cells`: every cell as printed (and as corrected), with its decimals;
 * - `text_facts`: the spec's claims from the running text.
 *
 * Everything is checked before anything is written, and written in one
 * transaction: a bad cell stops the import with
 * `file:line:column: value: why (what would be valid)` and nothing is left
 * behind. Re-importing the same table and spec (same bytes) is a no-op.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type CsvRecord, parseCsvRecords } from '../csv.ts';
import { FLOW_TABLE_COLUMNS } from '../flow-columns.ts';
import {
  type FlowKey,
  PRINTED_CELL_COLUMNS,
  type PrintedCellRow,
  TEXT_FACT_COLUMNS,
  type TextFactRow,
} from '../printed-table.ts';
import { perUsd } from '../rates.ts';
import {
  type ColumnSpec,
  type Commodity,
  type Correction,
  type LocatedSpec,
  type Place,
  type PrintedValue,
  parsePrinted,
  parseWideSpecLocated,
  slug,
  type WideSpec,
} from '../spec.ts';
import type { Store } from '../store.ts';
import {
  assertReadable,
  freeSourceId,
  ImportError,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
  insertSource,
  sourceByHash,
} from './common.ts';

export const WIDE_IMPORTER = 'wide';

// ---------------------------------------------------------------- the plan

export interface FlowRow extends FlowKey {
  source_id: string;
  row_no: number;
  value: number;
  currency: string;
  scale: number;
  value_usd: number | null;
  quantity: number | null;
  quantity_unit: string | null;
  net_weight_kg: null;
  basis: string | null;
  reported_by: 'reporter';
  variant: 'as-printed' | 'as-corrected';
  estimated: false;
  derived: false;
}

/** Everything a wide table import writes, computed and checked before writing. */
export interface WidePlan {
  spec: WideSpec;
  sourceId: string;
  tableFile: string;
  specFile: string;
  hash: string;
  flows: FlowRow[];
  cells: PrintedCellRow[];
  facts: TextFactRow[];
  notes: string[];
}

/** What a value column's flows are: the defaults overridden by the column. */
function valueKey(spec: WideSpec, col: Extract<ColumnSpec, { role: 'value' }>) {
  const d = spec.defaults;
  return {
    reporter: col.reporter ?? d.reporter,
    partner: col.partner ?? d.partner,
    flow: (col.flow ?? d.flow)!,
    commodity: col.commodity ?? d.commodity,
    currency: col.currency ?? d.currency,
    scale: col.scale ?? d.scale,
    basis: col.basis ?? d.basis ?? null,
  };
}

interface ParsedRow {
  line: number;
  key: string;
  year: number;
  commodity: Commodity | null;
  cells: Map<string, { text: string; num: PrintedValue | null; columnNo: number }>;
}

const NUMERIC_ROLES = new Set(['value', 'quantity', 'growth', 'share', 'rank']);

/**
 * Reads a spec and its table and computes every row to write, checking every
 * cell. Throws `SpecErrors`/`SpecError` (spec problems, with their position in
 * the spec) or `ImportError` (table cells, `file:line:column`).
 */
export function planWideImport(
  specFile: string,
  tableFile?: string,
  opts: { sourceId?: string } = {},
): Omit<WidePlan, 'flows' | 'facts'> & {
  rows: ParsedRow[];
  located: LocatedSpec;
  build: (rates: Map<string, number | null>) => { flows: FlowRow[]; facts: TextFactRow[] };
} {
  assertReadable(specFile);
  const specText = readFileSync(specFile, 'utf8');
  const located = parseWideSpecLocated(specText, specFile);
  const spec = located.spec;
  const table = tableFile ?? resolve(dirname(specFile), spec.table.file);
  assertReadable(table);
  const tableBytes = readFileSync(table);
  const hash = createHash('sha256').update(tableBytes).update('\0spec\0').update(specText).digest('hex');
  const sourceId = opts.sourceId ?? spec.id;
  const { header, records } = parseCsvRecords(tableBytes.toString('utf8'));

  checkHeader(spec, located, header, table, specFile);
  const rows = parseRows(spec, header, records, table);
  const { corrected, scaleFix } = findCorrections(spec, located, header, rows, table);
  const { cells, valueKeys } = printedCellsOf(spec, header, rows, sourceId, corrected, scaleFix);

  const build = (rates: Map<string, number | null>) => {
    const flows: FlowRow[] = [];
    const usd = (value: number, scale: number, currency: string, year: number): number | null => {
      const r = rates.get(`${currency}\u0000${year}`);
      return r === null || r === undefined ? null : (value * scale) / r;
    };
    for (const cell of cells) {
      if (cell.role !== 'value' || cell.value === null) continue;
      const k = valueKeys.get(cell.column_name)!;
      const qtyCol = header.find((h) => {
        const c = spec.columns[h];
        return c.role === 'quantity' && c.of === cell.column_name;
      });
      const qtyCell = qtyCol
        ? cells.find(
            (c) => c.variant === cell.variant && c.row_no === cell.row_no && c.column_name === qtyCol,
          )
        : undefined;
      const qtySpec = qtyCol ? (spec.columns[qtyCol] as Extract<ColumnSpec, { role: 'quantity' }>) : null;
      flows.push({
        source_id: sourceId,
        row_no: cell.row_no,
        reporter_level: cell.reporter_level!,
        reporter_code: cell.reporter_code!,
        partner_level: cell.partner_level!,
        partner_code: cell.partner_code!,
        year: cell.year!,
        month: cell.month ?? null,
        period_kind: cell.period_kind!,
        flow: cell.flow!,
        commodity_system: cell.commodity_system!,
        commodity_code: cell.commodity_code!,
        commodity_label: cell.commodity_label ?? null,
        value: cell.value,
        currency: cell.currency!,
        scale: cell.scale!,
        value_usd: usd(cell.value, cell.scale!, cell.currency!, cell.year!),
        quantity: qtyCell?.value != null && qtySpec ? qtyCell.value * qtySpec.scale : null,
        quantity_unit: qtyCell?.value != null && qtySpec ? qtySpec.unit : null,
        net_weight_kg: null,
        basis: k.basis,
        reported_by: 'reporter',
        variant: cell.variant,
        estimated: false,
        derived: false,
      });
    }
    const facts = buildFacts(located, sourceId, flows, usd);
    return { flows, facts };
  };

  return {
    spec,
    sourceId,
    tableFile: table,
    specFile,
    hash,
    cells,
    notes: [],
    rows,
    located,
    build,
  };
}

type Corrected = Map<string, { text: string; num: PrintedValue; c: Correction }>;
type ScaleFixes = Map<string, { scale: number; c: Correction }>;

/** The table's header against the spec: every column mapped, none twice, none the spec names missing. */
function checkHeader(
  spec: WideSpec,
  located: LocatedSpec,
  header: string[],
  table: string,
  specFile: string,
): void {
  const columnNames = Object.keys(spec.columns);
  if (header.length === 0) throw new ImportFileError(table, 'the table is empty (a header line and rows)');
  header.forEach((h, i) => {
    if (!(h in spec.columns))
      throw new ImportError(
        table,
        1,
        String(i + 1),
        h,
        `column not in the spec ${basename(specFile)}`,
        `one of ${columnNames.join(', ')}, or add it to columns with a role, e.g. { role: ignore }`,
      );
  });
  header.forEach((h, i) => {
    if (header.indexOf(h) !== i)
      throw new ImportError(table, 1, String(i + 1), h, 'column named twice', 'unique column names');
  });
  for (const name of columnNames)
    if (!header.includes(name))
      throw located.error(
        ['columns', name],
        name,
        `the spec maps a column that ${basename(table)} does not have (its columns: ${header.join(', ')})`,
      );
}

/** The table's rows, each cell parsed as printed; a bad cell stops with `file:line:column`. */
function parseRows(spec: WideSpec, header: string[], records: CsvRecord[], table: string): ParsedRow[] {
  const commodityCol = header.find((h) => spec.columns[h].role === 'commodity');
  const keyNo = header.indexOf(spec.key.column);

  // rows
  const rows: ParsedRow[] = [];
  const seenKeys = new Map<string, number>();
  for (const rec of records) {
    if (rec.cells.length !== header.length)
      throw new ImportError(
        table,
        rec.line,
        String(Math.min(rec.cells.length, header.length) + 1),
        rec.cells.join(','),
        `${rec.cells.length} cells in a table of ${header.length} columns`,
        `${header.length} comma-separated cells (${header.join(', ')}); quote cells that contain commas`,
      );
    const key = rec.cells[keyNo].trim();
    if (key === '')
      throw new ImportError(
        table,
        rec.line,
        String(keyNo + 1),
        key,
        `the key column "${spec.key.column}" is empty`,
        spec.key.kind === 'year' ? 'a year such as 2016' : 'the row label as printed',
      );
    if (seenKeys.has(key))
      throw new ImportError(
        table,
        rec.line,
        String(keyNo + 1),
        key,
        `the key is used twice (also on line ${seenKeys.get(key)})`,
        'one row per key',
      );
    seenKeys.set(key, rec.line);
    let year: number;
    if (spec.key.kind === 'year') {
      if (!/^\d{4}$/.test(key) || Number(key) < 1900 || Number(key) > 2100)
        throw new ImportError(
          table,
          rec.line,
          String(keyNo + 1),
          key,
          'not a year',
          'a four-digit year between 1900 and 2100',
        );
      year = Number(key);
    } else year = spec.period.year!;
    const cells = new Map<string, { text: string; num: PrintedValue | null; columnNo: number }>();
    header.forEach((h, i) => {
      const text = rec.cells[i].trim();
      const role = spec.columns[h].role;
      let num: PrintedValue | null = null;
      if (NUMERIC_ROLES.has(role) && text !== '') {
        num = parsePrinted(text, spec.table.decimal);
        if (!num)
          throw new ImportError(
            table,
            rec.line,
            String(i + 1),
            text,
            `not a number in column "${h}" (${role})`,
            `a number as printed such as 15.9, -6.4 or 1${spec.table.decimal === '.' ? ',' : ' '}234, or an empty cell where nothing is printed`,
          );
      }
      cells.set(h, { text, num, columnNo: i + 1 });
    });
    let commodity: Commodity | null = null;
    if (commodityCol) {
      const label = cells.get(commodityCol)!.text;
      const code = slug(label);
      if (code === '')
        throw new ImportError(
          table,
          rec.line,
          String(header.indexOf(commodityCol) + 1),
          label,
          'empty commodity name',
          "the category's name as printed",
        );
      commodity = { system: 'SRC', code, label };
    }
    rows.push({ line: rec.line, key, year, commodity, cells });
  }
  if (rows.length === 0) throw new ImportFileError(table, 'the table has a header but no rows');
  return rows;
}

/** The spec's corrections, each found in the table and checked against what it prints. */
function findCorrections(
  spec: WideSpec,
  located: LocatedSpec,
  header: string[],
  rows: ParsedRow[],
  table: string,
): { corrected: Corrected; scaleFix: ScaleFixes } {
  const corrected: Corrected = new Map();
  const scaleFix: ScaleFixes = new Map();
  spec.corrections.forEach((c, i) => {
    if (c.scale !== undefined) {
      const cols = c.columns ?? header.filter((h) => spec.columns[h].role === 'value');
      for (const col of cols) scaleFix.set(col, { scale: c.scale, c });
      return;
    }
    const row = rows.find((r) => r.key === c.row);
    if (!row)
      throw located.error(
        ['corrections', i, 'row'],
        c.row,
        `no row with this key in ${basename(table)} (one of ${rows.map((r) => r.key).join(', ')})`,
      );
    const cell = row.cells.get(c.column!)!;
    if (c.printed !== undefined && c.printed !== cell.text)
      throw located.error(
        ['corrections', i, 'printed'],
        c.printed,
        `the table prints ${JSON.stringify(cell.text)} at row ${c.row}, column ${c.column} (${basename(table)}:${row.line}:${cell.columnNo}); correct the transcription or the correction`,
      );
    if (!NUMERIC_ROLES.has(spec.columns[c.column!].role))
      throw located.error(
        ['corrections', i, 'column'],
        c.column,
        'only numeric cells (value, quantity, growth, share) can be corrected',
      );
    corrected.set(`${row.key}\u0000${c.column}`, {
      text: c.corrected!,
      num: parsePrinted(c.corrected!, spec.table.decimal)!,
      c,
    });
  });
  return { corrected, scaleFix };
}

/** Every cell of every variant (as printed, and as corrected when the spec corrects something). */
function printedCellsOf(
  spec: WideSpec,
  header: string[],
  rows: ParsedRow[],
  sourceId: string,
  corrected: Corrected,
  scaleFix: ScaleFixes,
) {
  const hasCorrections = spec.corrections.length > 0;
  const variants: ('as-printed' | 'as-corrected')[] = hasCorrections
    ? ['as-printed', 'as-corrected']
    : ['as-printed'];

  // cells
  const cells: PrintedCellRow[] = [];
  const valueKeys = new Map<string, ReturnType<typeof valueKey>>();
  for (const h of header) {
    const col = spec.columns[h];
    if (col.role === 'value') valueKeys.set(h, valueKey(spec, col));
  }
  const keyFields = (row: ParsedRow, col: string): Partial<FlowKey> => {
    const k = valueKeys.get(col);
    if (!k) return {};
    const commodity = commodityOf(k.commodity, row.commodity, spec);
    return {
      reporter_level: k.reporter.level,
      reporter_code: k.reporter.code,
      partner_level: k.partner.level,
      partner_code: k.partner.code,
      year: row.year,
      month: spec.period.month ?? null,
      period_kind: spec.period.kind,
      flow: k.flow,
      commodity_system: commodity.system,
      commodity_code: commodity.code,
      commodity_label: commodity.label ?? null,
    };
  };
  for (const variant of variants) {
    for (const row of rows) {
      for (const h of header) {
        const col = spec.columns[h];
        const cell = row.cells.get(h)!;
        const fix = variant === 'as-corrected' ? corrected.get(`${row.key}\u0000${h}`) : undefined;
        const sfix = variant === 'as-corrected' && col.role === 'value' ? scaleFix.get(h) : undefined;
        const num = fix ? fix.num : cell.num;
        const of = 'of' in col ? col.of : null;
        const k = col.role === 'value' ? valueKeys.get(h)! : null;
        cells.push({
          source_id: sourceId,
          variant,
          row_no: row.line,
          row_key: row.key,
          column_no: cell.columnNo,
          column_name: h,
          role: col.role,
          printed: fix ? fix.text : cell.text,
          value: num?.value ?? null,
          decimals: num?.decimals ?? null,
          ...keyFields(row, of ?? h),
          currency: k?.currency ?? null,
          scale: k ? (sfix?.scale ?? k.scale) : col.role === 'quantity' ? col.scale : null,
          of_column: of,
          correction: fix ? fix.c.reason : sfix ? sfix.c.reason : null,
        });
      }
    }
  }

  return { cells, valueKeys };
}

function commodityOf(colCommodity: Commodity, rowCommodity: Commodity | null, spec: WideSpec): Commodity {
  // a commodity column (the source's own categories) wins over the defaults,
  // unless the value column names its own commodity
  if (rowCommodity && colCommodity === spec.defaults.commodity) return rowCommodity;
  return colCommodity;
}

function placeOr(p: Place | undefined, d: Place): Place {
  return p ?? d;
}

/** The claims of the spec's facts as rows; attaches quantities to the table rows they name. */
function buildFacts(
  located: LocatedSpec,
  sourceId: string,
  flows: FlowRow[],
  usd: (value: number, scale: number, currency: string, year: number) => number | null,
): TextFactRow[] {
  const spec = located.spec;
  const d = spec.defaults;
  const out: TextFactRow[] = [];
  spec.facts.forEach((fact, fi) => {
    fact.claims.forEach((claim, ci) => {
      const path = ['facts', fi, 'claims', ci];
      const flow = claim.flow ?? d.flow;
      if (!flow)
        throw located.error(
          [...path, 'flow'],
          undefined,
          'the claim needs a flow (here or in defaults.flow): export, import, total, re-export, re-import',
        );
      const year = claim.year ?? spec.period.year ?? null;
      if (year === null && claim.kind !== 'share')
        throw located.error(
          [...path, 'year'],
          undefined,
          'a value, growth or ratio claim needs a year (here or in period.year)',
        );
      const reporter = placeOr(claim.reporter, d.reporter);
      const partner = placeOr(claim.partner, d.partner);
      const commodity = claim.commodity ?? d.commodity;
      const currency = claim.currency ?? d.currency;
      const scale = claim.scale ?? (claim.kind === 'value' ? d.scale : null);
      const num = claim.value !== undefined ? parsePrinted(claim.value, spec.table.decimal) : null;
      const qty =
        claim.kind === 'value' && claim.quantity !== undefined
          ? parsePrinted(claim.quantity, spec.table.decimal)
          : null;
      const inRef = claim.kind === 'share' ? claim.in : null;
      const row: TextFactRow = {
        source_id: sourceId,
        fact_id: fact.id,
        claim_no: ci + 1,
        text: fact.text,
        cite: fact.cite ?? null,
        kind: claim.kind,
        comparison: claim.comparison,
        reporter_level: reporter.level,
        reporter_code: reporter.code,
        partner_level: partner.level,
        partner_code: partner.code,
        year,
        period_kind: spec.period.kind,
        month: spec.period.month ?? null,
        flow,
        commodity_system: commodity.system,
        commodity_code: commodity.code,
        printed: claim.value ?? null,
        value: num?.value ?? null,
        decimals: num?.decimals ?? null,
        currency: claim.kind === 'value' ? currency : null,
        scale: claim.kind === 'value' ? scale : null,
        value_usd:
          claim.kind === 'value' && num && year !== null && scale !== null
            ? usd(num.value, scale, currency, year)
            : null,
        quantity_printed: claim.kind === 'value' ? (claim.quantity ?? null) : null,
        quantity: qty?.value ?? null,
        quantity_decimals: qty?.decimals ?? null,
        quantity_scale: claim.kind === 'value' && qty ? claim.quantity_scale : null,
        quantity_unit: claim.kind === 'value' ? (claim.quantity_unit ?? null) : null,
        of_quantity: claim.kind === 'growth' ? claim.of_quantity : false,
        in_reporter_level: inRef ? (inRef.reporter ?? reporter).level : null,
        in_reporter_code: inRef ? (inRef.reporter ?? reporter).code : null,
        in_partner_level: inRef ? (inRef.partner ?? partner).level : null,
        in_partner_code: inRef ? (inRef.partner ?? partner).code : null,
        in_flow: inRef ? (inRef.flow ?? flow) : null,
        in_commodity_system: inRef ? (inRef.commodity ?? commodity).system : null,
        in_commodity_code: inRef ? (inRef.commodity ?? commodity).code : null,
        in_label: inRef?.label ?? null,
        to_year: claim.kind === 'value' || claim.kind === 'ratio' ? (claim.to_year ?? null) : null,
        trade_mode: claim.trade_mode ?? null,
        of_year: claim.kind === 'ratio' ? claim.of.year : null,
        of_to_year: claim.kind === 'ratio' ? (claim.of.to_year ?? null) : null,
      };
      if (row.to_year !== null && (year === null || row.to_year <= year))
        throw located.error(
          [...path, 'to_year'],
          true,
          `a period runs from year to to_year, later than year (${year}); for one year leave to_year out`,
        );
      if (claim.kind === 'value' && claim.attach) {
        if (!qty || !claim.quantity_unit)
          throw located.error(
            [...path, 'attach'],
            true,
            'attach needs a quantity and a quantity_unit (e.g. quantity: "3.342", quantity_scale: billion, quantity_unit: kWh)',
          );
        const matches = flows.filter(
          (f) =>
            f.reporter_code === row.reporter_code &&
            f.partner_code === row.partner_code &&
            f.year === row.year &&
            f.flow === row.flow &&
            f.commodity_system === row.commodity_system &&
            f.commodity_code === row.commodity_code,
        );
        if (matches.length === 0)
          throw located.error(
            [...path, 'attach'],
            true,
            `no table row has this claim's key (${row.reporter_code} → ${row.partner_code}, ${row.flow}, ${row.year}, ${row.commodity_system}:${row.commodity_code}); the commodity code is the slug of the printed name, e.g. ${flows[0]?.commodity_code ?? 'clothing'}`,
          );
        for (const f of matches) {
          f.quantity = qty.value * claim.quantity_scale;
          f.quantity_unit = claim.quantity_unit;
        }
      }
      out.push(row);
    });
  });
  return out;
}

// ---------------------------------------------------------------- writing

const FLOW_COLS = FLOW_TABLE_COLUMNS;

/** Inserts rows in chunks with positional parameters. */
async function insertRows<T extends object>(
  store: Store,
  table: string,
  cols: readonly string[],
  rows: readonly T[],
): Promise<void> {
  const chunk = Math.max(1, Math.floor(1000 / cols.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const params: unknown[] = [];
    const tuples = part.map((r) => {
      const ph = cols.map((c) => {
        params.push((r as Record<string, unknown>)[c] ?? null);
        return `$${params.length}`;
      });
      return `(${ph.join(', ')})`;
    });
    await store.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export interface WideImportOptions extends ImportOptions {
  /** Replace an existing source with the same id (the seed loader, when the shipped tables change). */
  replace?: boolean;
}

/** Deletes a wide source and everything imported with it (flows, cells, facts). */
export async function deleteWideSource(store: Store, sourceId: string): Promise<void> {
  for (const t of ['flows', 'printed_cells', 'text_facts', 'wide_tables'])
    await store.run(`DELETE FROM ${t} WHERE source_id = $1`, [sourceId]);
  await store.run('DELETE FROM sources WHERE id = $1', [sourceId]);
}

/**
 * Imports a table copied from a paper with its spec, in one transaction.
 * `tableFile` defaults to the spec's `table.file` (relative to the spec).
 */
export async function importWideTable(
  store: Store,
  specFile: string,
  tableFile?: string,
  opts: WideImportOptions = {},
): Promise<ImportResult> {
  const plan = planWideImport(specFile, tableFile, { sourceId: opts.source?.id });
  const result: ImportResult = {
    sourceId: plan.sourceId,
    file: plan.tableFile,
    importer: WIDE_IMPORTER,
    rows: 0,
    alreadyImported: false,
    dropped: [],
    skippedBadRows: 0,
    notes: [],
  };
  const known = await sourceByHash(store, plan.hash);
  if (known && !opts.replace)
    return { ...result, sourceId: known.id, rows: known.rows, alreadyImported: true };

  // exchange rates for every (currency, year) the table and facts use
  const rates = new Map<string, number | null>();
  const needs = new Set<string>();
  for (const c of plan.cells) if (c.role === 'value' && c.currency) needs.add(`${c.currency}\u0000${c.year}`);
  for (const f of plan.spec.facts)
    for (const cl of f.claims) {
      const y = cl.year ?? plan.spec.period.year;
      if (y !== undefined) needs.add(`${cl.currency ?? plan.spec.defaults.currency}\u0000${y}`);
    }
  for (const k of needs) {
    const [currency, year] = k.split('\u0000');
    rates.set(k, await perUsd(store, currency, Number(year)));
  }
  const { flows, facts } = plan.build(rates);
  const missing = [...rates].filter(([, r]) => r === null).map(([k]) => k.replace('\u0000', ' '));
  if (missing.length)
    result.notes.push(
      `no exchange rate for ${missing.join(', ')}: value_usd is empty for those values (add rates to data/trade/exchange-rates/)`,
    );

  await store.transaction(async (tx) => {
    if (opts.replace) await deleteWideSource(tx, plan.sourceId);
    else if (known) return;
    const id = await freeSourceId(tx, plan.sourceId, true);
    const s = plan.spec;
    await insertSource(tx, {
      id,
      // a title given on import (--title) stays as given, without the spec's translations
      title: opts.source?.title ?? s.title,
      titles: opts.source?.title === undefined ? (s.titles ?? null) : null,
      publisher: opts.source?.publisher ?? s.publisher ?? null,
      citation: opts.source?.citation ?? s.citation,
      url: opts.source?.url ?? s.url ?? null,
      licence: opts.source?.licence ?? s.licence,
      file_name: basename(plan.tableFile),
      file_hash: plan.hash,
      spec: s,
      importer: WIDE_IMPORTER,
      rows: flows.length,
    });
    await tx.run(
      `INSERT INTO wide_tables (source_id, table_file, spec_file, key_column, printed_unit, has_corrections)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        basename(plan.tableFile),
        basename(plan.specFile),
        s.key.column,
        s.table.printed_unit ?? null,
        s.corrections.length > 0,
      ],
    );
    await insertRows(tx, 'flows', FLOW_COLS, flows);
    await insertRows(tx, 'printed_cells', PRINTED_CELL_COLUMNS, plan.cells);
    await insertRows(tx, 'text_facts', TEXT_FACT_COLUMNS, facts);
  });
  result.rows = flows.length;
  const printed = flows.filter((f) => f.variant === 'as-printed').length;
  result.notes.push(
    `${printed} values as printed${flows.length > printed ? ` and ${flows.length - printed} as corrected` : ''}, ${plan.cells.filter((c) => c.variant === 'as-printed').length} printed cells, ${facts.length} text claims`,
  );
  return result;
}
