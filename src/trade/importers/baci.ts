/**
 * CEPII BACI importer: `t,i,j,k,v,q` — year, exporter, importer (Comtrade /
 * ISO numeric country codes, France 251, USA 842, … mapped like Comtrade's),
 * HS 6-digit product (kept as text, leading zero restored: `10121` →
 * `010121`), value in thousands of US dollars (stored as `value` = v with
 * `scale` = 1000, `value_usd` = v × 1000) and quantity in metric tonnes
 * (`quantity` = q `t`, `net_weight_kg` = q × 1000); a missing quantity is
 * empty or `NA`.
 *
 * BACI reconciles each pair's two reports into one FOB value, so every row is
 * an export from i to j with `basis` 'FOB', `reported_by` 'reporter' and
 * `derived` true. The HS revision comes from the file name
 * (`BACI_HS17_Y2019_V202401.csv` → HS2017) or the `hs` option.
 */
import { basename } from 'node:path';
import type { Store } from '../store.ts';
import {
  assertReadable,
  csvColumns,
  csvFromSql,
  headerIndex,
  ImportFileError,
  type ImportOptions,
  type ImportResult,
  lit,
  type RowCheck,
  runSqlImport,
  type SqlImportPlan,
} from './common.ts';

const BACI_HS: Record<string, string> = {
  '92': 'HS1992',
  '96': 'HS1996',
  '02': 'HS2002',
  '07': 'HS2007',
  '12': 'HS2012',
  '17': 'HS2017',
  '22': 'HS2022',
};

export function isBaciHeader(normalizedHeaders: Set<string>): boolean {
  return ['t', 'i', 'j', 'k', 'v'].every((h) => normalizedHeaders.has(h)) && normalizedHeaders.size <= 7;
}

/** The HS revision of a BACI file from its name (`BACI_HS17_…` → HS2017), or null. */
export function baciSystemFromName(file: string): string | null {
  const m = /HS(92|96|02|07|12|17|22)/i.exec(basename(file));
  return m ? BACI_HS[m[1]] : null;
}

export interface BaciOptions extends ImportOptions {
  /** commodity system when the file name does not tell ('HS2017', …); default 'HS' */
  hs?: string;
}

export async function importBaci(store: Store, file: string, opts: BaciOptions = {}): Promise<ImportResult> {
  assertReadable(file);
  const columns = await csvColumns(store, file);
  const fields = headerIndex(columns);
  if (!isBaciHeader(new Set(fields.keys())))
    throw new ImportFileError(
      file,
      `not a BACI file: expected the header t,i,j,k,v,q; found ${columns.join(',')}`,
    );
  const system = opts.hs ?? baciSystemFromName(file) ?? 'HS';
  return runSqlImport(store, baciPlan(file, fields, system), opts);
}

export function baciPlan(file: string, fields: Map<string, string>, system: string): SqlImportPlan {
  const col = (n: string) => fields.get(n) as string;
  const q = (n: string) => `src."${col(n).replaceAll('"', '""')}"`;
  const txt = (n: string) => `nullif(trim(${q(n)}), '')`;
  const year = `TRY_CAST(${txt('t')} AS INTEGER)`;
  const k = txt('k');
  const v = `TRY_CAST(${txt('v')} AS DOUBLE)`;
  const hasQ = fields.has('q');
  const qTxt = hasQ
    ? `(CASE WHEN upper(${txt('q')}) IN ('NA', 'NAN') THEN NULL ELSE ${txt('q')} END)`
    : 'NULL';
  const qty = `TRY_CAST(${qTxt} AS DOUBLE)`;
  const areaValid = 'a BACI/Comtrade numeric country code, e.g. 156 (China), 643 (Russia), 842 (USA)';
  const checks: RowCheck[] = [
    {
      column: col('t'),
      valueSql: txt('t'),
      badSql: `${year} IS NULL OR NOT (${year} BETWEEN 1900 AND 2100)`,
      why: 'not a year',
      valid: 'a year between 1900 and 2100',
    },
    {
      column: col('i'),
      valueSql: txt('i'),
      badSql: 'rep.code IS NULL',
      why: 'unknown exporter code',
      valid: areaValid,
    },
    {
      column: col('j'),
      valueSql: txt('j'),
      badSql: 'par.code IS NULL',
      why: 'unknown importer code',
      valid: areaValid,
    },
    {
      column: col('k'),
      valueSql: k,
      badSql: `${k} IS NULL OR NOT regexp_full_match(${k}, '[0-9]{5,6}')`,
      why: 'not an HS 6-digit product code',
      valid: 'six digits, e.g. 010121 (a lost leading zero is restored)',
    },
    {
      column: col('v'),
      valueSql: txt('v'),
      badSql: `${v} IS NULL OR ${v} < 0 OR isnan(${v}) OR isinf(${v})`,
      why: 'not a trade value',
      valid: 'a number ≥ 0 in thousands of US dollars',
    },
  ];
  if (hasQ)
    checks.push({
      column: col('q'),
      valueSql: txt('q'),
      badSql: `${qTxt} IS NOT NULL AND (${qty} IS NULL OR ${qty} < 0)`,
      why: 'not a quantity',
      valid: 'empty, NA, or a number ≥ 0 in metric tonnes',
    });
  const areaJoin = (alias: string, n: string) =>
    `LEFT JOIN area_codes ${alias} ON ${alias}.scheme = 'comtrade' AND ${alias}.numeric_code = TRY_CAST(${txt(n)} AS INTEGER)`;
  return {
    importer: 'baci',
    file,
    fromSql: csvFromSql(file),
    unnumberedFromSql: csvFromSql(file, undefined, false),
    alias: 'src',
    joinSql: `${areaJoin('rep', 'i')} ${areaJoin('par', 'j')}`,
    position: 'line',
    columns: {
      reporter_level: 'rep.level',
      reporter_code: 'rep.code',
      partner_level: 'par.level',
      partner_code: 'par.code',
      year,
      month: 'NULL',
      period_kind: `'year'`,
      flow: `'export'`,
      commodity_system: lit(system),
      commodity_code: `lpad(${k}, 6, '0')`,
      commodity_label: 'NULL',
      value: v,
      currency: `'USD'`,
      scale: '1000',
      value_usd: `${v} * 1000`,
      quantity: qty,
      quantity_unit: `CASE WHEN ${qty} IS NULL THEN NULL ELSE 't' END`,
      net_weight_kg: `${qty} * 1000`,
      basis: `'FOB'`,
      reported_by: `'reporter'`,
      variant: `'as-reported'`,
      estimated: 'false',
      derived: 'true',
      trade_mode: 'NULL',
    },
    checks,
    drops: [],
    spec: { format: 'baci', system, columns: Object.fromEntries(fields) },
    title: { code: 'baci', params: { system } },
    publisher: 'CEPII',
    licence: 'Etalab Open Licence 2.0',
    url: 'https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37',
    notes: [`commodity system ${system}${baciSystemFromName(file) ? ' (from the file name)' : ''}`],
  };
}
