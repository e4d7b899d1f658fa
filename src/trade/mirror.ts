/**
 * Series that survive a missing reporter: where a reporter's own report is
 * missing for a cell (reporter, partner, period, flow, commodity), its
 * partner's report of the same trade stands in — the partner's imports from
 * the reporter for the reporter's exports, and the other way round — adjusted
 * from CIF to FOB (or FOB to CIF) by a CIF/FOB factor, and flagged.
 *
 * Russia stopped publishing its trade by partner in April 2022: a series with
 * Russia as reporter ends in 2021 unless China's (and others') reports fill it.
 *
 * The filled series is a view over `flows` with the same columns, so queries
 * and indicators run on it unchanged (`withFilledFlows`): a TEMP view named
 * `flows` shadows the table for the duration of one call (DuckDB resolves
 * temporary objects first; it works on a read-only store too). Filled rows:
 *
 * - come from the partner's own rows (reporter ↔ partner, export ↔ import,
 *   re-export ↔ re-import; country to country only) or from rows imported as
 *   mirror data (`amur trade import --mirror`, `reported_by = 'partner'`);
 * - fill only cells with no row reported by the reporter itself (same
 *   reporter, partner, year, month, period kind, flow and commodity code);
 *   one candidate per cell (stored mirror rows first, then by source id);
 * - carry `value × k` and `value_usd × k` with k = 1/factor for a CIF value
 *   standing for an export (FOB), k = factor for an FOB value standing for an
 *   import (CIF), k = 1 when the basis is unknown or already right; the basis
 *   becomes the one of the flow;
 * - are marked `reported_by = 'partner'` (`mark: 'partner'`, for queries: the
 *   row says whose report it is) or `reported_by = 'reporter'` with
 *   `estimated = true` (`mark: 'estimated'`, for indicators, which read the
 *   reporter's own rows), and keep their source's id.
 */
import type { Store } from './store.ts';
import { sqlLiteral } from './store.ts';

/** The CIF/FOB factor applied to a mirror value, and where it comes from. */
export const CIF_FOB_FACTOR = {
  factor: 1.06,
  source:
    'IMF, Direction of Trade Statistics Yearbook 2017, introduction: "A CIF/FOB factor of 1.06 is currently used. Reported imports CIF are divided by 1.06 … to give partner country estimates of exports FOB. Similarly, reported exports FOB are multiplied by 1.06 to give partner country imports CIF."',
  url: 'https://www.elibrary.imf.org/view/books/042/24207-9781475593822-en/24207-9781475593822-en-book.xml',
} as const;

export interface FillMirrorOptions {
  /** CIF/FOB factor (default `CIF_FOB_FACTOR.factor`); 1 leaves values as the partner reported them */
  factor?: number;
  /** fill only these reporters (default every reporter); also what keeps the fill fast on a large store */
  reporters?: readonly string[];
  /** fill only with these partners (default every partner) */
  partners?: readonly string[];
  /** how a filled row says it is mirror data: `partner` (reported_by) or `estimated` (reported_by = reporter, estimated) */
  mark: 'partner' | 'estimated';
}

const FLIP = `CASE flow WHEN 'export' THEN 'import' WHEN 'import' THEN 'export'
  WHEN 're-export' THEN 're-import' WHEN 're-import' THEN 're-export' END`;

/**
 * The filled series as one SELECT over `table` (the real flows table) with
 * its `columns` (in table order, so the view has every column of `flows`,
 * whatever migrations add) plus `fill`.
 */
export function filledFlowsSql(table: string, columns: readonly string[], o: FillMirrorOptions): string {
  const f = o.factor ?? CIF_FOB_FACTOR.factor;
  if (!(f > 0 && Number.isFinite(f)))
    throw new Error(`CIF/FOB factor ${f}: expected a number > 0, e.g. 1.06`);
  const list = (xs: readonly string[] | undefined) => (xs?.length ? xs.map(sqlLiteral).join(', ') : null);
  const r = list(o.reporters);
  const p = list(o.partners);
  // the partner's own rows seen from the other side: their partner is the reporter to fill
  const flippedOnly = `${r ? ` AND partner_code IN (${r})` : ''}${p ? ` AND reporter_code IN (${p})` : ''}`;
  const storedOnly = `${r ? ` AND reporter_code IN (${r})` : ''}${p ? ` AND partner_code IN (${p})` : ''}`;
  const ident = (c: string) => `"${c.replaceAll('"', '""')}"`;
  const select = (over: Record<string, string>) =>
    columns.map((c) => (over[c] !== undefined ? `${over[c]} AS ${ident(c)}` : ident(c))).join(', ');
  const flipped = select({
    reporter_level: 'partner_level',
    reporter_code: 'partner_code',
    partner_level: 'reporter_level',
    partner_code: 'reporter_code',
    flow: FLIP,
  });
  const mode = columns.includes('trade_mode');
  const filled = select({
    value: 'value * k',
    value_usd: 'value_usd * k',
    basis: `CASE WHEN k <> 1 THEN (CASE WHEN flow IN ('export', 're-export') THEN 'FOB' ELSE 'CIF' END) ELSE basis END`,
    reported_by: o.mark === 'partner' ? `'partner'` : `'reporter'`,
    estimated: o.mark === 'partner' ? 'estimated' : 'true',
  });
  return `
WITH rep AS (SELECT * FROM ${table} WHERE reported_by = 'reporter'),
cand AS (
  SELECT ${flipped}, 1 AS pref
    FROM rep
   WHERE flow IN ('export', 'import', 're-export', 're-import')
     AND reporter_level = 'country' AND partner_level = 'country'${flippedOnly}
  UNION ALL
  SELECT ${select({})}, 0 AS pref
    FROM ${table} WHERE reported_by = 'partner'${storedOnly}
),
gap AS (
  SELECT c.*,
         CASE WHEN c.flow IN ('export', 're-export') AND c.basis = 'CIF' THEN ${1 / f}
              WHEN c.flow IN ('import', 're-import') AND c.basis = 'FOB' THEN ${f}
              ELSE 1 END AS k
    FROM cand c
   WHERE NOT EXISTS (
           SELECT 1 FROM rep r
            WHERE ${r ? `r.reporter_code IN (${r}) AND ` : ''}${p ? `r.partner_code IN (${p}) AND ` : ''}r.reporter_code = c.reporter_code AND r.partner_code = c.partner_code AND r.year = c.year
              AND r.month IS NOT DISTINCT FROM c.month AND r.period_kind = c.period_kind
              AND r.flow = c.flow AND r.commodity_code = c.commodity_code${mode ? ' AND r.trade_mode IS NOT DISTINCT FROM c.trade_mode' : ''})
  QUALIFY row_number() OVER (
    PARTITION BY reporter_code, partner_code, year, month, period_kind, flow, commodity_code, variant${mode ? ', trade_mode' : ''}
    ORDER BY pref, source_id, row_no) = 1
)
SELECT ${select({})}, 'reported' AS fill FROM rep
UNION ALL
SELECT ${filled}, 'mirror' AS fill FROM gap`;
}

/** The fully qualified name of the store's own `flows` table (not shadowed by a TEMP view), and its columns. */
async function flowsTable(store: Store): Promise<{ table: string; columns: string[] }> {
  const [{ db }] = await store.query<{ db: string }>('SELECT current_database() AS db');
  const cols = await store.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns
      WHERE table_catalog = $1 AND table_schema = 'main' AND table_name = 'flows' ORDER BY ordinal_position`,
    [db],
  );
  return { table: `"${db.replaceAll('"', '""')}".main.flows`, columns: cols.map((x) => x.c) };
}

/**
 * Runs `fn` with `flows` replaced by the filled series (see the module
 * comment); the store is unchanged afterwards. Not re-entrant.
 */
export async function withFilledFlows<T>(
  store: Store,
  o: FillMirrorOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const { table, columns } = await flowsTable(store);
  await store.run(`CREATE OR REPLACE TEMP VIEW flows AS ${filledFlowsSql(table, columns, o)}`);
  try {
    return await fn();
  } finally {
    await store.run('DROP VIEW IF EXISTS temp.main.flows');
  }
}

/** How much of a set of rows is mirror data. */
export interface FillSummary {
  rows: number;
  mirrorRows: number;
  valueUsd: number;
  mirrorValueUsd: number;
  /** the sentence the faces print */
  text: string;
}

/** Summarises rows that carry `fill` ('reported' | 'mirror') and `value_usd`. */
export function summarizeFill(
  rows: readonly Record<string, unknown>[],
  factor: number = CIF_FOB_FACTOR.factor,
): FillSummary {
  let mirrorRows = 0;
  let valueUsd = 0;
  let mirrorValueUsd = 0;
  for (const r of rows) {
    const v = typeof r.value_usd === 'number' ? r.value_usd : 0;
    valueUsd += v;
    if (r.fill === 'mirror') {
      mirrorRows++;
      mirrorValueUsd += v;
    }
  }
  return describeFill({ rows: rows.length, mirrorRows, valueUsd, mirrorValueUsd }, factor);
}

/** The summary sentence for counts and sums of reported and mirror rows. */
export function describeFill(
  c: Omit<FillSummary, 'text'>,
  factor: number = CIF_FOB_FACTOR.factor,
): FillSummary {
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '0%');
  const text =
    c.mirrorRows === 0
      ? `--fill-mirror: no gap filled; all ${c.rows} rows are the reporters' own reports`
      : `--fill-mirror: ${c.mirrorRows} of ${c.rows} rows (${pct(c.mirrorRows, c.rows)}; ${pct(c.mirrorValueUsd, c.valueUsd)} of the US$ value) are mirror data from partners' reports, CIF/FOB-adjusted by ${factor}${factor === CIF_FOB_FACTOR.factor ? ` (${CIF_FOB_FACTOR.source.split(':')[0]})` : ' (given)'}`;
  return { ...c, text };
}

/**
 * Inside `withFilledFlows`: how much of the flows matching the filters is
 * mirror data (for an indicator's note), which cells were filled (up to
 * `list`), and the filled years by reporter, partner and flow (`spans`, for a
 * chart's subtitle: "RUS→CHN export 2022–2023").
 */
export async function fillSummaryOf(
  store: Store,
  filter: { reporter?: readonly string[]; partner?: readonly string[]; from?: number; to?: number },
  factor: number = CIF_FOB_FACTOR.factor,
  list = 12,
): Promise<FillSummary & { cells: string[]; spans: string[] }> {
  const w: string[] = ['true'];
  if (filter.reporter?.length) w.push(`reporter_code IN (${filter.reporter.map(sqlLiteral).join(', ')})`);
  if (filter.partner?.length) w.push(`partner_code IN (${filter.partner.map(sqlLiteral).join(', ')})`);
  if (filter.from !== undefined) w.push(`year >= ${Number(filter.from)}`);
  if (filter.to !== undefined) w.push(`year <= ${Number(filter.to)}`);
  const where = w.map((c) => `(${c})`).join(' AND ');
  const [agg] = await store.query<{ n: number; m: number; v: number | null; mv: number | null }>(
    `SELECT count(*)::INT AS n, count(*) FILTER (WHERE fill = 'mirror')::INT AS m,
            sum(value_usd) AS v, sum(value_usd) FILTER (WHERE fill = 'mirror') AS mv
       FROM flows WHERE ${where}`,
  );
  const cells = await store.query<{ c: string }>(
    `SELECT reporter_code || '→' || partner_code || ' ' || flow || ' ' || year ||
            coalesce('-' || lpad(month::VARCHAR, 2, '0'), '') || ' ' || commodity_code || ' (from ' || source_id || ')' AS c
       FROM flows WHERE fill = 'mirror' AND ${where}
      ORDER BY reporter_code, partner_code, year, month, flow, commodity_code LIMIT ${list}`,
  );
  const spans = await store.query<{ s: string }>(
    `SELECT reporter_code || '→' || partner_code || ' ' || flow || ' ' ||
            (CASE WHEN min(year) = max(year) THEN min(year)::VARCHAR
                  WHEN count(DISTINCT year) = max(year) - min(year) + 1 THEN min(year) || '–' || max(year)
                  ELSE string_agg(DISTINCT year::VARCHAR, ', ' ORDER BY year::VARCHAR) END) AS s
       FROM flows WHERE fill = 'mirror' AND ${where}
      GROUP BY reporter_code, partner_code, flow ORDER BY 1`,
  );
  const s = describeFill(
    { rows: agg.n, mirrorRows: agg.m, valueUsd: agg.v ?? 0, mirrorValueUsd: agg.mv ?? 0 },
    factor,
  );
  return { ...s, cells: cells.map((r) => r.c), spans: spans.map((r) => r.s) };
}
