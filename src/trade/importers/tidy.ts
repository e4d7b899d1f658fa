/**
 * Tidy CSV and XLSX importer: one row per value, with a column mapping that
 * says which column (or which constant) gives each field of a flow.
 *
 * A mapping file (YAML or JSON), or the same through CLI flags
 * (`--map field=Column`, `--set field=value`):
 *
 * ```yaml
 * columns:            # field → column name in the file (header row)
 *   reporter: Region
 *   partner: Partner
 *   year: Year
 *   flow: Flow
 *   commodity: HS
 *   value: Value
 * constants:          # field → the same value for every row
 *   reporter_level: province
 *   currency: CNY
 *   scale: 10000
 *   commodity_system: HS2017
 * values:             # renaming of values, per field
 *   reporter: { 黑龙江: CN-HL }
 * sheet: Sheet1       # XLSX only (default: the first sheet)
 * source: { id: hlj-customs-2019, title: …, publisher: …, url: …, licence: … }
 * ```
 *
 * Fields: reporter, reporter_level, partner, partner_level, year, month,
 * period (YYYY, YYYY-MM or YYYYMM, instead of year/month), period_kind,
 * flow, commodity, commodity_system, commodity_label, value, currency, scale,
 * quantity, quantity_unit, net_weight_kg, basis, reported_by, variant,
 * estimated. Required: reporter, partner, value, flow, and year or period.
 * Reporter and partner are region codes (`CHN`, `CN-HL`, `CN-HL-HEIHE`,
 * `WLD`, see `regions`), region names in English, Chinese or Russian
 * (`Heilongjiang`, `黑龙江`, `Хэйлунцзян`), or `atlas:<place id>` with a level constant. Flow
 * words in English, Chinese and Russian are understood (export/出口/экспорт,
 * import/进口/импорт, total/进出口/товарооборот). Values in another currency
 * are converted to US dollars with the store's exchange rates.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { describeIssues, describeUnknownField, pathToField } from '../../atlas/problems.ts';
import { csvField } from '../csv.ts';
import { usdSql } from '../rates.ts';
import type { Store } from '../store.ts';
import { SCALE_VALID, SourceId, scaleSql as scaleOfCellSql } from '../vocabulary.ts';
import {
  assertReadable,
  csvColumns,
  csvDialect,
  csvFromSql,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
  lit,
  type RowCheck,
  runSqlImport,
  type SqlImportPlan,
  sha256File,
} from './common.ts';

export const TIDY_FIELDS = [
  'reporter',
  'reporter_level',
  'partner',
  'partner_level',
  'year',
  'month',
  'period',
  'period_kind',
  'flow',
  'commodity',
  'commodity_system',
  'commodity_label',
  'value',
  'currency',
  'scale',
  'quantity',
  'quantity_unit',
  'net_weight_kg',
  'basis',
  'reported_by',
  'variant',
  'estimated',
] as const;
export type TidyField = (typeof TIDY_FIELDS)[number];
const FieldName = z.enum(TIDY_FIELDS);

/** The column mapping of a tidy file. */
export const TidyMapping = z
  .object({
    columns: z.partialRecord(FieldName, z.string().min(1)).default({}),
    constants: z.partialRecord(FieldName, z.union([z.string(), z.number(), z.boolean()])).default({}),
    values: z.partialRecord(FieldName, z.record(z.string(), z.union([z.string(), z.number()]))).default({}),
    sheet: z.string().optional(),
    /** `1.234,5` style numbers */
    decimal_comma: z.boolean().default(false),
    source: z
      .object({
        id: SourceId.optional(),
        title: z.string().optional(),
        publisher: z.string().optional(),
        citation: z.string().optional(),
        url: z.string().optional(),
        licence: z.string().optional(),
      })
      .default({}),
  })
  .strict();
export type TidyMapping = z.infer<typeof TidyMapping>;

/** Reads a mapping file (YAML or JSON). Errors name the file and the field. */
export function readTidyMapping(file: string): TidyMapping {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ImportFileError(file, `cannot read the mapping: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseTidyMapping(raw, file);
}

/**
 * Validates a mapping. Refused: an `ImportFileError` listing `where: field:
 * problem (what would be valid)`, one a line, by the shared describer (an
 * unknown field says which it may have meant).
 */
export function parseTidyMapping(raw: unknown, where = 'mapping'): TidyMapping {
  const r = TidyMapping.safeParse(raw ?? {}, { reportInput: true });
  if (r.success) return r.data;
  const problems = describeIssues(r.error.issues.filter((i) => i.code !== 'unrecognized_keys')).map(
    ([field, problem]) => `${field === '(record)' ? '(mapping)' : field}: ${problem}`,
  );
  for (const issue of r.error.issues)
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push(`${pathToField(path)}: ${describeUnknownField(TidyMapping, path)}`);
      }
  throw new ImportFileError(where, problems.join(`\n${where}: `));
}

/** Builds a mapping from CLI flags `--map field=Column` and `--set field=value`, on top of `base`. */
export function mappingFromFlags(
  base: TidyMapping | undefined,
  map: string[] = [],
  set: string[] = [],
): TidyMapping {
  const m: TidyMapping = base ? structuredClone(base) : parseTidyMapping({}, 'flags');
  const split = (flag: string, s: string): [TidyField, string] => {
    const i = s.indexOf('=');
    const k = i > 0 ? s.slice(0, i).trim() : '';
    if (!FieldName.safeParse(k).success)
      throw new ImportFileError(
        flag,
        `${JSON.stringify(s)}: expected field=… with a field among ${TIDY_FIELDS.join(', ')}`,
      );
    return [k as TidyField, s.slice(i + 1)];
  };
  for (const s of map) {
    const [k, v] = split('--map', s);
    m.columns[k] = v;
  }
  for (const s of set) {
    const [k, v] = split('--set', s);
    m.constants[k] = v;
  }
  return m;
}

const FLOW_WORDS: Record<string, string> = {
  export: 'export',
  exports: 'export',
  x: 'export',
  出口: 'export',
  экспорт: 'export',
  import: 'import',
  imports: 'import',
  m: 'import',
  进口: 'import',
  импорт: 'import',
  total: 'total',
  turnover: 'total',
  'total trade': 'total',
  进出口: 'total',
  进出口总额: 'total',
  товарооборот: 'total',
  're-export': 're-export',
  reexport: 're-export',
  rx: 're-export',
  're-import': 're-import',
  reimport: 're-import',
  rm: 're-import',
};

export interface TidyOptions extends ImportOptions {
  mapping: TidyMapping;
}

/** Imports a tidy CSV or XLSX file with a column mapping. */
export async function importTidy(store: Store, file: string, opts: TidyOptions): Promise<ImportResult> {
  assertReadable(file);
  const hash = await sha256File(file);
  const mapping = opts.mapping;
  const source = { ...mapping.source, ...(opts.source ?? {}) };
  if (/\.xlsx$/i.test(file)) {
    const dir = await mkdtemp(join(tmpdir(), 'amur-xlsx-'));
    try {
      const { csv, headers, letters } = await xlsxToCsv(file, join(dir, 'sheet.csv'), mapping.sheet);
      const from = csvFromSql(csv, await csvDialect(csv));
      const plan = tidyPlan(file, mapping, headers, from, 'tidy-xlsx', letters);
      plan.fromSql = `(SELECT * REPLACE (CAST(__xlsx_row AS BIGINT) AS __row) FROM ${from})`;
      return await runSqlImport(store, plan, { ...opts, source }, hash);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const headers = await csvColumns(store, file);
  const plan = tidyPlan(file, mapping, headers, csvFromSql(file), 'tidy-csv');
  plan.unnumberedFromSql = csvFromSql(file, undefined, false);
  return runSqlImport(store, plan, { ...opts, source }, hash);
}

/**
 * Streams the first (or the named) sheet of an XLSX workbook to a CSV file
 * with a leading `__xlsx_row` column holding each row's number in the sheet.
 */
export async function xlsxToCsv(
  file: string,
  out: string,
  sheet?: string,
): Promise<{ csv: string; headers: string[]; letters: Map<string, string> }> {
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  const ws = createWriteStream(out);
  const write = (s: string) =>
    new Promise<void>((res, rej) => (ws.write(s) ? res() : ws.once('drain', res).once('error', rej)));
  let headers: string[] | null = null;
  const letters = new Map<string, string>();
  const seenSheets: string[] = [];
  let found = false;
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name?: string }).name ?? `sheet ${seenSheets.length + 1}`;
    seenSheets.push(name);
    if (found || (sheet !== undefined && name !== sheet)) {
      for await (const _ of worksheet) {
        // skip the rows of other sheets
      }
      continue;
    }
    found = true;
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (headers === null) {
        if (values.every((v) => v === '')) continue;
        headers = values.map((v, i) => v || `column${i + 1}`);
        for (const [i, h] of headers.entries()) letters.set(h, columnLetter(i + 1));
        await write(`${['__xlsx_row', ...headers].map(csvField).join(',')}\n`);
        continue;
      }
      if (values.every((v) => v === '')) continue;
      const cells = headers.map((_, i) => values[i] ?? '');
      await write(`${[row.number, ...cells].map(csvField).join(',')}\n`);
    }
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  if (!found)
    throw new ImportFileError(
      file,
      sheet
        ? `no sheet named ${JSON.stringify(sheet)} (sheets: ${seenSheets.join(', ')})`
        : 'the workbook has no sheet',
    );
  if (headers === null)
    throw new ImportFileError(file, 'the sheet is empty (expected a header row, then data rows)');
  return { csv: out, headers, letters };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellText(o.result);
    if ('richText' in o && Array.isArray(o.richText))
      return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('text' in o) return String(o.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Builds the SQL plan of a tidy file with header `headers`. */
/** The mapping's fields as SQL over the file's columns, and the checks every row must pass. */
interface TidyFields {
  mapping: TidyMapping;
  has(f: TidyField): boolean;
  /** the field as text: the column (trimmed, renamed by `values`) or the constant */
  raw(f: TidyField): string;
  numberSql(t: string): string;
  check(f: TidyField, badSql: string, why: string, valid: string): void;
  checks: RowCheck[];
}

function tidyFields(
  file: string,
  mapping: TidyMapping,
  headers: string[],
  letters?: Map<string, string>,
): TidyFields {
  const byLower = new Map(headers.map((h) => [h.trim().toLowerCase(), h]));
  for (const [field, col] of Object.entries(mapping.columns))
    if (!byLower.has(col.trim().toLowerCase()))
      throw new ImportFileError(
        file,
        `the mapping's column for ${field}, ${JSON.stringify(col)}, is not in the header (columns: ${headers.filter((h) => h !== '__xlsx_row').join(', ')})`,
      );
  const has = (f: TidyField) => mapping.columns[f] !== undefined || mapping.constants[f] !== undefined;
  for (const f of ['reporter', 'partner', 'value', 'flow'] as const)
    if (!has(f))
      throw new ImportFileError(
        file,
        `the mapping gives no ${f}: add columns.${f} (a column name) or constants.${f}`,
      );
  if (!has('year') && !has('period'))
    throw new ImportFileError(
      file,
      'the mapping gives no year: add columns.year or columns.period (or constants.year)',
    );

  const colName = (f: TidyField) =>
    byLower.get((mapping.columns[f] as string).trim().toLowerCase()) as string;
  const label = (f: TidyField) => {
    const c = colName(f);
    const l = letters?.get(c);
    return l ? `${l} (${c})` : c;
  };
  /** the field as text: the column (trimmed, renamed by `values`) or the constant */
  const raw = (f: TidyField): string => {
    if (mapping.columns[f] !== undefined) {
      const t = `nullif(trim(src."${colName(f).replaceAll('"', '""')}"), '')`;
      const ren = mapping.values[f];
      if (!ren || Object.keys(ren).length === 0) return t;
      return `(CASE ${t} ${Object.entries(ren)
        .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(String(v))}`)
        .join(' ')} ELSE ${t} END)`;
    }
    const c = mapping.constants[f];
    return c === undefined ? 'NULL::VARCHAR' : lit(String(c));
  };
  const where = (f: TidyField) => (mapping.columns[f] !== undefined ? label(f) : `constants.${f}`);
  const numberSql = (t: string) =>
    mapping.decimal_comma
      ? `TRY_CAST(replace(replace(replace(${t}, ' ', ''), '.', ''), ',', '.') AS DOUBLE)`
      : `TRY_CAST(replace(replace(${t}, ' ', ''), ',', '') AS DOUBLE)`;

  const checks: RowCheck[] = [];
  const check = (f: TidyField, badSql: string, why: string, valid: string) =>
    checks.push({ column: where(f), valueSql: raw(f), badSql, why, valid });

  return { mapping, has, raw, numberSql, check, checks };
}

/** year, month and period kind, from year/month columns or a period (YYYY, YYYY-MM, YYYYMM). */
function periodColumns(f: TidyFields) {
  const { has, raw, check } = f;
  const periodTxt = raw('period');
  const periodYear = `TRY_CAST(substr(${periodTxt}, 1, 4) AS INTEGER)`;
  const periodMonth = `(CASE WHEN regexp_full_match(${periodTxt}, '[0-9]{4}-?[0-9]{2}') THEN TRY_CAST(right(${periodTxt}, 2) AS INTEGER) END)`;
  const yearSql = has('year') ? `TRY_CAST(${raw('year')} AS INTEGER)` : periodYear;
  const monthSql = has('month')
    ? `TRY_CAST(${raw('month')} AS INTEGER)`
    : has('period')
      ? periodMonth
      : 'NULL::INTEGER';
  if (has('year'))
    check(
      'year',
      `${yearSql} IS NULL OR NOT (${yearSql} BETWEEN 1900 AND 2100)`,
      'not a year',
      'a year between 1900 and 2100',
    );
  else
    check(
      'period',
      `NOT regexp_full_match(coalesce(${periodTxt}, ''), '[0-9]{4}(-?[0-9]{2})?')`,
      'not a period',
      'YYYY, YYYY-MM or YYYYMM',
    );
  if (has('month'))
    check(
      'month',
      `${raw('month')} IS NOT NULL AND (${monthSql} IS NULL OR NOT (${monthSql} BETWEEN 1 AND 12))`,
      'not a month',
      'empty for a year, or 1–12',
    );
  const kindRaw = raw('period_kind');
  const kindSql = `coalesce(lower(${kindRaw}), CASE WHEN ${monthSql} IS NULL THEN 'year' ELSE 'month' END)`;
  if (has('period_kind'))
    check(
      'period_kind',
      `${kindSql} NOT IN ('year', 'month', 'ytd')`,
      'not a period kind',
      'year, month or ytd',
    );

  return { yearSql, monthSql, kindSql };
}

/** reporter and partner: a region code or name (any language), or atlas:<place> with a level. */
function placeColumns(f: TidyFields) {
  const { has, raw, check } = f;
  const place = (f: 'reporter' | 'partner', alias: string) => {
    const t = raw(f);
    const lvl = f === 'reporter' ? 'reporter_level' : 'partner_level';
    const lvlSql = has(lvl) ? `lower(${raw(lvl)})` : `${alias}.level`;
    check(
      f,
      `${t} IS NULL OR (${alias}.code IS NULL AND NOT (starts_with(${t}, 'atlas:') AND ${has(lvl) ? 'true' : 'false'}))`,
      `unknown ${f}`,
      `a region code or name such as CHN, RUS, CN-HL, 黑龙江, CN-HL-HEIHE, WLD (see the regions table), or atlas:<place id> with constants.${lvl}; rename other values with values.${f}`,
    );
    if (has(lvl))
      check(
        lvl,
        `${lvlSql} NOT IN ('world', 'country', 'province', 'city', 'port', 'group')`,
        'not a level',
        'world, country, province, city, port or group',
      );
    return { code: `coalesce(${alias}.code, ${t})`, level: lvlSql };
  };
  const rep = place('reporter', 'rr');
  const par = place('partner', 'pr');

  return { rep, par };
}

function flowColumn(f: TidyFields): string {
  const { raw, check } = f;
  const flowTxt = raw('flow');
  const flowSql = `(CASE lower(${flowTxt}) ${Object.entries(FLOW_WORDS)
    .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
    .join(' ')} END)`;
  check(
    'flow',
    `${flowSql} IS NULL`,
    'not a trade flow',
    'export, import, total, re-export or re-import (or 出口/进口/进出口, экспорт/импорт/товарооборот; rename others with values.flow)',
  );

  return flowSql;
}

/** commodity system and code: TOTAL, HS (odd-length codes regain their leading zero) or the source's own. */
function commodityColumns(f: TidyFields) {
  const { has, raw, check } = f;
  const cmdTxt = has('commodity') ? raw('commodity') : `'TOTAL'`;
  const sysTxt = has('commodity_system') ? raw('commodity_system') : 'NULL::VARCHAR';
  const isTotal = `upper(${cmdTxt}) IN ('TOTAL', 'ALL')`;
  const systemSql = `(CASE WHEN ${isTotal} THEN 'TOTAL' ELSE coalesce(upper(${sysTxt}), CASE WHEN regexp_full_match(${cmdTxt}, '[0-9]{2,10}') THEN 'HS' ELSE 'SRC' END) END)`;
  const codeSql = `(CASE WHEN ${isTotal} THEN 'TOTAL' WHEN starts_with(${systemSql}, 'HS') AND regexp_full_match(${cmdTxt}, '[0-9]+') AND length(${cmdTxt}) % 2 = 1 THEN '0' || ${cmdTxt} ELSE ${cmdTxt} END)`;
  if (has('commodity'))
    check('commodity', `${cmdTxt} IS NULL`, 'no commodity', 'TOTAL, an HS code, or a category of the source');

  return { systemSql, codeSql };
}

/** value, currency, scale (the scale vocabulary), quantity and net weight. */
function valueColumns(f: TidyFields) {
  const { has, raw, check, numberSql, mapping } = f;
  const valueSql = numberSql(raw('value'));
  check(
    'value',
    `${raw('value')} IS NOT NULL AND (${valueSql} IS NULL OR isnan(${valueSql}) OR isinf(${valueSql}))`,
    'not a number',
    `a number${mapping.decimal_comma ? ' with a decimal comma' : ''}, or empty when the source has none`,
  );
  const currencySql = has('currency') ? `upper(${raw('currency')})` : `'USD'`;
  if (has('currency'))
    check(
      'currency',
      `NOT regexp_full_match(coalesce(${currencySql}, ''), '[A-Z]{3}')`,
      'not a currency',
      'an ISO 4217 code such as USD, CNY, RUB',
    );
  const scaleSql = has('scale') ? scaleOfCellSql(raw('scale'), numberSql) : '1';
  if (has('scale')) check('scale', `${scaleSql} IS NULL OR ${scaleSql} <= 0`, 'not a scale', SCALE_VALID);
  const qtySql = has('quantity') ? numberSql(raw('quantity')) : 'NULL::DOUBLE';
  if (has('quantity'))
    check(
      'quantity',
      `${raw('quantity')} IS NOT NULL AND ${qtySql} IS NULL`,
      'not a number',
      'a quantity, or empty',
    );
  const nwSql = has('net_weight_kg') ? numberSql(raw('net_weight_kg')) : 'NULL::DOUBLE';
  if (has('net_weight_kg'))
    check(
      'net_weight_kg',
      `${raw('net_weight_kg')} IS NOT NULL AND ${nwSql} IS NULL`,
      'not a number',
      'a weight in kg, or empty',
    );
  return { valueSql, currencySql, scaleSql, qtySql, nwSql };
}

/** basis, reporting side, variant and the estimated flag. */
function flagColumns(f: TidyFields) {
  const { has, raw, check } = f;
  const basisSql = has('basis') ? `upper(${raw('basis')})` : 'NULL::VARCHAR';
  if (has('basis'))
    check(
      'basis',
      `${basisSql} IS NOT NULL AND ${basisSql} NOT IN ('CIF', 'FOB')`,
      'not a valuation basis',
      'CIF, FOB or empty',
    );
  const byTxt = has('reported_by') ? `lower(${raw('reported_by')})` : `'reporter'`;
  if (has('reported_by'))
    check(
      'reported_by',
      `${byTxt} IS NULL OR ${byTxt} NOT IN ('reporter', 'partner')`,
      'not a side',
      'reporter or partner (mirror)',
    );
  const variantTxt = has('variant') ? `lower(${raw('variant')})` : `'as-reported'`;
  if (has('variant'))
    check(
      'variant',
      `${variantTxt} IS NULL OR ${variantTxt} NOT IN ('as-reported', 'as-printed', 'as-corrected')`,
      'not a variant',
      'as-reported, as-printed or as-corrected',
    );
  const estSql = has('estimated')
    ? `coalesce(lower(${raw('estimated')}) IN ('true', '1', 'yes', 'y', 'e'), false)`
    : 'false';

  return { basisSql, byTxt, variantTxt, estSql };
}

export function tidyPlan(
  file: string,
  mapping: TidyMapping,
  headers: string[],
  fromSql: string,
  importer: 'tidy-csv' | 'tidy-xlsx',
  letters?: Map<string, string>,
): SqlImportPlan {
  const f = tidyFields(file, mapping, headers, letters);
  const { has, raw, checks } = f;
  const { yearSql, monthSql, kindSql } = periodColumns(f);
  const { rep, par } = placeColumns(f);
  const flowSql = flowColumn(f);
  const { systemSql, codeSql } = commodityColumns(f);
  const { valueSql, currencySql, scaleSql, qtySql, nwSql } = valueColumns(f);
  const { basisSql, byTxt, variantTxt, estSql } = flagColumns(f);
  const joinOn = (alias: string, t: string) =>
    `LEFT JOIN region_names ${alias}_n ON ${alias}_n.key = lower(${t}) LEFT JOIN regions ${alias} ON ${alias}.code = ${alias}_n.code`;
  return {
    importer,
    file,
    fromSql,
    alias: 'src',
    joinSql: `${joinOn('rr', raw('reporter'))} ${joinOn('pr', raw('partner'))}`,
    position: 'line',
    columns: {
      reporter_level: rep.level,
      reporter_code: rep.code,
      partner_level: par.level,
      partner_code: par.code,
      year: yearSql,
      month: `(CASE WHEN ${kindSql} = 'year' THEN NULL ELSE ${monthSql} END)`,
      period_kind: kindSql,
      flow: flowSql,
      commodity_system: systemSql,
      commodity_code: codeSql,
      commodity_label: has('commodity_label') ? raw('commodity_label') : 'NULL',
      value: valueSql,
      currency: currencySql,
      scale: scaleSql,
      value_usd: usdSql(
        valueSql,
        scaleSql,
        currencySql,
        yearSql,
        `(CASE WHEN ${kindSql} = 'month' THEN ${monthSql} END)`,
      ),
      quantity: qtySql,
      quantity_unit: has('quantity_unit') ? raw('quantity_unit') : 'NULL',
      net_weight_kg: nwSql,
      basis: basisSql,
      reported_by: byTxt,
      variant: variantTxt,
      estimated: estSql,
      derived: 'false',
      trade_mode: 'NULL',
    },
    checks,
    drops: [],
    spec: { format: importer, mapping },
    title: {
      code: 'tidy',
      params: { file: basename(file), format: importer === 'tidy-xlsx' ? 'XLSX' : 'CSV' },
    },
  };
}
