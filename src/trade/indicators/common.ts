/**
 * What every indicator shares: the parameters (one zod schema), the result
 * shape, the refusal error, and the SQL that selects the flows an indicator
 * works on (filters, the variant of printed tables, values in US dollars).
 *
 * Conventions
 * - Values are `flows.value_usd` (converted once at import); rows without a
 *   rate are left out and counted in the notes.
 * - Only the reporter's own reports (`reported_by = 'reporter'`), except for the
 *   mirror indicator.
 * - Printed tables with corrections count once: their `as-corrected` copy
 *   (`--variant as-printed` to use the printed numbers instead).
 * - Every indicator works per source: two sources that report the same flow
 *   give two rows, never a sum.
 */
import { z } from 'zod';
import { AmurError } from '../../errors.ts';
import { type Store, sqlLiteral } from '../store.ts';
import { Flow } from '../vocabulary.ts';
import { type IndicatorNote, type IndicatorResult, indicatorNote } from './result.ts';

export { type IndicatorNote, IndicatorResult, indicatorNote } from './result.ts';

const Codes = z.array(z.string().min(1)).min(1).optional();
const Year = z.number().int().min(1900).max(2100);

/** Parameters of every indicator (each uses the ones it needs; see `IndicatorDef.params`). */
export const IndicatorParams = z.strictObject({
  /** reporter codes (`CHN`, `CN-HL`, `CN-HL-HEIHE`) */
  reporter: Codes,
  /** partner codes; `WLD` for the world */
  partner: Codes,
  year: Year.optional(),
  from: Year.optional(),
  to: Year.optional(),
  flow: Flow.optional(),
  /** commodity codes, `TOTAL`, or a prefix ending in `*` */
  commodity: Codes,
  /** digits of the HS codes to use for product structures (2, 4, 6) */
  level: z.number().int().min(1).max(10).optional(),
  /** source ids */
  source: Codes,
  /** which copy of printed tables: as printed or as corrected (default: corrected where the spec corrects) */
  variant: z.enum(['as-reported', 'as-printed', 'as-corrected']).optional(),
  /** `share`: of a product, a partner or a reporter in a larger total */
  of: z.enum(['product', 'partner', 'reporter']).optional(),
  /** `share --of reporter`: the region whose total is the denominator (default: the reporter's parent) */
  in: z.string().optional(),
  /** `hhi`: concentration across products or partners */
  by: z.enum(['product', 'partner']).optional(),
  /** `growth`: annual, monthly (vs the same month a year before) or year to date */
  period: z.enum(['year', 'month', 'ytd']).optional(),
  /** `grubel-lloyd`: product, aggregate or marginal; `diversification`: unctad or count */
  method: z.string().optional(),
});
export type IndicatorParams = z.infer<typeof IndicatorParams>;
export type ParamName = keyof IndicatorParams;

/** One indicator: its documentation and its computation. */
export interface IndicatorDef {
  name: string;
  title: string;
  /** Formula and definition (WITS / UNCTAD / Brülhart …). */
  definition: string;
  unit: string;
  /** What data it needs. */
  needs: string;
  /** Parameters it reads. */
  params: ParamName[];
  compute(
    store: Store,
    p: IndicatorParams,
  ): Promise<Omit<IndicatorResult, 'indicator' | 'definition' | 'unit'>>;
}

/** The data an indicator needs is missing, or its parameters do not fit: says what would be needed. */
export class IndicatorError extends AmurError {
  constructor(message: string) {
    super('input', message);
    this.name = 'IndicatorError';
  }
}

// ---------------------------------------------------------------- SQL helpers

/**
 * Runs a query and returns its rows as plain objects, built from DuckDB's
 * columns (about 1.6× faster than row-by-row objects for the tens of
 * thousands of rows an RCA or growth table has). BIGINTs that fit become numbers.
 */
export async function queryRows(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await store.connection.runAndReadAll(sql);
  return columnsToRows(
    reader.deduplicatedColumnNames(),
    reader.getColumnsJS() as unknown[][],
    reader.currentRowCount,
  );
}

export function columnsToRows(names: string[], cols: unknown[][], n: number): Record<string, unknown>[] {
  for (const col of cols)
    for (let j = 0; j < n; j++) {
      const v = col[j];
      if (typeof v === 'bigint') col[j] = v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
    }
  const out: Record<string, unknown>[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const o: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) o[names[c]] = cols[c][j];
    out[j] = o;
  }
  return out;
}

export const lit = sqlLiteral;

export function inList(col: string, values: readonly (string | number)[]): string {
  return values.length === 1 ? `${col} = ${lit(values[0])}` : `${col} IN (${values.map(lit).join(', ')})`;
}

/** `commodity` filter: codes, `TOTAL`, or prefixes ending in `*`. */
export function commodityFilter(codes: readonly string[] | undefined): string | null {
  if (!codes?.length) return null;
  const parts = codes.map((c) =>
    c.endsWith('*')
      ? `starts_with(commodity_code, ${lit(c.slice(0, -1))})`
      : `commodity_code = ${lit(c.toUpperCase() === 'TOTAL' ? 'TOTAL' : c)}`,
  );
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** The years asked for: `year`, or `from`…`to`. */
export function yearFilter(p: IndicatorParams, col = 'year'): string | null {
  if (p.year !== undefined) return `${col} = ${p.year}`;
  if (p.from !== undefined && p.to !== undefined) return `${col} BETWEEN ${p.from} AND ${p.to}`;
  if (p.from !== undefined) return `${col} >= ${p.from}`;
  if (p.to !== undefined) return `${col} <= ${p.to}`;
  return null;
}

/**
 * The variant condition: as asked, or by default every source's best copy
 * (printed tables with corrections: their corrected copy only).
 */
export async function variantFilter(
  store: Store,
  variant: IndicatorParams['variant'],
): Promise<string | null> {
  if (variant) return `variant = ${lit(variant)}`;
  const corrected = (
    await store.query<{ source_id: string }>('SELECT source_id FROM wide_tables WHERE has_corrections')
  ).map((r) => r.source_id);
  if (corrected.length === 0) return null;
  return `(variant <> 'as-printed' OR source_id NOT IN (${corrected.map(lit).join(', ')}))`;
}

export interface FlowFilterOptions {
  /** include the reporter/partner/flow/commodity filters of the params (default all true) */
  reporter?: boolean;
  partner?: boolean;
  flow?: boolean | string[];
  commodity?: boolean;
  years?: boolean;
  period?: 'year' | 'month' | 'ytd' | null;
  /** default 'reporter'; null for both sides (mirror) */
  reportedBy?: 'reporter' | 'partner' | null;
}

/** The WHERE conditions selecting an indicator's flows. */
export async function flowConditions(
  store: Store,
  p: IndicatorParams,
  o: FlowFilterOptions = {},
): Promise<string[]> {
  // conditions the store's statistics prove true for every row are left out (DuckDB evaluates fewer predicates)
  const traits = await storeTraits(store);
  const w: string[] = [];
  if (traits.nullUsd) w.push('value_usd IS NOT NULL');
  const by = o.reportedBy === undefined ? 'reporter' : o.reportedBy;
  if (by && !(by === 'reporter' && !traits.mirror)) w.push(`reported_by = ${lit(by)}`);
  const period = o.period === undefined ? (p.period ?? 'year') : o.period;
  if (period && !(period === 'year' && !traits.subAnnual)) w.push(`period_kind = ${lit(period)}`);
  if (o.reporter !== false && p.reporter?.length) w.push(inList('reporter_code', p.reporter));
  if (o.partner !== false && p.partner?.length) w.push(inList('partner_code', p.partner));
  if (Array.isArray(o.flow)) w.push(inList('flow', o.flow));
  else if (o.flow !== false && p.flow) w.push(`flow = ${lit(p.flow)}`);
  if (o.commodity !== false) {
    const c = commodityFilter(p.commodity);
    if (c) w.push(c);
  }
  if (o.years !== false) {
    const y = yearFilter(p);
    if (y) w.push(y);
  }
  if (p.source?.length) w.push(inList('source_id', p.source));
  const v = await variantFilter(store, p.variant);
  if (v) w.push(v);
  if (w.length === 0) w.push('true');
  return w;
}

/** What the whole `flows` table is like, from cheap probes (min/max statistics, LIMIT 1). */
export interface StoreTraits {
  /** some rows are mirror rows (reported_by = partner) */
  mirror: boolean;
  /** some rows are monthly or year to date */
  subAnnual: boolean;
  /** some rows have no value in US dollars */
  nullUsd: boolean;
  /** some rows are a source's own categories (commodity system SRC) */
  own: boolean;
}

const traitsCache = new WeakMap<Store, { key: string; traits: StoreTraits }>();

/**
 * The store's traits. Probing can take a full scan right after a large import
 * in the same process (before DuckDB has statistics for the new row groups),
 * so the answer is kept per store until the number of flows or sources, or the
 * latest import time, changes — i.e. until something is imported or deleted.
 */
export async function storeTraits(store: Store): Promise<StoreTraits> {
  const [k] = await store.query<{ n: number; s: number; t: string | null }>(
    'SELECT (SELECT count(*) FROM flows) AS n, (SELECT count(*) FROM sources) AS s, (SELECT max(imported_at) FROM sources)::VARCHAR AS t',
  );
  const key = `${k.n}|${k.s}|${k.t}`;
  const hit = traitsCache.get(store);
  if (hit?.key === key) return hit.traits;
  const [r] = await store.query<{
    rb_min: string | null;
    rb_max: string | null;
    pk_min: string | null;
    pk_max: string | null;
  }>(
    'SELECT min(reported_by) AS rb_min, max(reported_by) AS rb_max, min(period_kind) AS pk_min, max(period_kind) AS pk_max FROM flows',
  );
  const own =
    (await store.query("SELECT 1 AS one FROM flows WHERE commodity_system = 'SRC' LIMIT 1")).length > 0;
  const nullUsd =
    (await store.query('SELECT 1 AS one FROM flows WHERE value_usd IS NULL LIMIT 1')).length > 0;
  const traits = {
    mirror: !(r.rb_min === null || (r.rb_min === 'reporter' && r.rb_max === 'reporter')),
    subAnnual: !(r.pk_min === null || (r.pk_min === 'year' && r.pk_max === 'year')),
    nullUsd,
    own,
  };
  traitsCache.set(store, { key, traits });
  return traits;
}

/** The columns that key a series of flows (source, reporter, partner, flow, commodity system and code), in SQL. */
export const SERIES = 'source_id, reporter_code, partner_code, flow, commodity_system, commodity_code';
/** The output columns that name a series, as the indicators that keep the label write them first. */
export const SERIES_COLUMNS = [
  'source',
  'reporter',
  'partner',
  'flow',
  'commodity',
  'commodity_label',
] as const;

/** `--year`, `--from` and `--to` as SQL conditions on `alias.year` (for a query that reads years outside them, e.g. the previous one). */
export function yearConditions(p: IndicatorParams, alias: string): string[] {
  const out: string[] = [];
  if (p.year !== undefined) out.push(`${alias}.year = ${p.year}`);
  if (p.from !== undefined) out.push(`${alias}.year >= ${p.from}`);
  if (p.to !== undefined) out.push(`${alias}.year <= ${p.to}`);
  return out;
}

/** The notes of an indicator's answer that start with the missing-US$ note (`missingUsdNote`) when there is one. */
export async function usdNotes(store: Store, conditions: string[]): Promise<IndicatorNote[]> {
  const note = await missingUsdNote(store, conditions);
  return note === null ? [] : [note];
}

/**
 * Counts flows matching the conditions whose value has no US dollar
 * conversion (for the notes). A first probe (`value_usd IS NULL`, answered
 * from DuckDB's per-row-group null statistics when there are none) keeps this
 * from scanning the table again in the usual case.
 */
export async function missingUsdNote(store: Store, conditions: string[]): Promise<IndicatorNote | null> {
  const any = await store.query('SELECT 1 AS one FROM flows WHERE value_usd IS NULL LIMIT 1');
  if (any.length === 0) return null;
  const cond = conditions.filter((c) => c !== 'value_usd IS NOT NULL');
  const r = await store.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM flows WHERE value_usd IS NULL AND value IS NOT NULL${cond.length ? ` AND ${cond.join(' AND ')}` : ''}`,
  );
  const n = r[0]?.n ?? 0;
  return n > 0 ? indicatorNote('usd-missing', { count: n }) : null;
}

/** Describes the filters for refusal messages: "reporter CN-HL, partner RUS, 2010–2015". */
export function describeFilters(p: IndicatorParams): string {
  const parts: string[] = [];
  if (p.reporter) parts.push(`reporter ${p.reporter.join(', ')}`);
  if (p.partner) parts.push(`partner ${p.partner.join(', ')}`);
  if (p.flow) parts.push(`flow ${p.flow}`);
  if (p.commodity) parts.push(`commodity ${p.commodity.join(', ')}`);
  if (p.year !== undefined) parts.push(String(p.year));
  else if (p.from !== undefined || p.to !== undefined) parts.push(`${p.from ?? '…'}–${p.to ?? '…'}`);
  if (p.source) parts.push(`source ${p.source.join(', ')}`);
  return parts.length ? parts.join(', ') : 'no filters';
}

/** Refuses when a query found nothing, saying what was looked for. */
export function requireRows<T>(rows: T[], what: string, p: IndicatorParams): T[] {
  if (rows.length === 0)
    throw new IndicatorError(
      `no data for this indicator: it needs ${what} (looked for ${describeFilters(p)}; see \`amur trade sources\` and \`amur trade query\`)`,
    );
  return rows;
}

/**
 * The HS level (number of digits) for product structures: as asked, or the
 * finest level present in the selected flows. Own categories ('SRC') have no
 * level: all of them are used.
 */
export async function productLevel(
  store: Store,
  conditions: string[],
  p: IndicatorParams,
): Promise<number | null> {
  const none = () =>
    new IndicatorError(
      `this indicator needs flows by product (HS codes or a source's own categories), and the selection has only totals (${describeFilters(p)})`,
    );
  if (p.level !== undefined) {
    const one = await store.query(
      `SELECT 1 AS one FROM flows WHERE commodity_code <> 'TOTAL' AND ${conditions.join(' AND ')} LIMIT 1`,
    );
    if (one.length === 0) throw none();
    return p.level;
  }
  const r = await store.query<{ l: number | null; n: number }>(
    `SELECT max(CASE WHEN commodity_system <> 'SRC' THEN length(commodity_code) END)::INTEGER AS l, count(*)::INTEGER AS n
       FROM (SELECT commodity_system, commodity_code FROM flows
              WHERE commodity_code <> 'TOTAL' AND ${conditions.join(' AND ')} LIMIT 100000)`,
  );
  if ((r[0]?.n ?? 0) === 0) throw none();
  return r[0]?.l ?? null;
}

/**
 * The condition selecting products (not the TOTAL) at a level: HS codes of
 * `level` digits, or own categories (`own`: whether the store has any).
 */
export function productCondition(level: number | null, own = true): string {
  if (level === null) return "commodity_code <> 'TOTAL'";
  return own
    ? `commodity_code <> 'TOTAL' AND (length(commodity_code) = ${level} OR commodity_system = 'SRC')`
    : `length(commodity_code) = ${level} AND commodity_code <> 'TOTAL'`;
}

/** `productCondition` for the store as it is (probes for own categories). */
export async function productConditionFor(store: Store, level: number | null): Promise<string> {
  return productCondition(level, (await storeTraits(store)).own);
}

/** A source's own categories may overlap (a top-ten table's can add up to more than the total). */
export const ownCategoriesNote = (): IndicatorNote => indicatorNote('own-categories');

/** Rounds for display without losing the values' order of magnitude. */
export function round(x: number | null | undefined, digits = 6): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  if (x === 0) return 0;
  const d = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(d, 15)));
}
