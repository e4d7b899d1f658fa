/**
 * Russia's customs (FCS) regional foreign-trade open data: one row per
 * direction × month × partner country × HS10 (TN VED) code × federal subject.
 *
 *   DIRECTION,PERIOD,COUNTRY,HS,UM,VALUE,NETWEIGHT,QUANTITY,REGION,REGION_S
 *   EXP,01/2015,IR,4407109100,MTQ,517346,1850969,3861,33000 - KIROV REGION,04-VOLGA FEDERAL DISTRICT
 *
 * (also with the transliterated Russian names NAPR, PERIOD, STRANA, TNVED,
 * EDIZM, STOIM, NETTO, KOL, REGION, REGION_S, and ИМ/ЭК directions). The
 * format is shown by pedrocondor/oec-etl (`etl/countries/russia/README.md`,
 * read with a plain CSV reader there): DIRECTION IMP/EXP, PERIOD MM/YYYY,
 * COUNTRY ISO 3166-1 alpha-2, HS the 10-digit TN VED code, UM the unit of the
 * additional quantity (empty when none), VALUE in US dollars, NETWEIGHT in kg,
 * REGION `<OKATO code> - <name>` of the federal subject, REGION_S the federal
 * district (not needed: the subject determines it).
 *
 * Mapping: REGION's code → ISO 3166-2 with `data/trade/regions/fcs-regions.csv`
 * (all 83 federal subjects, plus Crimea and Sevastopol as ISO lists them);
 * COUNTRY → the region with that alpha-2 code. Rows become flows with the
 * federal subject as reporter (level province), the month as period, exports
 * FOB and imports CIF (the customs statistics' valuation), USD, scale 1. A
 * file that is not UTF-8 is read as Windows-1251.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCsvText } from '../csv.ts';
import { REGIONS_DIR } from '../regions.ts';
import type { Store } from '../store.ts';
import {
  assertReadable,
  csvDialect,
  csvFromSql,
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
import { asUtf8 } from './text-encoding.ts';

/** FCS column → accepted header names (normalised: lower-case letters and digits). */
const FCS_COLUMNS = {
  direction: ['direction', 'napr'],
  period: ['period'],
  country: ['country', 'strana'],
  hs: ['hs', 'tnved'],
  um: ['um', 'edizm'],
  value: ['value', 'stoim'],
  netweight: ['netweight', 'netto'],
  quantity: ['quantity', 'kol'],
  region: ['region'],
  district: ['regions'],
} as const;
const REQUIRED = ['direction', 'period', 'country', 'hs', 'value', 'region'] as const;

/** True when a header has the FCS columns (normalised names). */
export function isFcsHeader(normalized: Set<string>): boolean {
  return REQUIRED.every((c) => FCS_COLUMNS[c].some((n) => normalized.has(n)));
}

/** OKATO code of a federal subject (5 digits, as FCS prints it) → ISO 3166-2 code. */
export function fcsRegionCodes(dir: string = REGIONS_DIR): { code: string; region: string }[] {
  const file = join(dir, 'fcs-regions.csv');
  return parseCsvText(readFileSync(file, 'utf8')).map((r, i) => {
    if (!/^\d{5}$/.test(r.code ?? '') || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r.region ?? ''))
      throw new Error(
        `${file}:${i + 2}: expected code (5 digits) and region (ISO 3166-2), got ${JSON.stringify(r)}`,
      );
    return { code: r.code, region: r.region };
  });
}

export async function importFcs(store: Store, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  assertReadable(file);
  const hash = await sha256File(file);
  const utf8 = await asUtf8(file, 'windows-1251');
  try {
    const dialect = await csvDialect(utf8.path);
    const fields = headerIndex(dialect.columns);
    const plan = fcsPlan(file, fields, csvFromSql(utf8.path, dialect));
    plan.unnumberedFromSql = csvFromSql(utf8.path, dialect, false);
    if (utf8.encoding !== 'utf-8') plan.notes = [...(plan.notes ?? []), `read as ${utf8.encoding}`];
    return await runSqlImport(store, plan, opts, hash);
  } finally {
    utf8.cleanup();
  }
}

export function fcsPlan(file: string, fields: Map<string, string>, fromSql: string): SqlImportPlan {
  const pick = (c: keyof typeof FCS_COLUMNS): string | null => {
    for (const n of FCS_COLUMNS[c]) {
      const f = fields.get(n);
      if (f !== undefined) return f;
    }
    return null;
  };
  const missing = REQUIRED.filter((c) => pick(c) === null);
  if (missing.length)
    throw new ImportFileError(
      file,
      `not an FCS regional trade file: missing ${missing.map((c) => FCS_COLUMNS[c][0].toUpperCase()).join(', ')} (expected DIRECTION, PERIOD, COUNTRY, HS, UM, VALUE, NETWEIGHT, QUANTITY, REGION, REGION_S; found ${[...fields.values()].join(', ')})`,
    );
  const col = (c: (typeof REQUIRED)[number]) => pick(c) as string;
  const q = (f: string) => `src."${f.replaceAll('"', '""')}"`;
  const txt = (f: string) => `nullif(trim(${q(f)}), '')`;
  const num = (f: string | null) =>
    f === null ? 'NULL::DOUBLE' : `TRY_CAST(replace(${txt(f)}, ',', '.') AS DOUBLE)`;

  const dir = `upper(${txt(col('direction'))})`;
  const flow = `(CASE WHEN ${dir} IN ('EXP', 'ЭК', 'E') THEN 'export' WHEN ${dir} IN ('IMP', 'ИМ', 'I') THEN 'import' END)`;
  const period = txt(col('period'));
  // MM/YYYY (as published) or YYYYMM / YYYY-MM
  const year = `TRY_CAST(coalesce(nullif(regexp_extract(${period}, '^\\d{1,2}[./](\\d{4})$', 1), ''), nullif(regexp_extract(${period}, '^(\\d{4})-?\\d{2}$', 1), '')) AS INTEGER)`;
  const month = `TRY_CAST(coalesce(nullif(regexp_extract(${period}, '^(\\d{1,2})[./]\\d{4}$', 1), ''), nullif(regexp_extract(${period}, '^\\d{4}-?(\\d{2})$', 1), '')) AS INTEGER)`;
  const hs = `regexp_replace(${txt(col('hs'))}, '\\s', '', 'g')`;
  const code = `(CASE WHEN length(${hs}) IN (5, 7, 9) THEN '0' || ${hs} ELSE ${hs} END)`;
  const value = num(col('value'));
  const fUm = pick('um');
  const unit = fUm === null ? 'NULL' : `nullif(regexp_replace(${txt(fUm)}, '\\s+', ' ', 'g'), '')`;
  const qty = num(pick('quantity'));
  const regionCode = `regexp_extract(${txt(col('region'))}, '^(\\d{5})', 1)`;
  const values = fcsRegionCodes()
    .map((r) => `(${lit(r.code)}, ${lit(r.region)})`)
    .join(', ');

  const checks: RowCheck[] = [
    {
      column: col('direction'),
      valueSql: txt(col('direction')),
      badSql: `${flow} IS NULL`,
      why: 'not a direction',
      valid: 'EXP (export) or IMP (import); ЭК or ИМ',
    },
    {
      column: col('period'),
      valueSql: period,
      badSql: `${year} IS NULL OR ${month} IS NULL OR NOT (${month} BETWEEN 1 AND 12) OR NOT (${year} BETWEEN 1990 AND 2100)`,
      why: 'not a month',
      valid: 'MM/YYYY as FCS publishes it (01/2015), or YYYYMM',
    },
    {
      column: col('country'),
      valueSql: txt(col('country')),
      badSql: 'par.code IS NULL',
      why: 'unknown country',
      valid: 'an ISO 3166-1 alpha-2 code, e.g. CN, MN, KZ',
    },
    {
      column: col('hs'),
      valueSql: txt(col('hs')),
      badSql: `${hs} IS NULL OR NOT regexp_full_match(${code}, '[0-9]{2}([0-9]{2})*')`,
      why: 'not a TN VED (HS) code',
      valid: 'the 10-digit TN VED code (or 2, 4, 6, 8 digits), e.g. 4407109100',
    },
    {
      column: col('value'),
      valueSql: txt(col('value')),
      badSql: `${value} IS NULL OR ${value} < 0 OR isnan(${value})`,
      why: 'not a trade value',
      valid: 'a number ≥ 0 in US dollars',
    },
    {
      column: col('region'),
      valueSql: txt(col('region')),
      badSql: 'reg.region IS NULL',
      why: 'unknown federal subject',
      valid:
        'an OKATO subject code and name, e.g. "10000 - AMUR REGION" or "05000 - PRIMORSKY TERRITORY" (data/trade/regions/fcs-regions.csv)',
    },
  ];
  for (const [f, label] of [
    [pick('netweight'), 'net weight in kg'],
    [pick('quantity'), 'quantity'],
  ] as const)
    if (f !== null)
      checks.push({
        column: f,
        valueSql: txt(f),
        badSql: `${txt(f)} IS NOT NULL AND (${num(f)} IS NULL OR ${num(f)} < 0)`,
        why: 'not a number ≥ 0',
        valid: `empty or a ${label} ≥ 0`,
      });

  return {
    importer: 'fcs-regional',
    file,
    fromSql,
    alias: 'src',
    joinSql: `LEFT JOIN (VALUES ${values}) reg(code, region) ON reg.code = ${regionCode}
      LEFT JOIN regions par ON par.level = 'country' AND par.iso2 = upper(${txt(col('country'))})`,
    position: 'line',
    columns: {
      reporter_level: `'province'`,
      reporter_code: 'reg.region',
      partner_level: `'country'`,
      partner_code: 'par.code',
      year,
      month,
      period_kind: `'month'`,
      flow,
      commodity_system: `'HS'`,
      commodity_code: code,
      commodity_label: 'NULL',
      value,
      currency: `'USD'`,
      scale: '1',
      value_usd: value,
      quantity: fUm === null ? 'NULL' : `(CASE WHEN ${unit} IS NULL THEN NULL ELSE ${qty} END)`,
      quantity_unit: unit,
      net_weight_kg: num(pick('netweight')),
      basis: `(CASE WHEN ${flow} = 'export' THEN 'FOB' ELSE 'CIF' END)`,
      reported_by: `'reporter'`,
      variant: `'as-reported'`,
      estimated: 'false',
      derived: 'false',
      trade_mode: 'NULL',
    },
    checks,
    drops: [],
    spec: { format: 'fcs-regional', columns: Object.fromEntries(fields) },
    title: { code: 'fcs', params: { file: basename(file) } },
    publisher: 'Federal Customs Service of Russia (ФТС России)',
    licence: 'FCS open data (customs.gov.ru), terms of the publisher',
    url: 'https://customs.gov.ru/statistic',
    notes: [
      'federal subjects by their OKATO code (data/trade/regions/fcs-regions.csv); exports FOB, imports CIF',
    ],
  };
}
