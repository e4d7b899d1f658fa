/**
 * Exchange rates: units of a currency per US dollar, annual (and, where
 * shipped, monthly) period averages, loaded from `data/trade/exchange-rates/`
 * (see its SOURCES.md) into the store's `exchange_rates` table. Every flow is
 * converted to US dollars once, at import: `value_usd = value × scale / per_usd`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { csvRecordError, parseCsvRows } from './csv.ts';
import type { FirstUseHook, Store } from './store.ts';

export const RATES_DIR = fileURLToPath(new URL('../../data/trade/exchange-rates/', import.meta.url));

export const ExchangeRate = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code like CNY'),
  year: z.coerce.number().int().min(1900).max(2100),
  month: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce.number().int().min(1).max(12).nullable(),
  ),
  per_usd: z.coerce.number().positive(),
  source: z.string().min(1),
});
export type ExchangeRate = z.infer<typeof ExchangeRate>;

/** Reads every `*.csv` in the exchange-rates folder. Throws a `data` error `file:line:field: problem (what would be valid)` on a bad record. */
export function readExchangeRates(dir: string = RATES_DIR): ExchangeRate[] {
  const out: ExchangeRate[] = [];
  const seen = new Set<string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const file = join(dir, name);
    for (const row of parseCsvRows(readFileSync(file, 'utf8'))) {
      const { line } = row;
      const r = ExchangeRate.safeParse(row.fields);
      if (!r.success) throw csvRecordError(file, row, r.error.issues);
      const key = `${r.data.currency}/${r.data.year}/${r.data.month ?? ''}`;
      if (seen.has(key))
        throw new Error(`${file}:${line}: ${key} is listed twice (one rate per currency and period)`);
      seen.add(key);
      out.push(r.data);
    }
  }
  return out;
}

function ratesVersion(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(RATES_DIR).sort()) h.update(f).update(readFileSync(join(RATES_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

/** Replaces `exchange_rates` with the shipped files. */
export async function loadExchangeRates(store: Store, dir: string = RATES_DIR): Promise<number> {
  const rates = readExchangeRates(dir);
  await store.transaction(async (s) => {
    await s.run('DELETE FROM exchange_rates');
    const a = await s.connection.createAppender('exchange_rates');
    for (const r of rates) {
      a.appendVarchar(r.currency);
      a.appendInteger(r.year);
      if (r.month === null) a.appendNull();
      else a.appendInteger(r.month);
      a.appendDouble(r.per_usd);
      a.appendVarchar(r.source);
      a.endRow();
    }
    a.closeSync();
  });
  return rates.length;
}

export const exchangeRatesHook: FirstUseHook = {
  id: 'amur:exchange-rates',
  version: ratesVersion,
  run: async (store) => {
    await loadExchangeRates(store);
  },
};

/**
 * The rate (units per US dollar) for a currency and period: the monthly
 * average when `month` is given and shipped, else the annual average; 1 for
 * USD; null when the store has none.
 */
export async function perUsd(
  store: Store,
  currency: string,
  year: number,
  month: number | null = null,
): Promise<number | null> {
  if (currency.toUpperCase() === 'USD') return 1;
  const rows = await store.query<{ per_usd: number }>(
    `SELECT per_usd FROM exchange_rates WHERE currency = upper($1) AND year = $2
       AND (month IS NULL OR month = $3) ORDER BY month NULLS LAST LIMIT 1`,
    [currency, year, month ?? -1],
  );
  return rows[0]?.per_usd ?? null;
}

/**
 * SQL expression converting `valueExpr × scaleExpr` in `currencyExpr` to US
 * dollars for the period (`yearExpr`, `monthExpr`), using the store's
 * `exchange_rates` (monthly where present, else annual). NULL when no rate.
 * Used by the importers inside INSERT … SELECT.
 */
export function usdSql(
  valueExpr: string,
  scaleExpr: string,
  currencyExpr: string,
  yearExpr: string,
  monthExpr: string,
): string {
  return `(CASE WHEN ${currencyExpr} = 'USD' THEN (${valueExpr}) * (${scaleExpr})
    ELSE (${valueExpr}) * (${scaleExpr}) / coalesce(
      (SELECT per_usd FROM exchange_rates er WHERE er.currency = ${currencyExpr} AND er.year = ${yearExpr} AND er.month = ${monthExpr}),
      (SELECT per_usd FROM exchange_rates er WHERE er.currency = ${currencyExpr} AND er.year = ${yearExpr} AND er.month IS NULL)) END)`;
}
