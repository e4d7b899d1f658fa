/**
 * China customs (GACC) online query exports (海关统计数据在线查询平台,
 * stats.customs.gov.cn): CSV in GB18030, one header row in Chinese, amounts
 * with thousands separators, often a trailing empty column:
 *
 *   数据年月,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,贸易方式编码,贸易方式名称,注册地编码,注册地名称,第一数量,第一计量单位,第二数量,第二计量单位,人民币,
 *   202301,12019010,黄大豆,344,俄罗斯联邦,19,边境小额贸易,23,黑龙江省,"15,230,000",千克,,,"76,150,000",
 *
 * The columns follow the query's choices: by partner (贸易伙伴), trade mode
 * (贸易方式), registration place of the trader (注册地, the province — 23 =
 * Heilongjiang — or a city), HS 8-digit code (商品编码), value in yuan (人民币)
 * or US dollars (美元). Where these headers are documented: public readers of
 * these exports list them (e.g. pandas scripts that read `数据年月`,
 * `贸易伙伴编码`, `商品编码`, `贸易方式编码`, `注册地编码`, `第一数量`,
 * `人民币` from the GB18030 CSV; see `fixtures/README.md`).
 *
 * An export holds either imports or exports (chosen in the query, not a
 * column): give `flow`, unless the file has a 进出口 column (进口/出口).
 *
 * Mapping: 注册地编码's first two digits → province (GB/T 2260, `data/trade/
 * regions/gacc-provinces.csv`), and a 注册地名称 that names a city of the
 * store in that province → that city; without 注册地 the reporter is China.
 * Partners by GACC's 3-digit code (贸易伙伴编码: 344 Russia, 116 Japan, …;
 * `gacc-partner-codes.csv`) where the file has one and it is a country's, else
 * by name (贸易伙伴名称): GACC's own names (`gacc-partner-names.csv`: 俄罗斯联邦,
 * 中国香港, …), else the regions' Chinese names; a code and a name of two
 * different countries is a bad row. Imports are CIF,
 * exports FOB (China's customs valuation). Yuan are converted to US dollars
 * with the store's exchange rates (monthly, else annual). Rows by trade mode
 * stay one row each (their sum is the total).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseCsvText } from '../csv.ts';
import { usdSql } from '../rates.ts';
import { REGIONS_DIR } from '../regions.ts';
import type { Store } from '../store.ts';
import {
  assertReadable,
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
import { asUtf8, firstLine } from './text-encoding.ts';
import { xlsxToCsv } from './tidy.ts';

/** GACC column → the header names it goes by. */
const GACC_COLUMNS = {
  period: ['数据年月', '年月'],
  code: ['商品编码'],
  label: ['商品名称'],
  partnerCode: ['贸易伙伴编码'],
  partnerName: ['贸易伙伴名称'],
  modeCode: ['贸易方式编码'],
  modeName: ['贸易方式名称'],
  placeCode: ['注册地编码'],
  placeName: ['注册地名称'],
  qty1: ['第一数量'],
  unit1: ['第一计量单位'],
  qty2: ['第二数量'],
  unit2: ['第二计量单位'],
  cny: ['人民币', '人民币元'],
  usd: ['美元'],
  flow: ['进出口', '进出口类型'],
} as const;
type GaccColumn = keyof typeof GACC_COLUMNS;

/** True when a header (names as in the file) is a GACC export. */
export function isGaccHeader(columns: readonly string[]): boolean {
  const set = new Set(columns.map((c) => c.trim()));
  const has = (c: GaccColumn) => GACC_COLUMNS[c].some((n) => set.has(n));
  return has('period') && has('code') && has('partnerName') && (has('cny') || has('usd'));
}

/** True when the file's header (GB18030 or UTF-8 CSV, or an XLSX's first row) is a GACC export's. */
export async function isGaccFile(file: string): Promise<boolean> {
  if (/\.xlsx$/i.test(file)) return isGaccHeader(await xlsxHeader(file));
  const header = await firstLine(file, 'gb18030');
  return isGaccHeader(header.split(/[,\t]/).map((c) => c.replace(/^"|"$/g, '')));
}

/** The first non-empty row of an XLSX workbook's first sheet (streamed; stops there). */
async function xlsxHeader(file: string): Promise<string[]> {
  const ExcelJS = (await import('exceljs')).default;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = (row.values as unknown[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v)));
      if (values.some((v) => v !== '')) return values;
    }
    break;
  }
  return [];
}

export interface GaccOptions extends ImportOptions {
  /** the export's direction when the file has no 进出口 column */
  flow?: 'import' | 'export';
}

function table(name: string, check: (r: Record<string, string>) => boolean): Record<string, string>[] {
  const file = join(REGIONS_DIR, name);
  return parseCsvText(readFileSync(file, 'utf8')).map((r, i) => {
    if (!check(r)) throw new Error(`${file}:${i + 2}: unexpected record ${JSON.stringify(r)}`);
    return r;
  });
}

export async function importGacc(store: Store, file: string, opts: GaccOptions = {}): Promise<ImportResult> {
  assertReadable(file);
  const hash = await sha256File(file);
  if (/\.xlsx$/i.test(file)) {
    // the platform's Excel download: the first sheet, streamed to a CSV with each row's sheet number
    const dir = await mkdtemp(join(tmpdir(), 'amur-gacc-'));
    try {
      const { csv, headers } = await xlsxToCsv(file, join(dir, 'sheet.csv'));
      const from = csvFromSql(csv, await csvDialect(csv));
      const plan = gaccPlan(file, headers, from, opts.flow);
      plan.importer = 'gacc-query-xlsx';
      plan.fromSql = `(SELECT * REPLACE (CAST(__xlsx_row AS BIGINT) AS __row) FROM ${from})`;
      return await runSqlImport(store, plan, opts, hash);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const utf8 = await asUtf8(file, 'gb18030');
  try {
    const dialect = await csvDialect(utf8.path);
    const plan = gaccPlan(file, dialect.columns, csvFromSql(utf8.path, dialect), opts.flow);
    if (utf8.encoding !== 'utf-8')
      plan.notes = [...(plan.notes ?? []), `read as ${utf8.encoding.toUpperCase()}`];
    return await runSqlImport(store, plan, opts, hash);
  } finally {
    utf8.cleanup();
  }
}

/** The columns of a GACC export a plan reads, by their names in this file. */
function gaccFields(file: string, columns: readonly string[], flowOption?: 'import' | 'export') {
  const byName = new Map(columns.map((c) => [c.trim(), c] as const));
  const pick = (c: GaccColumn): string | null => {
    for (const n of GACC_COLUMNS[c]) {
      const f = byName.get(n);
      if (f !== undefined) return f;
    }
    return null;
  };
  const need = (c: GaccColumn, what: string): string => {
    const f = pick(c);
    if (f === null)
      throw new ImportFileError(
        file,
        `not a China customs (GACC) query export: missing ${GACC_COLUMNS[c].join(' or ')} (${what}); found ${columns.join(', ')}`,
      );
    return f;
  };
  const fPeriod = need('period', 'the month, YYYYMM');
  const fCode = need('code', 'the HS code');
  const fPartner = need('partnerName', 'the partner');
  const fCny = pick('cny');
  const fUsd = pick('usd');
  if (fCny === null && fUsd === null) need('cny', 'the value in yuan, or 美元 in US dollars');
  const fFlow = pick('flow');
  if (fFlow === null && !flowOption)
    throw new ImportFileError(
      file,
      'a GACC export holds either imports or exports and this one does not say which (no 进出口 column): give the flow (amur trade import --format gacc --flow import|export)',
    );
  return {
    pick,
    fPeriod,
    fCode,
    fPartner,
    fPartnerCode: pick('partnerCode'),
    fCny,
    fUsd,
    fFlow,
    fUnit1: pick('unit1'),
    fQty1: pick('qty1'),
    fUnit2: pick('unit2'),
    fQty2: pick('qty2'),
    fPlace: pick('placeCode'),
    fPlaceName: pick('placeName'),
    fLabel: pick('label'),
    fModeCode: pick('modeCode'),
    fModeName: pick('modeName'),
  };
}

type GaccFields = ReturnType<typeof gaccFields>;

/** Text, numbers (thousands separators allowed), period, HS code, value and flow of a GACC row. */
function gaccExpressions(G: GaccFields, flowOption?: 'import' | 'export') {
  const q = (f: string) => `src."${f.replaceAll('"', '""')}"`;
  const txt = (f: string) => `nullif(trim(${q(f)}), '')`;
  const num = (f: string | null) =>
    f === null ? 'NULL::DOUBLE' : `TRY_CAST(replace(replace(${txt(f)}, ',', ''), ' ', '') AS DOUBLE)`;
  const period = `regexp_replace(${txt(G.fPeriod)}, '[^0-9]', '', 'g')`;
  const fValue = (G.fUsd ?? G.fCny) as string;
  const flowWord = G.fFlow === null ? null : txt(G.fFlow);
  const kg = (u: string | null, qf: string | null) =>
    u === null || qf === null ? null : `(CASE WHEN ${txt(u)} = '千克' THEN ${num(qf)} END)`;
  return {
    txt,
    num,
    period,
    year: `TRY_CAST(substr(${period}, 1, 4) AS INTEGER)`,
    month: `TRY_CAST(substr(${period}, 5, 2) AS INTEGER)`,
    code: `regexp_replace(${txt(G.fCode)}, '\\s', '', 'g')`,
    fValue,
    currency: G.fUsd !== null ? `'USD'` : `'CNY'`,
    value: num(fValue),
    flow:
      flowWord === null
        ? lit(flowOption as string)
        : `(CASE WHEN ${flowWord} IN ('进口', '进') THEN 'import' WHEN ${flowWord} IN ('出口', '出') THEN 'export' END)`,
    netKg: [kg(G.fUnit1, G.fQty1), kg(G.fUnit2, G.fQty2)].filter(Boolean) as string[],
  };
}

type GaccExpressions = ReturnType<typeof gaccExpressions>;

/**
 * The joins naming reporter and partner: the registration place's province
 * (and a city of the store by name) as reporter; the partner by GACC's
 * 3-digit code (`gacc-partner-codes.csv`) where the file has 贸易伙伴编码 and
 * the code is a country's, else by name (GACC's own names, then the regions'
 * Chinese names). `byName` is the partner the name alone gives (a check
 * compares it with the code's).
 */
function gaccJoins(G: GaccFields, txt: (f: string) => string) {
  const provinces = table(
    'gacc-provinces.csv',
    (r) => /^\d{2}$/.test(r.code) && /^CN-[A-Z]{2}$/.test(r.region),
  );
  const aliases = table('gacc-partner-names.csv', (r) => Boolean(r.name_zh && r.code));
  const codes = table('gacc-partner-codes.csv', (r) => /^\d{3}$/.test(r.code) && /^[A-Z]{3}$/.test(r.region));
  const values = (rows: [string, string][]) => rows.map(([k, v]) => `(${lit(k)}, ${lit(v)})`).join(', ');
  const byName = 'coalesce(ga.code, rn.code)';
  const partner = G.fPartnerCode === null ? byName : `coalesce(gc.region, ${byName})`;
  let joinSql = `LEFT JOIN (VALUES ${values(aliases.map((r) => [r.name_zh, r.code]))}) ga(name, code) ON ga.name = ${txt(G.fPartner)}
    LEFT JOIN region_names rn ON rn.key = ${txt(G.fPartner)}`;
  if (G.fPartnerCode !== null)
    joinSql += `
    LEFT JOIN (VALUES ${values(codes.map((r) => [r.code, r.region]))}) gc(code, region) ON gc.code = ${txt(G.fPartnerCode)}`;
  joinSql += `
    LEFT JOIN regions par ON par.code = ${partner} AND par.level IN ('country', 'group', 'world')`;
  if (G.fPlace !== null)
    joinSql += `
    LEFT JOIN (VALUES ${values(provinces.map((r) => [r.code, r.region]))}) prov(code, region) ON prov.code = substr(${txt(G.fPlace)}, 1, 2)
    LEFT JOIN regions city ON city.level = 'city' AND city.parent = prov.region AND ${G.fPlaceName === null ? 'false' : `city.name_zh = ${txt(G.fPlaceName)}`}`;
  return {
    joinSql,
    byName,
    reporterCode:
      G.fPlace === null ? `'CHN'` : `(CASE WHEN city.code IS NOT NULL THEN city.code ELSE prov.region END)`,
    reporterLevel:
      G.fPlace === null ? `'country'` : `(CASE WHEN city.code IS NOT NULL THEN 'city' ELSE 'province' END)`,
  };
}

/** What every GACC row must pass, each check naming its column and what would be valid. */
function gaccChecks(G: GaccFields, e: GaccExpressions, byName: string): RowCheck[] {
  const { txt, num, period, year, month, code, value } = e;
  const checks: RowCheck[] = [
    {
      column: G.fPeriod,
      valueSql: txt(G.fPeriod),
      badSql: `length(${period}) <> 6 OR ${year} IS NULL OR NOT (${year} BETWEEN 1980 AND 2100) OR NOT (${month} BETWEEN 1 AND 12)`,
      why: 'not a month',
      valid: 'YYYYMM, e.g. 202301 (or 2023年01月)',
    },
    {
      column: G.fCode,
      valueSql: txt(G.fCode),
      badSql: `${code} IS NULL OR NOT regexp_full_match(${code}, '[0-9]{2}([0-9]{2}){0,4}')`,
      why: 'not an HS code',
      valid: 'an HS code of 2, 4, 6 or 8 digits with its leading zeros, e.g. 12019010',
    },
    {
      column: G.fPartner,
      valueSql: txt(G.fPartner),
      badSql: 'par.code IS NULL',
      why: 'unknown trade partner',
      valid: `a country name as GACC prints it (俄罗斯联邦, 蒙古, 中国香港, …; see data/trade/regions/gacc-partner-names.csv) or as ISO 3166 names it in Chinese${G.fPartnerCode === null ? '' : `, or in ${G.fPartnerCode} a country's GACC code (344 Russia, 116 Japan, 110 Hong Kong, …; data/trade/regions/gacc-partner-codes.csv)`}`,
    },
  ];
  if (G.fPartnerCode !== null)
    checks.push({
      column: G.fPartnerCode,
      valueSql: `${txt(G.fPartnerCode)} || ' (' || gc.region || ') beside ' || ${txt(G.fPartner)} || ' (' || ${byName} || ')'`,
      badSql: `gc.region IS NOT NULL AND ${byName} IS NOT NULL AND gc.region <> ${byName}`,
      why: 'the partner code and the partner name name different countries',
      valid: `a code and a name of the same country (data/trade/regions/gacc-partner-codes.csv), e.g. 344 俄罗斯联邦`,
    });
  checks.push({
    column: e.fValue,
    valueSql: txt(e.fValue),
    badSql: `${value} IS NULL OR ${value} < 0 OR isnan(${value})`,
    why: 'not a trade value',
    valid: `a number ≥ 0 in ${G.fUsd !== null ? 'US dollars' : 'yuan'} (thousands separators allowed: "1,234,567")`,
  });
  if (G.fFlow !== null)
    checks.push({
      column: G.fFlow,
      valueSql: txt(G.fFlow),
      badSql: `${e.flow} IS NULL`,
      why: 'not a direction',
      valid: '进口 (import) or 出口 (export)',
    });
  if (G.fPlace !== null)
    checks.push({
      column: G.fPlace,
      valueSql: txt(G.fPlace),
      badSql: 'prov.region IS NULL',
      why: 'unknown registration place',
      valid:
        'a code whose first two digits are a province (GB/T 2260: 11 Beijing … 23 Heilongjiang … 65 Xinjiang, 81 Hong Kong, 82 Macao)',
    });
  for (const f of [G.fQty1, G.fQty2])
    if (f !== null)
      checks.push({
        column: f,
        valueSql: txt(f),
        badSql: `${txt(f)} IS NOT NULL AND (${num(f)} IS NULL OR ${num(f)} < 0)`,
        why: 'not a quantity',
        valid: 'empty or a number ≥ 0',
      });
  return checks;
}

/**
 * GACC's 贸易方式 codes: 10 一般贸易, 19 边境小额贸易, 14 来料加工装配贸易, 15 进料加工贸易;
 * any other mode (bonded, leasing, aid, …) is 'other'; no mode column: NULL (all modes together).
 */
function gaccTradeMode(G: GaccFields, txt: (f: string) => string): string {
  if (G.fModeCode !== null) {
    const c = txt(G.fModeCode);
    return `(CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} = '10' THEN 'general' WHEN ${c} = '19' THEN 'border-petty' WHEN ${c} IN ('14', '15') THEN 'processing' ELSE 'other' END)`;
  }
  if (G.fModeName !== null) {
    const n = txt(G.fModeName);
    return `(CASE WHEN ${n} IS NULL THEN NULL WHEN ${n} = '一般贸易' THEN 'general' WHEN ${n} = '边境小额贸易' THEN 'border-petty' WHEN ${n} IN ('来料加工装配贸易', '进料加工贸易') THEN 'processing' ELSE 'other' END)`;
  }
  return 'NULL';
}

/** Builds the SQL plan for one GACC export whose header is `columns`. */
export function gaccPlan(
  file: string,
  columns: readonly string[],
  fromSql: string,
  flowOption?: 'import' | 'export',
): SqlImportPlan {
  const G = gaccFields(file, columns, flowOption);
  const e = gaccExpressions(G, flowOption);
  const { txt, num, year, month, value, currency, flow, netKg } = e;
  const joins = gaccJoins(G, txt);
  return {
    importer: 'gacc-query',
    file,
    fromSql,
    alias: 'src',
    joinSql: joins.joinSql,
    position: 'line',
    columns: {
      reporter_level: joins.reporterLevel,
      reporter_code: joins.reporterCode,
      partner_level: 'par.level',
      partner_code: 'par.code',
      year,
      month,
      period_kind: `'month'`,
      flow,
      commodity_system: `'HS'`,
      commodity_code: e.code,
      commodity_label: G.fLabel === null ? 'NULL' : txt(G.fLabel),
      value,
      currency,
      scale: '1',
      value_usd: usdSql(value, '1', currency, year, month),
      quantity: G.fQty1 === null ? 'NULL' : num(G.fQty1),
      quantity_unit: G.fUnit1 === null ? 'NULL' : txt(G.fUnit1),
      net_weight_kg: netKg.length ? `coalesce(${netKg.join(', ')})` : 'NULL',
      basis: `(CASE WHEN ${flow} = 'export' THEN 'FOB' ELSE 'CIF' END)`,
      reported_by: `'reporter'`,
      variant: `'as-reported'`,
      estimated: 'false',
      derived: 'false',
      trade_mode: gaccTradeMode(G, txt),
    },
    checks: gaccChecks(G, e, joins.byName),
    drops: [],
    spec: {
      format: 'gacc-query',
      flow: flowOption ?? null,
      columns: Object.fromEntries(Object.keys(GACC_COLUMNS).map((k) => [k, G.pick(k as GaccColumn)])),
    },
    title: { code: 'gacc', params: { file: basename(file) } },
    publisher: 'General Administration of Customs of the PRC (海关总署)',
    licence: 'GACC statistics, terms of the publisher',
    url: 'http://stats.customs.gov.cn/',
    notes: [
      `${G.fUsd !== null ? 'values in US dollars' : 'values in yuan, converted to US dollars with the store’s exchange rates'}; imports CIF, exports FOB${G.fModeCode ? '; one row per trade mode (贸易方式), kept as rows with flows.trade_mode (10 general, 19 border-petty, 14/15 processing, others other)' : ''}`,
    ],
  };
}
