/**
 * UN Comtrade importer: the v1 API JSON (`{ count, data: [ … ], error }`), the
 * v1 CSV (the 47 fields of a `data/v1/get` record, any casing: the API and the
 * portal's download differ) and the legacy CSV (`Trade Flow Code`,
 * `Trade Value (US$)`, …). Headers are matched case- and punctuation-
 * insensitively.
 *
 * Traps handled:
 * - rows broken down by second partner (`partner2Code` ≠ 0), mode of transport
 *   (`motCode` ≠ 0), customs procedure (`customsCode` ≠ `C00`) or mode of
 *   supply (`mosCode` ≠ 0) repeat the totals and would double-count: only the
 *   totals are kept, and the number of dropped rows is reported by reason;
 *   so are sub-flows (`DX`, `FM`, `MIP`, …) that are part of `X` or `M`;
 * - `refMonth = 52` means the whole year (period_kind 'year', month NULL);
 * - Comtrade's own area codes (France 251, Italy 381, USA 842, "areas nes"
 *   899, …) are mapped with the table in `data/trade/regions/comtrade-areas.csv`,
 *   every other code as an ISO 3166-1 numeric code;
 * - `primaryValue` is CIF for imports and FOB for exports, unless the record's
 *   `cifvalue`/`fobvalue` say otherwise (some reporters give FOB imports):
 *   `basis` records which;
 * - HS codes keep their leading zeros (a 5-digit code read by a spreadsheet as
 *   a number gets its zero back).
 */
import { statSync } from 'node:fs';
import type { Store } from '../store.ts';
import {
  assertReadable,
  csvColumns,
  csvDialect,
  csvFromSql,
  csvReadSql,
  type DropRule,
  duckdbFileError,
  headerIndex,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
  lit,
  type RowCheck,
  runSqlImport,
  type SqlImportPlan,
  sha256File,
} from './common.ts';

export type ComtradeFormat = 'comtrade-v1-json' | 'comtrade-v1-csv' | 'comtrade-legacy-csv';

/** Comtrade flow codes kept, and the flow they become. */
export const COMTRADE_FLOWS: Record<string, string> = {
  M: 'import',
  X: 'export',
  RM: 're-import',
  RX: 're-export',
};
/** Sub-flows: parts of X or M, dropped to avoid double counting. */
export const COMTRADE_SUBFLOWS = ['DX', 'FM', 'MIP', 'MOP', 'XIP', 'XOP', 'MIF', 'XIF'];
/** Legacy `Trade Flow Code` → v1 flow code. */
const LEGACY_FLOW: Record<string, string> = { '1': 'M', '2': 'X', '3': 'RX', '4': 'RM' };

/** Comtrade classification codes → the store's commodity systems. */
export const COMTRADE_CLASSIFICATIONS: Record<string, string> = {
  H0: 'HS1992',
  H1: 'HS1996',
  H2: 'HS2002',
  H3: 'HS2007',
  H4: 'HS2012',
  H5: 'HS2017',
  H6: 'HS2022',
  HS: 'HS',
};

/** Legacy quantity unit codes (`Qty Unit Code`) → units. */
const LEGACY_QTY_UNITS: Record<string, string> = {
  '2': 'm2',
  '3': '1000 kWh',
  '4': 'm',
  '5': 'u',
  '6': 'pairs',
  '7': 'l',
  '8': 'kg',
  '9': '1000 u',
  '10': 'packages',
  '11': 'dozen',
  '12': 'm3',
  '13': 'carat',
};

/** Normalised header names that identify each format. */
export function detectComtradeFormat(normalizedHeaders: Set<string>): ComtradeFormat | null {
  if (normalizedHeaders.has('reportercode') && normalizedHeaders.has('primaryvalue'))
    return 'comtrade-v1-csv';
  if (normalizedHeaders.has('reportercode') && normalizedHeaders.has('tradevalueus'))
    return 'comtrade-legacy-csv';
  return null;
}

type Fields = Map<string, string>; // normalised → as in the file

/** Reads a Comtrade file (JSON or CSV, v1 or legacy) into the store. */
export async function importComtrade(
  store: Store,
  file: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  assertReadable(file);
  const hash = await sha256File(file);
  const isJson = /\.json$/i.test(file) || (await looksLikeJson(file));
  if (isJson) {
    const { fromSql, keys } = await comtradeJsonSource(store, file);
    const plan = comtradePlan(file, 'comtrade-v1-json', headerIndex(keys), fromSql);
    return runSqlImport(store, plan, opts, hash);
  }
  const columns = await csvColumns(store, file);
  const fields = headerIndex(columns);
  const format = detectComtradeFormat(new Set(fields.keys()));
  if (!format)
    throw new ImportFileError(
      file,
      `not a Comtrade CSV: the header has neither reporterCode+primaryValue (v1) nor Reporter Code+Trade Value (US$) (legacy); found ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', …' : ''}`,
    );
  const plan = comtradePlan(file, format, fields, csvFromSql(file), csvReadSql(file, await csvDialect(file)));
  return runSqlImport(store, plan, opts, hash);
}

async function looksLikeJson(file: string): Promise<boolean> {
  const { open } = await import('node:fs/promises');
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const { bytesRead } = await fh.read(buf, 0, 64, 0);
    return /^\uFEFF?\s*[{[]/.test(buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await fh.close();
  }
}

/**
 * A v1 API response as rows of text: each record of `data` becomes a row with
 * one column per key and `__row` = its 1-based index.
 */
async function comtradeJsonSource(store: Store, file: string): Promise<{ fromSql: string; keys: string[] }> {
  const size = statSync(file).size;
  const doc = `read_json_objects(${lit(file)}, format = 'auto', maximum_object_size = ${Math.max(16 << 20, size + 1024)})`;
  let head: { err: string | null; n: number | null; isArray: boolean }[];
  try {
    head = await store.query(
      `SELECT json->>'$.error' AS err, json_array_length(json, '$.data') AS n,
              json_type(json, '$.data') = 'ARRAY' AS "isArray" FROM ${doc}`,
    );
  } catch (e) {
    throw duckdbFileError(file, (e as Error).message);
  }
  if (head.length !== 1)
    throw new ImportFileError(
      file,
      'expected one JSON object { "count": …, "data": [ … ] } (a Comtrade v1 response)',
    );
  const h = head[0];
  if (h.err && h.err.trim() !== '')
    throw new ImportFileError(file, `the response carries an error: ${h.err}`);
  if (!h.isArray)
    throw new ImportFileError(
      file,
      '"data" is missing or not an array (a Comtrade v1 response has "data": [ … ])',
    );
  const keyRows = await store.query<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(j)) AS k FROM (SELECT unnest(json_extract(json, '$.data[*]')) AS j FROM ${doc})`,
  );
  const keys = keyRows.map((r) => r.k).sort();
  const cols = keys.map((k) => `j->>${lit(k)} AS "${k.replaceAll('"', '""')}"`).join(', ');
  const fromSql = `(SELECT i AS __row${cols ? `, ${cols}` : ''} FROM (
      SELECT unnest(range(1, 1 + CAST(json_array_length(json, '$.data') AS BIGINT))) AS i,
             unnest(json_extract(json, '$.data[*]')) AS j FROM ${doc}))`;
  return { fromSql, keys };
}

function q(name: string): string {
  return `src."${name.replaceAll('"', '""')}"`;
}

/** The Comtrade fields a plan reads, by their names in this file (v1 or legacy). */
function comtradeFieldNames(file: string, legacy: boolean, fields: Fields) {
  const pick = (...names: string[]): string | null => {
    for (const n of names) {
      const f = fields.get(n);
      if (f !== undefined) return f;
    }
    return null;
  };
  const need = (label: string, ...names: string[]): string => {
    const f = pick(...names);
    if (f === null)
      throw new ImportFileError(
        file,
        `missing column ${label} (a Comtrade ${legacy ? 'legacy' : 'v1'} file has it; found ${[...fields.values()].slice(0, 15).join(', ')})`,
      );
    return f;
  };
  const fYear = pick('refyear', 'year');
  const fPeriod = pick('period');
  if (fYear === null && fPeriod === null)
    throw new ImportFileError(
      file,
      `missing column refYear (or Year, or period); found ${[...fields.values()].join(', ')}`,
    );
  return {
    fYear,
    fPeriod,
    fMonth: legacy ? null : pick('refmonth'),
    fReporter: need(legacy ? 'Reporter Code' : 'reporterCode', 'reportercode'),
    fPartner: need(legacy ? 'Partner Code' : 'partnerCode', 'partnercode'),
    fPartner2: pick('partner2code', '2ndpartnercode'),
    fMot: pick('motcode', 'modeoftransportcode'),
    fCustoms: pick('customscode', 'customsproccode'),
    fMos: pick('moscode'),
    fFlow: need(legacy ? 'Trade Flow Code' : 'flowCode', 'flowcode', 'tradeflowcode'),
    fClass: pick('classificationcode', 'classification'),
    fCmd: need(legacy ? 'Commodity Code' : 'cmdCode', 'cmdcode', 'commoditycode'),
    fCmdDesc: pick('cmddesc', 'commodity'),
    fValue: need(legacy ? 'Trade Value (US$)' : 'primaryValue', 'primaryvalue', 'tradevalueus'),
    fCif: pick('cifvalue', 'ciftradevalueus', 'ciftradevalue'),
    fFob: pick('fobvalue', 'fobtradevalueus', 'fobtradevalue'),
    fQty: pick('qty'),
    fQtyUnitCode: pick('qtyunitcode'),
    fQtyUnitAbbr: pick('qtyunitabbr'),
    fNetWgt: pick('netwgt', 'netweightkg'),
    fIsReported: pick('isreported'),
    fIsAggregate: pick('isaggregate'),
    fFlag: pick('legacyestimationflag', 'flag'),
    fType: pick('typecode'),
  };
}

type FieldNames = ReturnType<typeof comtradeFieldNames>;

/** The canonical expressions the checks and drops test. */
interface Expressions {
  legacy: boolean;
  txt(f: string | null): string;
  num(f: string | null): string;
  int(f: string): string;
  yearSql: string;
  periodTxt: string;
  rawMonthSql: string;
  flowCode: string;
  systemOf: string;
  cmdRaw: string;
  cmdIsTotal: string;
  valueSql: string;
}

/** What every row must pass, each check naming its column and what would be valid. */
function comtradeChecks(F: FieldNames, e: Expressions): RowCheck[] {
  const {
    legacy,
    txt,
    num,
    yearSql,
    periodTxt,
    rawMonthSql,
    flowCode,
    systemOf,
    cmdRaw,
    cmdIsTotal,
    valueSql,
  } = e;
  const checks: RowCheck[] = [];
  const yearCol = F.fYear ?? (F.fPeriod as string);
  checks.push({
    column: yearCol,
    valueSql: F.fYear !== null ? txt(F.fYear) : periodTxt,
    badSql: `${yearSql} IS NULL OR NOT (${yearSql} BETWEEN 1900 AND 2100)`,
    why: 'not a year',
    valid: 'a year between 1900 and 2100',
  });
  if (F.fMonth !== null)
    checks.push({
      column: F.fMonth,
      valueSql: txt(F.fMonth),
      badSql: `${rawMonthSql} IS NULL OR NOT (${rawMonthSql} BETWEEN 1 AND 12 OR ${rawMonthSql} = 52)`,
      why: 'not a Comtrade month',
      valid: '1–12 for a month, 52 for the whole year',
    });
  else if (F.fPeriod !== null && F.fYear !== null)
    checks.push({
      column: F.fPeriod,
      valueSql: periodTxt,
      badSql: `${rawMonthSql} IS NULL OR NOT (${rawMonthSql} BETWEEN 1 AND 12 OR ${rawMonthSql} = 52)`,
      why: 'not a Comtrade period',
      valid: 'YYYY for a year or YYYYMM for a month',
    });
  const areaValid = 'a Comtrade/M49 numeric area code, e.g. 156 (China), 643 (Russia), 842 (USA), 0 (World)';
  checks.push({
    column: F.fReporter,
    valueSql: txt(F.fReporter),
    badSql: 'rep.code IS NULL',
    why: 'unknown reporter code',
    valid: areaValid,
  });
  checks.push({
    column: F.fPartner,
    valueSql: txt(F.fPartner),
    badSql: 'par.code IS NULL',
    why: 'unknown partner code',
    valid: areaValid,
  });
  const allFlows = [...Object.keys(COMTRADE_FLOWS), ...COMTRADE_SUBFLOWS];
  checks.push({
    column: F.fFlow,
    valueSql: txt(F.fFlow),
    badSql: `${flowCode} IS NULL OR ${flowCode} NOT IN (${allFlows.map(lit).join(', ')})`,
    why: 'not a Comtrade trade flow',
    valid: legacy
      ? '1 (import), 2 (export), 3 (re-export) or 4 (re-import)'
      : `one of ${allFlows.join(', ')} (M import, X export, RM re-import, RX re-export)`,
  });
  if (F.fClass !== null)
    checks.push({
      column: F.fClass,
      valueSql: txt(F.fClass),
      badSql: `${systemOf} IS NULL`,
      why: 'not an HS classification',
      valid: 'H0–H6 or HS (SITC and BEC files are not supported)',
    });
  checks.push({
    column: F.fCmd,
    valueSql: cmdRaw,
    badSql: `${cmdRaw} IS NULL OR NOT (${cmdIsTotal} OR regexp_full_match(${cmdRaw}, '[0-9]{1,10}'))`,
    why: 'not a commodity code',
    valid: 'TOTAL or an HS code of 2, 4 or 6 digits',
  });
  checks.push({
    column: F.fValue,
    valueSql: txt(F.fValue),
    badSql: `${valueSql} IS NULL OR ${valueSql} < 0 OR isnan(${valueSql}) OR isinf(${valueSql})`,
    why: 'not a trade value',
    valid: 'a number ≥ 0 in US dollars',
  });
  for (const [f, label] of [
    [F.fQty, 'a quantity'],
    [F.fNetWgt, 'a net weight in kg'],
    [F.fCif, 'a CIF value in US dollars'],
    [F.fFob, 'an FOB value in US dollars'],
  ] as const)
    if (f !== null)
      checks.push({
        column: f,
        valueSql: txt(f),
        badSql: `${txt(f)} IS NOT NULL AND (${num(f)} IS NULL OR ${num(f)} < 0)`,
        why: 'not a number ≥ 0',
        valid: `empty or ${label} ≥ 0`,
      });
  if (F.fType !== null)
    checks.push({
      column: F.fType,
      valueSql: txt(F.fType),
      badSql: `upper(coalesce(${txt(F.fType)}, 'C')) <> 'C'`,
      why: 'not goods trade',
      valid: 'C (commodities); services (S) are not supported',
    });

  return checks;
}

/** Rows that break a total down (by second partner, transport, procedure, supply, sub-flow): dropped and counted. */
function comtradeDrops(F: FieldNames, e: Expressions): DropRule[] {
  const { fPartner2, fMot, fCustoms, fMos } = F;
  const { txt, int, flowCode } = e;
  const drops: DropRule[] = [];
  const intNot0 = (f: string) => `coalesce(${int(f)}, 0) <> 0`;
  if (fPartner2 !== null)
    drops.push({ label: `breakdown rows by second partner (${fPartner2} ≠ 0)`, dropSql: intNot0(fPartner2) });
  if (fMot !== null)
    drops.push({ label: `breakdown rows by mode of transport (${fMot} ≠ 0)`, dropSql: intNot0(fMot) });
  if (fCustoms !== null)
    drops.push({
      label: `breakdown rows by customs procedure (${fCustoms} ≠ C00)`,
      dropSql: `coalesce(upper(${txt(fCustoms)}), 'C00') <> 'C00'`,
    });
  if (fMos !== null)
    drops.push({
      label: `breakdown rows by mode of supply (${fMos} ≠ 0)`,
      dropSql: `coalesce(${txt(fMos)}, '0') <> '0'`,
    });
  drops.push({
    label: `rows of sub-flows (${COMTRADE_SUBFLOWS.join(', ')}) that are part of X or M`,
    dropSql: `${flowCode} IN (${COMTRADE_SUBFLOWS.map(lit).join(', ')})`,
  });

  return drops;
}

/** The raw file with each used field trimmed and cast once (t: text, i: integer, n: double). */
function normalizedFrom(used: Map<string, Set<'t' | 'i' | 'n'>>, raw: string, withRow: boolean): string {
  const ident = (n: string) => `"${n.replaceAll('"', '""')}"`;
  const cols = [...used].flatMap(([f, kinds]) =>
    [...kinds].map((k) => {
      const t = `nullif(trim(CAST(raw.${ident(f)} AS VARCHAR)), '')`;
      const e = k === 't' ? t : `TRY_CAST(${t} AS ${k === 'i' ? 'INTEGER' : 'DOUBLE'})`;
      return `${e} AS ${ident(`${k}:${f}`)}`;
    }),
  );
  return `(SELECT ${[...(withRow ? ['raw.__row'] : []), ...cols].join(', ')} FROM ${raw} raw)`;
}

/** The unit of a quantity: Comtrade's abbreviation (², ³ spelt 2, 3), else the legacy unit code. */
function quantityUnitSql(
  fQtyUnitAbbr: string | null,
  fQtyUnitCode: string | null,
  txt: (f: string | null) => string,
): string {
  let unitSql = 'NULL::VARCHAR';
  if (fQtyUnitAbbr !== null)
    unitSql = `(CASE WHEN ${txt(fQtyUnitAbbr)} IN ('N/A', 'NA', '-1') THEN NULL ELSE replace(replace(${txt(fQtyUnitAbbr)}, '²', '2'), '³', '3') END)`;
  else if (fQtyUnitCode !== null)
    unitSql = `(CASE ${txt(fQtyUnitCode)} ${Object.entries(LEGACY_QTY_UNITS)
      .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
      .join(' ')} END)`;
  return unitSql;
}

/** Estimated (not reported, or flagged) and aggregate rows. */
function flagSqls(fIsReported: string | null, fFlag: string | null, txt: (f: string | null) => string) {
  const boolTrue = (f: string | null) =>
    f === null ? 'false' : `coalesce(lower(${txt(f)}) IN ('true', '1'), false)`;
  const estimatedSql = [
    fIsReported === null ? null : `coalesce(lower(${txt(fIsReported)}) IN ('false', '0'), false)`,
    fFlag === null ? null : `coalesce(${txt(fFlag)} NOT IN ('0'), false)`,
  ]
    .filter(Boolean)
    .join(' OR ');
  return { boolTrue, estimatedSql };
}

/**
 * Each raw field is trimmed and cast once, in an inner projection (see
 * `normalizedFrom`); expressions refer to those columns: t:<field> text,
 * i:<field> integer, n:<field> double. `used` records which, in the order asked.
 */
function fieldNormalizer() {
  const used = new Map<string, Set<'t' | 'i' | 'n'>>();
  const norm = (kind: 't' | 'i' | 'n', f: string) => {
    let k = used.get(f);
    if (!k) {
      k = new Set();
      used.set(f, k);
    }
    k.add(kind);
    return q(`${kind}:${f}`);
  };
  return {
    used,
    txt: (f: string | null) => (f === null ? 'NULL::VARCHAR' : norm('t', f)),
    int: (f: string) => norm('i', f),
    num: (f: string | null) => (f === null ? 'NULL::DOUBLE' : norm('n', f)),
  };
}

/** The canonical expressions (text in, typed out) that checks, drops and columns read. */
function comtradeExpressions(
  F: FieldNames,
  legacy: boolean,
  n: ReturnType<typeof fieldNormalizer>,
): Expressions & { monthSql: string } {
  const { txt, int, num } = n;
  const periodTxt = txt(F.fPeriod);
  const yearSql = F.fYear !== null ? int(F.fYear) : `TRY_CAST(substr(${periodTxt}, 1, 4) AS INTEGER)`;
  const rawMonthSql =
    F.fMonth !== null
      ? int(F.fMonth)
      : `CASE WHEN length(${periodTxt}) = 6 THEN TRY_CAST(substr(${periodTxt}, 5, 2) AS INTEGER) WHEN length(${periodTxt}) = 4 THEN 52 END`;
  const flowRaw = `upper(${txt(F.fFlow)})`;
  const flowCode = legacy
    ? `(CASE ${flowRaw} ${Object.entries(LEGACY_FLOW)
        .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
        .join(' ')} ELSE ${flowRaw} END)`
    : flowRaw;
  const classRaw = F.fClass === null ? `'HS'` : `upper(coalesce(${txt(F.fClass)}, 'HS'))`;
  const systemOf = `(CASE ${classRaw} ${Object.entries(COMTRADE_CLASSIFICATIONS)
    .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
    .join(' ')} END)`;
  const cmdRaw = txt(F.fCmd);
  return {
    legacy,
    txt,
    num,
    int,
    yearSql,
    periodTxt,
    rawMonthSql,
    monthSql: `(CASE WHEN ${rawMonthSql} BETWEEN 1 AND 12 THEN ${rawMonthSql} END)`,
    flowCode,
    systemOf,
    cmdRaw,
    cmdIsTotal: `upper(${cmdRaw}) IN ('TOTAL', 'ALL')`,
    valueSql: num(F.fValue),
  };
}

/** The flows columns of a Comtrade row (reporter and partner from the area-code joins `rep` and `par`). */
function comtradeColumns(F: FieldNames, e: Expressions & { monthSql: string }): SqlImportPlan['columns'] {
  const { txt, num, flowCode, systemOf, cmdRaw, cmdIsTotal, valueSql, monthSql } = e;
  const cmdCode = `(CASE WHEN ${cmdIsTotal} THEN 'TOTAL' WHEN length(${cmdRaw}) % 2 = 1 THEN '0' || ${cmdRaw} ELSE ${cmdRaw} END)`;
  const cifSql = num(F.fCif);
  const fobSql = num(F.fFob);
  const qtySql = num(F.fQty);
  const isImport = `${flowCode} IN ('M', 'RM')`;
  const basisSql = `(CASE WHEN ${isImport} AND ${cifSql} = ${valueSql} THEN 'CIF'
      WHEN NOT (${isImport}) AND ${fobSql} = ${valueSql} THEN 'FOB'
      WHEN ${cifSql} = ${valueSql} THEN 'CIF' WHEN ${fobSql} = ${valueSql} THEN 'FOB'
      WHEN ${isImport} THEN 'CIF' ELSE 'FOB' END)`;
  const qtyUnitSql = `(CASE WHEN ${qtySql} IS NULL THEN NULL ELSE ${quantityUnitSql(F.fQtyUnitAbbr, F.fQtyUnitCode, txt)} END)`;
  const { boolTrue, estimatedSql } = flagSqls(F.fIsReported, F.fFlag, txt);
  return {
    reporter_level: 'rep.level',
    reporter_code: 'rep.code',
    partner_level: 'par.level',
    partner_code: 'par.code',
    year: e.yearSql,
    month: monthSql,
    period_kind: `(CASE WHEN ${monthSql} IS NULL THEN 'year' ELSE 'month' END)`,
    flow: `(CASE ${flowCode} ${Object.entries(COMTRADE_FLOWS)
      .map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`)
      .join(' ')} END)`,
    commodity_system: `(CASE WHEN ${cmdIsTotal} THEN 'TOTAL' ELSE ${systemOf} END)`,
    commodity_code: cmdCode,
    commodity_label: txt(F.fCmdDesc),
    value: valueSql,
    currency: `'USD'`,
    scale: '1',
    value_usd: valueSql,
    quantity: qtySql,
    quantity_unit: qtyUnitSql,
    net_weight_kg: num(F.fNetWgt),
    basis: basisSql,
    reported_by: `'reporter'`,
    variant: `'as-reported'`,
    estimated: estimatedSql === '' ? 'false' : `(${estimatedSql})`,
    derived: boolTrue(F.fIsAggregate),
    trade_mode: 'NULL',
  };
}

/** Builds the SQL plan for one Comtrade file whose columns are `fields`. */
export function comtradePlan(
  file: string,
  format: ComtradeFormat,
  fields: Fields,
  fromSql: string,
  /** the raw file without row numbers, for the unnumbered insert of a large file */
  rawSql?: string,
): SqlImportPlan {
  const legacy = format === 'comtrade-legacy-csv';
  const n = fieldNormalizer();
  const F = comtradeFieldNames(file, legacy, fields);
  const e = comtradeExpressions(F, legacy, n);
  const columns = comtradeColumns(F, e);
  const checks = comtradeChecks(F, e);
  const drops = comtradeDrops(F, e);
  const areaJoin = (alias: string, f: string) =>
    `LEFT JOIN area_codes ${alias} ON ${alias}.scheme = 'comtrade' AND ${alias}.numeric_code = ${n.int(f)}`;
  const joinSql = `${areaJoin('rep', F.fReporter)} ${areaJoin('par', F.fPartner)}`;
  return {
    importer: format,
    file,
    fromSql: normalizedFrom(n.used, fromSql, true),
    unnumberedFromSql:
      rawSql === undefined
        ? undefined
        : normalizedFrom(n.used, `(SELECT *, NULL::BIGINT AS __row FROM ${rawSql})`, true),
    alias: 'src',
    joinSql,
    position: format === 'comtrade-v1-json' ? 'record' : 'line',
    columns,
    checks,
    drops,
    spec: { format, columns: Object.fromEntries(fields) },
    title: { code: format, params: {} },
    publisher: 'United Nations Statistics Division (UN Comtrade)',
    licence: 'UN Comtrade terms of use',
    url: 'https://comtradeplus.un.org/',
  };
}
