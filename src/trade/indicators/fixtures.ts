/**
 * Small hand-made stores for the indicator and audit tests: an in-memory
 * store (migrations and reference regions, no seed tables unless asked) and
 * helpers that insert flows and world totals with sensible defaults.
 */
import { referenceDataHooks } from '../first-use.ts';
import { openStore, type Store } from '../store.ts';
import type { Flow } from '../vocabulary.ts';

export interface FixtureFlow {
  source_id?: string;
  reporter: string;
  reporter_level?: string;
  partner?: string;
  partner_level?: string;
  year: number;
  month?: number | null;
  period_kind?: 'year' | 'month' | 'ytd';
  flow: Flow;
  commodity?: string;
  commodity_system?: string;
  value_usd: number;
  quantity?: number | null;
  quantity_unit?: string | null;
  net_weight_kg?: number | null;
  reported_by?: 'reporter' | 'partner';
  variant?: string;
}

const level = (code: string) =>
  code === 'WLD'
    ? 'world'
    : /^[A-Z]{3}$/.test(code)
      ? 'country'
      : /^[A-Z]{2}-[A-Z0-9]+$/.test(code)
        ? 'province'
        : 'city';

/** An in-memory store with the reference data (regions, rates); no seed tables. */
export async function fixtureStore(): Promise<Store> {
  return openStore(':memory:', { hooks: referenceDataHooks });
}

export async function insertFlows(store: Store, rows: FixtureFlow[]): Promise<void> {
  const sources = new Set(rows.map((r) => r.source_id ?? 'fixture'));
  for (const s of sources)
    await store.run(
      `INSERT INTO sources (id, title, importer, rows) SELECT $1, $1, 'fixture', 0 WHERE NOT EXISTS (SELECT 1 FROM sources WHERE id = $1)`,
      [s],
    );
  for (const r of rows) {
    const code = r.commodity ?? 'TOTAL';
    await store.run(
      `INSERT INTO flows (source_id, row_no, reporter_level, reporter_code, partner_level, partner_code, year, month, period_kind,
         flow, commodity_system, commodity_code, value, currency, scale, value_usd, quantity, quantity_unit, net_weight_kg,
         reported_by, variant)
       VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'USD', 1, $12, $13, $14, $15, $16, $17)`,
      [
        r.source_id ?? 'fixture',
        r.reporter_level ?? level(r.reporter),
        r.reporter,
        r.partner_level ?? level(r.partner ?? 'WLD'),
        r.partner ?? 'WLD',
        r.year,
        r.month ?? null,
        r.period_kind ?? 'year',
        r.flow,
        r.commodity_system ?? (code === 'TOTAL' ? 'TOTAL' : /^\d+$/.test(code) ? 'HS2017' : 'SRC'),
        code,
        r.value_usd,
        r.quantity ?? null,
        r.quantity_unit ?? null,
        r.net_weight_kg ?? null,
        r.reported_by ?? 'reporter',
        r.variant ?? 'as-reported',
      ],
    );
  }
}

export async function insertWorldTotals(
  store: Store,
  rows: { year: number; flow: 'export' | 'import'; commodity?: string; value_usd: number }[],
): Promise<void> {
  for (const r of rows)
    await store.run(
      `INSERT INTO world_totals (year, flow, commodity_system, commodity_code, value_usd, source_id) VALUES ($1, $2, $3, $4, $5, 'fixture-world')`,
      [
        r.year,
        r.flow,
        r.commodity && r.commodity !== 'TOTAL' ? 'HS2017' : 'TOTAL',
        r.commodity ?? 'TOTAL',
        r.value_usd,
      ],
    );
}
