/**
 * The audit of a printed table: `auditSource(store, sourceId)` re-checks a
 * table imported with a spec (`src/trade/importers/wide.ts`) against itself
 * and against the other sources and text facts in the store.
 *
 * Every printed number stands for an interval: "15.9" for [15.85, 15.95],
 * "3.28" (billion) for [3.275, 3.285] billion. Recomputations propagate these
 * intervals (interval arithmetic), and a printed number is consistent when its
 * interval meets the recomputed one: a difference that rounding explains is
 * never a finding.
 *
 * Rules (each finding has a severity, a kind, the row's key as printed, the
 * column as imported, the printed text, the expected value or interval, and a
 * one-line message):
 * - `growth`: a printed year-on-year rate against the values it follows from
 *   (the previous year from the table, another source or the text). Error when
 *   off by more than 2 percentage points and 10% of the rate, or when a shifted
 *   decimal point explains it; warning otherwise.
 * - `components`: exports + imports against the printed total (and, for the
 *   first year, the previous year implied by the printed growth rates). Error
 *   beyond 1% of the total, warning below.
 * - `share`: a printed share against value / total, the total taken from
 *   another column, another source, the text, or (when none) the total the
 *   other rows' shares agree on. `shares-over-100`: shares of one total that
 *   add to more than 100% even at the top of their rounding (overlapping
 *   categories). `parts-exceed-total`: the same for the values.
 * - `text`: a value, growth or share stated in the running text (the spec's
 *   facts) against the table and the store.
 * - `part-whole`: a city's or partner's value above its province's or the
 *   world's (from the table, other sources, or totals implied by shares).
 * - `scale`: the table's unit is off by a power of ten when most of the
 *   comparisons with other sources and the text fail at the printed unit and
 *   pass at another (e.g. "million" where the values are hundreds of
 *   millions); the comparisons it explains are then reported as `info`.
 * - `unchecked` (info): printed numbers nothing in the store can check.
 */

import { AmurError, type ErrorKind } from '../errors.ts';
import type { Claim, Commodity, Place, TotalRef, WideSpec } from './spec.ts';
import type { Store } from './store.ts';
import { scaleName } from './vocabulary.ts';

// ---------------------------------------------------------------- intervals

/** A closed interval [lo, hi]; infinite bounds allowed. */
export interface Interval {
  lo: number;
  hi: number;
}

/** The interval a printed number stands for: value ± half a unit of its last printed digit, times scale. */
export function printedInterval(value: number, decimals: number, scale = 1): Interval {
  const h = 0.5 * 10 ** -decimals;
  const a = (value - h) * scale;
  const b = (value + h) * scale;
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

export const point = (x: number): Interval => ({ lo: x, hi: x });

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

export function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}

export function mul(a: Interval, b: Interval): Interval {
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].filter((x) => !Number.isNaN(x));
  return { lo: Math.min(...p), hi: Math.max(...p) };
}

/** a / b; an interval of b that contains 0 gives (−∞, ∞). */
export function div(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity };
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}

export function scaleBy(a: Interval, k: number): Interval {
  return k >= 0 ? { lo: a.lo * k, hi: a.hi * k } : { lo: a.hi * k, hi: a.lo * k };
}

export function overlaps(a: Interval, b: Interval, relTol = 1e-9): boolean {
  const tol = relTol * Math.max(Math.abs(a.lo), Math.abs(a.hi), Math.abs(b.lo), Math.abs(b.hi), 1);
  return a.lo <= b.hi + tol && b.lo <= a.hi + tol;
}

export const mid = (a: Interval): number =>
  Number.isFinite(a.lo) && Number.isFinite(a.hi) ? (a.lo + a.hi) / 2 : Number.isFinite(a.lo) ? a.lo : a.hi;

/** Growth in % from prev to cur: (cur / prev − 1) × 100. */
export function growthPct(cur: Interval, prev: Interval): Interval {
  return scaleBy(sub(div(cur, prev), point(1)), 100);
}

// ---------------------------------------------------------------- findings

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  kind:
    | 'growth'
    | 'components'
    | 'share'
    | 'shares-over-100'
    | 'parts-exceed-total'
    | 'text'
    | 'part-whole'
    | 'scale'
    | 'unchecked';
  /** The row's key as printed (e.g. "2012", "Grain"); null for the whole table. */
  row: string | null;
  /** The column as imported (CSV header), `text:<fact id>` for a fact, null for the whole table. */
  column: string | null;
  /** The printed text. */
  printed: string | null;
  /** The recomputed value and its interval (same unit as the printed number). */
  expected: { value: number; min: number; max: number } | null;
  message: string;
  /** Evidence behind a finding (scale findings list the comparisons). */
  details?: string[];
}

export interface AuditResult {
  source: string;
  variant: 'as-printed' | 'as-corrected';
  findings: Finding[];
  summary: { checks: number; passed: number; errors: number; warnings: number; infos: number };
}

export class AuditError extends AmurError {
  constructor(message: string, kind: ErrorKind = 'input') {
    super(kind, message, { parameter: 'source' });
    this.name = 'AuditError';
  }
}

// ---------------------------------------------------------------- the model

interface CellRecord {
  source_id: string;
  variant: string;
  row_no: number;
  row_key: string;
  column_no: number;
  column_name: string;
  role: string;
  printed: string;
  value: number | null;
  decimals: number | null;
  reporter_level: string | null;
  reporter_code: string | null;
  partner_level: string | null;
  partner_code: string | null;
  year: number | null;
  month: number | null;
  period_kind: string | null;
  flow: string | null;
  commodity_system: string | null;
  commodity_code: string | null;
  commodity_label: string | null;
  currency: string | null;
  scale: number | null;
  of_column: string | null;
  correction: string | null;
}

interface FactRecord {
  source_id: string;
  fact_id: string;
  claim_no: number;
  text: string;
  cite: string | null;
  kind: Claim['kind'];
  comparison: 'about' | 'at-least' | 'at-most';
  reporter_level: string;
  reporter_code: string;
  partner_level: string;
  partner_code: string;
  year: number | null;
  period_kind: string;
  month: number | null;
  flow: string;
  commodity_system: string;
  commodity_code: string;
  printed: string | null;
  value: number | null;
  decimals: number | null;
  currency: string | null;
  scale: number | null;
  of_quantity: boolean;
  in_reporter_level: string | null;
  in_reporter_code: string | null;
  in_partner_level: string | null;
  in_partner_code: string | null;
  in_flow: string | null;
  in_commodity_system: string | null;
  in_commodity_code: string | null;
  in_label: string | null;
}

/** The key of a flow (what a value is about). */
export interface FlowKey {
  reporter: string;
  partner: string;
  year: number;
  flow: string;
  system: string;
  code: string;
  period: string;
  month: number | null;
}

const keyStr = (k: FlowKey) =>
  `${k.reporter}|${k.partner}|${k.year}|${k.flow}|${k.system === 'TOTAL' ? 'TOTAL' : k.system}|${k.code}|${k.period}|${k.month ?? ''}`;

/** A value known from somewhere, in US dollars (or the currency when no rate). */
interface Known {
  key: FlowKey;
  iv: Interval;
  currency: string;
  /** 1 when it is (derived from) a value of the audited table: the table's scale factor multiplies it. */
  dep: 0 | 1;
  /** How it is known, for messages ("Song 2019 Table 1: 91.9 at 55.6%"). */
  how: string;
  source: string;
  /** Table cell behind it, when it is one of the audited table's value cells. */
  cell?: CellRecord;
  /** Fact ids it depends on (a fact is not checked against itself). */
  facts: string[];
  origin: 'cell' | 'implied-prior' | 'implied-total' | 'fact' | 'fact-growth' | 'store';
}

interface CrossCheck {
  kind: Finding['kind'];
  row: string | null;
  column: string | null;
  printed: string | null;
  /** Whether the audited table's scale enters the comparison. */
  dep: boolean;
  /** Report failures in this audit (false for other sources' claims: evidence only). */
  report: boolean;
  /** Evaluates at a scale factor of the audited table: pass, and the expected interval of the printed number. */
  evaluate(f: number): { pass: boolean; expected: Interval | null; message: string };
  /** Share checks: the share (in %) another value (in the table's unit) would have. */
  shareOf?: (value: Interval) => Interval;
}

// ---------------------------------------------------------------- formatting

/** A number with `digits` significant digits, without trailing zeros. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const d = abs >= 10 ** digits ? 0 : Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return Number(x.toFixed(Math.min(d, 10))).toString();
}

export function fmtRange(iv: Interval, digits = 3): string {
  return `${fmt(iv.lo, digits)}…${fmt(iv.hi, digits)}`;
}

/** "US$11.06 billion", "US$610 million". */
export function fmtMoney(x: number, currency = 'USD'): string {
  const sym = currency === 'USD' ? 'US$' : `${currency} `;
  const abs = Math.abs(x);
  if (abs >= 1e9) return `${sym}${fmt(x / 1e9)} billion`;
  if (abs >= 1e6) return `${sym}${fmt(x / 1e6)} million`;
  if (abs >= 1e3) return `${sym}${fmt(x / 1e3)} thousand`;
  return `${sym}${fmt(x)}`;
}

function fmtMoneyIv(iv: Interval, currency = 'USD'): string {
  if (!Number.isFinite(iv.hi)) return `at least ${fmtMoney(iv.lo, currency)}`;
  if (iv.lo <= 0 && Number.isFinite(iv.hi) && iv.lo === 0) return `at most ${fmtMoney(iv.hi, currency)}`;
  const m = mid(iv);
  return Math.abs(iv.hi - iv.lo) < 1e-9 * Math.abs(m) ? fmtMoney(m, currency) : `${fmtMoney(m, currency)}`;
}

/** The expected value (the point estimate from the printed values, else the middle of the interval) and its interval. */
const expectedOf = (iv: Interval | null, point?: number): Finding['expected'] =>
  iv
    ? {
        value: Number(fmt(point ?? mid(iv), 6)),
        min: Number(fmt(iv.lo, 6)),
        max: Number(fmt(iv.hi, 6)),
      }
    : null;

// ---------------------------------------------------------------- the audit

export interface AuditOptions {
  /** Which variant of the table to audit (default: as printed). */
  variant?: 'as-printed' | 'as-corrected';
}

/**
 * Audits a table imported with a spec. Throws `AuditError` when the source is
 * unknown or was not imported with a spec.
 */
export async function auditSource(
  store: Store,
  sourceId: string,
  opts: AuditOptions = {},
): Promise<AuditResult> {
  const variant = opts.variant ?? 'as-printed';
  const wide = await store.query<{
    source_id: string;
    has_corrections: boolean;
    printed_unit: string | null;
  }>('SELECT source_id, has_corrections, printed_unit FROM wide_tables');
  const me = wide.find((w) => w.source_id === sourceId);
  if (!me) {
    const exists = (await store.query('SELECT id FROM sources WHERE id = $1', [sourceId])).length > 0;
    const ids = wide.map((w) => w.source_id).join(', ') || 'none';
    throw new AuditError(
      exists
        ? `source "${sourceId}" was not imported with a spec, so there is no printed table to audit (tables with a spec: ${ids})`
        : `no source "${sourceId}" in the store (tables with a spec: ${ids}; see \`amur trade sources\`)`,
      exists ? 'input' : 'not-found',
    );
  }
  if (variant === 'as-corrected' && !me.has_corrections)
    throw new AuditError(`source "${sourceId}" has no corrections in its spec; audit it as printed`);
  const specRow = await store.query<{ spec: string | object; title: string }>(
    'SELECT spec, title FROM sources WHERE id = $1',
    [sourceId],
  );
  const spec = (
    typeof specRow[0].spec === 'string' ? JSON.parse(specRow[0].spec) : specRow[0].spec
  ) as WideSpec;
  const titles = new Map(
    (await store.query<{ id: string; title: string }>('SELECT id, title FROM sources')).map((r) => [
      r.id,
      r.title,
    ]),
  );

  // cells: the audited table (chosen variant), other wide tables (best variant)
  const allCells = await store.query<CellRecord>(
    'SELECT * FROM printed_cells ORDER BY source_id, row_no, column_no',
  );
  const corrected = new Set(wide.filter((w) => w.has_corrections).map((w) => w.source_id));
  const cells = allCells.filter((c) => c.source_id === sourceId && c.variant === variant);
  const printedCells = allCells.filter((c) => c.source_id === sourceId && c.variant === 'as-printed');
  const correctedCells = allCells.filter((c) => c.source_id === sourceId && c.variant === 'as-corrected');
  const otherCells = allCells.filter(
    (c) =>
      c.source_id !== sourceId &&
      (corrected.has(c.source_id) ? c.variant === 'as-corrected' : c.variant === 'as-printed'),
  );
  const facts = await store.query<FactRecord>(
    'SELECT * FROM text_facts ORDER BY source_id, fact_id, claim_no',
  );
  const specs = new Map<string, WideSpec>([[sourceId, spec]]);
  for (const r of await store.query<{ id: string; spec: string | object }>(
    "SELECT id, spec FROM sources WHERE importer = 'wide'",
  ))
    specs.set(r.id, (typeof r.spec === 'string' ? JSON.parse(r.spec) : r.spec) as WideSpec);

  const parents = new Map(
    (await store.query<{ code: string; parent: string | null }>('SELECT code, parent FROM regions')).map(
      (r) => [r.code, r.parent],
    ),
  );
  const rateCache = new Map<string, number | null>();
  const usdFactor = async (currency: string | null, year: number | null): Promise<number | null> => {
    if (!currency || currency === 'USD') return 1;
    const k = `${currency}|${year}`;
    if (!rateCache.has(k)) {
      const r = await store.query<{ per_usd: number }>(
        'SELECT per_usd FROM exchange_rates WHERE currency = $1 AND year = $2 AND month IS NULL LIMIT 1',
        [currency, year],
      );
      rateCache.set(k, r[0] ? 1 / r[0].per_usd : null);
    }
    return rateCache.get(k)!;
  };

  const findings: Finding[] = [];
  let checks = 0;
  let passed = 0;
  const sourceName = (id: string) => (id === sourceId ? 'this table' : `[${id}]`);

  // ---------------------------------------------------------------- index the audited table
  const rowsByKey = new Map<string, CellRecord[]>();
  for (const c of cells) {
    if (!rowsByKey.has(c.row_key)) rowsByKey.set(c.row_key, []);
    rowsByKey.get(c.row_key)!.push(c);
  }
  const cellAt = (rowKey: string, column: string) =>
    rowsByKey.get(rowKey)?.find((c) => c.column_name === column);
  const cellKey = (c: CellRecord): FlowKey => ({
    reporter: c.reporter_code!,
    partner: c.partner_code!,
    year: c.year!,
    flow: c.flow!,
    system: c.commodity_system!,
    code: c.commodity_code!,
    period: c.period_kind ?? 'year',
    month: c.month,
  });
  const valueCells = cells.filter((c) => c.role === 'value' && c.value !== null);
  const valueByKey = new Map<string, CellRecord>();
  for (const c of valueCells) valueByKey.set(keyStr(cellKey(c)), c);
  const cellIv = (c: CellRecord, withScale = true) =>
    printedInterval(c.value!, c.decimals ?? 0, withScale ? (c.scale ?? 1) : 1);
  const correctionOf = (row: string | null, column: string | null): string | null => {
    if (variant !== 'as-printed' || row === null || column === null) return null;
    const p = printedCells.find((c) => c.row_key === row && c.column_name === column);
    const c = correctedCells.find((x) => x.row_key === row && x.column_name === column);
    if (!p || !c) return null;
    return p.printed !== c.printed ? `the spec corrects it to ${c.printed}` : null;
  };
  const withCorrection = (msg: string, row: string | null, column: string | null) => {
    const c = correctionOf(row, column);
    return c ? `${msg} (${c})` : msg;
  };
  const denKeyOf = (c: CellRecord, ref: TotalRef | string, srcSpec: WideSpec): FlowKey | null => {
    const base = cellKey(c);
    if (typeof ref === 'string') {
      const col = srcSpec.columns[ref];
      if (col?.role !== 'value') return null;
      const d = srcSpec.defaults;
      const com: Commodity = col.commodity ?? d.commodity;
      const place = (p: Place | undefined, def: Place) => (p ?? def).code;
      return {
        ...base,
        reporter: place(col.reporter, d.reporter),
        partner: place(col.partner, d.partner),
        flow: col.flow ?? d.flow ?? base.flow,
        system: col.commodity ? com.system : base.system,
        code: col.commodity ? com.code : base.code,
      };
    }
    return {
      ...base,
      reporter: ref.reporter?.code ?? base.reporter,
      partner: ref.partner?.code ?? base.partner,
      flow: ref.flow ?? base.flow,
      system: ref.commodity?.system ?? base.system,
      code: ref.commodity?.code ?? base.code,
      year: ref.year ?? base.year,
    };
  };

  // ---------------------------------------------------------------- knowledge: what the store knows
  const known: Known[] = [];
  const addKnownFromCells = async (list: CellRecord[], src: string, dep: 0 | 1) => {
    const srcSpec = specs.get(src);
    const byRow = new Map<string, CellRecord[]>();
    for (const c of list) {
      if (!byRow.has(c.row_key)) byRow.set(c.row_key, []);
      byRow.get(c.row_key)!.push(c);
    }
    const values = list.filter((c) => c.role === 'value' && c.value !== null);
    const byKey = new Set(values.map((c) => keyStr(cellKey(c))));
    for (const c of values) {
      const f = await usdFactor(c.currency, c.year);
      const k = cellKey(c);
      const iv = cellIv(c);
      known.push({
        key: k,
        iv: f ? scaleBy(iv, f) : iv,
        currency: f ? 'USD' : c.currency!,
        dep,
        how: `${sourceName(src)}, ${c.row_key} ${c.column_name} = ${c.printed}`,
        source: src,
        cell: dep ? c : undefined,
        facts: [],
        origin: 'cell',
      });
      const rowCells = byRow.get(c.row_key) ?? [];
      // the previous year implied by a printed growth rate, when the table does not have it
      const g = rowCells.find(
        (x) => x.role === 'growth' && x.of_column === c.column_name && x.value !== null,
      );
      const prevKey = { ...k, year: k.year - 1 };
      if (g && !byKey.has(keyStr(prevKey))) {
        const gIv = printedInterval(g.value!, g.decimals ?? 0);
        const prev = div(iv, add(point(1), scaleBy(gIv, 0.01)));
        known.push({
          key: prevKey,
          iv: f ? scaleBy(prev, f) : prev,
          currency: f ? 'USD' : c.currency!,
          dep,
          how: `implied by ${sourceName(src)}: ${c.row_key} ${c.column_name} ${c.printed} at a printed growth of ${g.printed}%`,
          source: src,
          facts: [],
          origin: 'implied-prior',
        });
      }
    }
    // totals implied by printed shares of totals outside the table: one per (share column, total);
    // where several rows share one total (a table of categories), the total most of them agree on
    if (!srcSpec) return;
    const groups = new Map<
      string,
      { key: FlowKey; col: string; items: { iv: Interval; how: string }[]; f: number | null; cur: string }
    >();
    for (const s of list.filter((x) => x.role === 'share' && x.value)) {
      const sc = srcSpec.columns[s.column_name];
      if (sc?.role !== 'share' || typeof sc.in === 'string') continue;
      const c = values.find((v) => v.row_key === s.row_key && v.column_name === s.of_column);
      if (!c) continue;
      const dk = denKeyOf(c, sc.in, srcSpec);
      if (!dk) continue;
      const f = await usdFactor(c.currency, c.year);
      const g = groups.get(`${s.column_name}|${keyStr(dk)}`) ?? {
        key: dk,
        col: s.column_name,
        items: [],
        f,
        cur: c.currency!,
      };
      g.items.push({
        iv: div(cellIv(c), scaleBy(printedInterval(s.value!, s.decimals ?? 0), 0.01)),
        how: `${c.row_key} ${c.column_name} ${c.printed} at ${s.printed}% (${s.column_name})`,
      });
      groups.set(`${s.column_name}|${keyStr(dk)}`, g);
    }
    for (const g of groups.values()) {
      const one = g.items.length === 1;
      const iv = one ? g.items[0].iv : largestCommon(g.items.map((x) => x.iv));
      if (!iv) continue;
      known.push({
        key: g.key,
        iv: g.f ? scaleBy(iv, g.f) : iv,
        currency: g.f ? 'USD' : g.cur,
        dep,
        how: `implied by ${sourceName(src)}: ${one ? g.items[0].how : `the values and ${g.col} of its rows`}`,
        source: src,
        facts: [],
        origin: 'implied-total',
      });
    }
  };
  await addKnownFromCells(cells, sourceId, 1);
  const otherBySource = new Map<string, CellRecord[]>();
  for (const c of otherCells) {
    if (!otherBySource.has(c.source_id)) otherBySource.set(c.source_id, []);
    otherBySource.get(c.source_id)!.push(c);
  }
  for (const [src, list] of otherBySource) await addKnownFromCells(list, src, 0);

  const factKey = (f: FactRecord, year: number): FlowKey => ({
    reporter: f.reporter_code,
    partner: f.partner_code,
    year,
    flow: f.flow,
    system: f.commodity_system,
    code: f.commodity_code,
    period: f.period_kind,
    month: f.month,
  });
  const factIv = (f: FactRecord): Interval => {
    const iv = printedInterval(f.value!, f.decimals ?? 0, f.kind === 'value' ? (f.scale ?? 1) : 1);
    if (f.comparison === 'at-least') return { lo: iv.lo, hi: Infinity };
    if (f.comparison === 'at-most') return { lo: f.kind === 'value' ? 0 : -Infinity, hi: iv.hi };
    return iv;
  };
  const factLabel = (f: FactRecord) =>
    `the text${f.source_id === sourceId ? '' : ` of ${sourceName(f.source_id)}`}${f.cite ? ` (${f.cite.split(',')[0]})` : ''} [${f.fact_id}]`;
  for (const f of facts.filter((x) => x.kind === 'value' && x.value !== null && x.year !== null)) {
    const u = await usdFactor(f.currency, f.year);
    const iv = factIv(f);
    known.push({
      key: factKey(f, f.year!),
      iv: u ? scaleBy(iv, u) : iv,
      currency: u ? 'USD' : f.currency!,
      dep: 0,
      how: `${f.cite ? f.cite.split(',')[0] : f.source_id === sourceId ? 'the text' : `the text of ${sourceName(f.source_id)}`} [${f.fact_id}]`,
      source: f.source_id,
      facts: [`${f.source_id}/${f.fact_id}`],
      origin: 'fact',
    });
  }
  // a growth stated in the text carries a known value one year on (or back)
  const base = [...known];
  for (const f of facts.filter(
    (x) => x.kind === 'growth' && !x.of_quantity && x.value !== null && x.year !== null,
  )) {
    const g = add(point(1), scaleBy(factIv(f), 0.01));
    const cur = factKey(f, f.year!);
    const prev = { ...cur, year: cur.year - 1 };
    for (const k of base) {
      if (k.facts.includes(`${f.source_id}/${f.fact_id}`)) continue;
      if (keyStr(k.key) === keyStr(prev) && k.origin !== 'implied-prior')
        known.push({
          ...k,
          key: cur,
          iv: mul(k.iv, g),
          how: `${k.how}, then ${f.printed}% in ${cur.year} (${f.source_id === sourceId ? 'the text' : `the text of ${sourceName(f.source_id)}`} [${f.fact_id}])`,
          facts: [...k.facts, `${f.source_id}/${f.fact_id}`],
          cell: undefined,
          origin: 'fact-growth',
        });
    }
  }
  // values of other (non-wide) sources for the places, years and goods in play
  const nonWide = [...titles.keys()].filter((id) => !specs.has(id));
  if (nonWide.length > 0) {
    const reporters = new Set<string>();
    for (const k of known)
      for (const r of [k.key.reporter, ...ancestors(k.key.reporter, parents)]) reporters.add(r);
    const years = new Set(known.map((k) => k.key.year));
    const codes = new Set(known.map((k) => k.key.code));
    if (reporters.size && years.size) {
      const rows = await store
        .query<{
          source_id: string;
          reporter_code: string;
          partner_code: string;
          year: number;
          flow: string;
          commodity_system: string;
          commodity_code: string;
          period_kind: string;
          month: number | null;
          value_usd: number;
        }>(
          `SELECT source_id, reporter_code, partner_code, year, flow, commodity_system, commodity_code, period_kind, month, value_usd
           FROM flows
          WHERE reported_by = 'reporter' AND value_usd IS NOT NULL AND variant <> 'as-printed'
            AND source_id IN (SELECT unnest($1::VARCHAR[])) AND reporter_code IN (SELECT unnest($2::VARCHAR[]))
            AND year IN (SELECT unnest($3::INTEGER[])) AND commodity_code IN (SELECT unnest($4::VARCHAR[]))
          LIMIT 10000`,
          [nonWide, [...reporters], [...years], [...codes]] as unknown as unknown[],
        )
        .catch(() => []);
      for (const r of rows)
        known.push({
          key: {
            reporter: r.reporter_code,
            partner: r.partner_code,
            year: r.year,
            flow: r.flow,
            system: r.commodity_system,
            code: r.commodity_code,
            period: r.period_kind,
            month: r.month,
          },
          iv: point(r.value_usd),
          currency: 'USD',
          dep: 0,
          how: `${sourceName(r.source_id)}`,
          source: r.source_id,
          facts: [],
          origin: 'store',
        });
    }
  }
  const knownByKey = new Map<string, Known[]>();
  for (const k of known) {
    const s = keyStr(k.key);
    if (!knownByKey.has(s)) knownByKey.set(s, []);
    knownByKey.get(s)!.push(k);
  }
  const at = (iv: Interval, k: Known, f: number) => (k.dep ? scaleBy(iv, f) : iv);

  // ---------------------------------------------------------------- 1. printed growth rates
  const unchecked = new Map<string, { n: number; years: Set<number>; column: string }>();
  for (const g of cells.filter((c) => c.role === 'growth' && c.value !== null)) {
    const cur = cellAt(g.row_key, g.of_column!);
    if (!cur || cur.value === null) continue;
    const k = cellKey(cur);
    const prevKey = keyStr({ ...k, year: k.year - 1 });
    const prevCell = valueByKey.get(prevKey);
    let prevIv: Interval | null = null;
    let prevHow = '';
    let curIv = cellIv(cur, false);
    if (prevCell) {
      prevIv = cellIv(prevCell, false);
      prevHow = `${prevCell.printed}`;
    } else {
      const ext = (knownByKey.get(prevKey) ?? []).find(
        (x) =>
          x.dep === 0 &&
          x.currency === 'USD' &&
          Number.isFinite(x.iv.lo) &&
          Number.isFinite(x.iv.hi) &&
          x.iv.lo > 0,
      );
      const u = await usdFactor(cur.currency, cur.year);
      if (ext && u) {
        prevIv = ext.iv;
        curIv = scaleBy(cellIv(cur), u);
        prevHow = `${fmtMoneyIv(ext.iv)} (${ext.how})`;
      }
    }
    if (!prevIv) {
      const u = unchecked.get(g.column_name) ?? { n: 0, years: new Set<number>(), column: g.column_name };
      u.n++;
      u.years.add(k.year - 1);
      unchecked.set(g.column_name, u);
      continue;
    }
    checks++;
    const exp = growthPct(curIv, prevIv);
    const est = growthPct(point(mid(curIv)), point(mid(prevIv))).lo;
    const pr = printedInterval(g.value!, g.decimals ?? 0);
    if (overlaps(exp, pr)) {
      passed++;
      continue;
    }
    const slip = decimalSlip(g.value!, g.decimals ?? 0, exp);
    const diff = Math.abs(g.value! - est);
    const severity: Severity = slip || (diff > 2 && diff > 0.1 * Math.abs(est)) ? 'error' : 'warning';
    const from = prevCell ? `${cur.printed} / ${prevHow} − 1` : `${cur.printed} against ${prevHow}`;
    let msg = `printed ${g.printed}% but ${from} = ${fmt(est, 3)}% (${fmtRange(exp)}% with the rounding of the printed values)`;
    if (slip) msg += `; ${slip.text} fits: ${slip.what}`;
    else if (severity === 'warning') msg += '; small: perhaps computed from revised or unrounded figures';
    findings.push({
      severity,
      kind: 'growth',
      row: g.row_key,
      column: g.column_name,
      printed: g.printed,
      expected: expectedOf(exp, est),
      message: withCorrection(msg, g.row_key, g.column_name),
    });
  }
  for (const u of unchecked.values()) {
    findings.push({
      severity: 'info',
      kind: 'unchecked',
      row: null,
      column: u.column,
      printed: null,
      expected: null,
      message: `${u.n} printed growth rate${u.n > 1 ? 's' : ''} cannot be checked: no ${[...u.years].sort().join(', ')} value${u.years.size > 1 ? 's' : ''} for the same flow in the table, the text or the store`,
    });
  }

  // ---------------------------------------------------------------- 2. components: exports + imports = total
  const componentSets: { row: string; total: CellRecord; exp: CellRecord; imp: CellRecord }[] = [];
  for (const [row, list] of rowsByKey) {
    const vals = list.filter((c) => c.role === 'value' && c.value !== null);
    for (const t of vals.filter((c) => c.flow === 'total')) {
      const same = (c: CellRecord) =>
        c.reporter_code === t.reporter_code &&
        c.partner_code === t.partner_code &&
        c.commodity_code === t.commodity_code &&
        c.year === t.year;
      const e = vals.find((c) => c.flow === 'export' && same(c));
      const i = vals.find((c) => c.flow === 'import' && same(c));
      if (e && i) componentSets.push({ row, total: t, exp: e, imp: i });
    }
  }
  for (const s of componentSets) {
    checks++;
    const sum = add(cellIv(s.exp, false), cellIv(s.imp, false));
    const tot = cellIv(s.total, false);
    if (overlaps(sum, tot)) {
      passed++;
      continue;
    }
    const rel = Math.abs(mid(sum) - s.total.value!) / Math.abs(s.total.value!);
    findings.push({
      severity: rel > 0.01 ? 'error' : 'warning',
      kind: 'components',
      row: s.row,
      column: s.total.column_name,
      printed: s.total.printed,
      expected: expectedOf(sum, s.exp.value! + s.imp.value!),
      message: withCorrection(
        `printed total ${s.total.printed} but ${s.exp.column_name} + ${s.imp.column_name} = ${s.exp.printed} + ${s.imp.printed} = ${fmt(mid(sum), 6)} (${fmtRange(sum, 6)}); the difference is beyond rounding`,
        s.row,
        s.total.column_name,
      ),
    });
  }
  // the year before the table, implied by the first row's growth rates
  for (const s of componentSets) {
    const prevYear = s.total.year! - 1;
    if ([...rowsByKey.values()].some((l) => l.some((c) => c.year === prevYear && c.role === 'value')))
      continue;
    const g = (c: CellRecord) =>
      cells.find((x) => x.role === 'growth' && x.row_key === c.row_key && x.of_column === c.column_name);
    const gs = [g(s.total), g(s.exp), g(s.imp)];
    if (gs.some((x) => !x || x.value === null)) continue;
    const prior = (c: CellRecord, gc: CellRecord) =>
      div(cellIv(c, false), add(point(1), scaleBy(printedInterval(gc.value!, gc.decimals ?? 0), 0.01)));
    const t = prior(s.total, gs[0]!);
    const sum = add(prior(s.exp, gs[1]!), prior(s.imp, gs[2]!));
    checks++;
    if (overlaps(sum, t)) {
      passed++;
      continue;
    }
    findings.push({
      severity: 'warning',
      kind: 'components',
      row: s.row,
      column: gs[0]!.column_name,
      printed: gs[0]!.printed,
      expected: null,
      message: `the growth rates printed for ${s.row} imply ${prevYear} values that do not add up: exports ${fmtRange(prior(s.exp, gs[1]!))} + imports ${fmtRange(prior(s.imp, gs[2]!))} = ${fmtRange(sum)} against a total of ${fmtRange(t)}`,
    });
  }

  // ---------------------------------------------------------------- 3. shares
  const cross: CrossCheck[] = [];
  const shareCells = cells.filter((c) => c.role === 'share');
  const shareGroups = new Map<string, { col: string; den: FlowKey | null; cells: CellRecord[] }>();
  for (const s of shareCells) {
    const sc = spec.columns[s.column_name];
    if (sc?.role !== 'share') continue;
    const num = cellAt(s.row_key, s.of_column!);
    if (!num || num.value === null) continue;
    if (typeof sc.in === 'string') {
      // a share of another column of the table
      const den = cellAt(s.row_key, sc.in);
      if (s.value === null || !den || den.value === null) continue;
      checks++;
      const exp = scaleBy(div(cellIv(num), cellIv(den)), 100);
      const pr = printedInterval(s.value, s.decimals ?? 0);
      if (overlaps(exp, pr)) passed++;
      else
        findings.push({
          severity: shareSeverity(exp, s.printed),
          kind: 'share',
          row: s.row_key,
          column: s.column_name,
          printed: s.printed,
          expected: expectedOf(exp),
          message: withCorrection(
            `printed ${s.printed}% but ${num.printed} / ${den.printed} = ${fmt(mid(exp), 3)}% (${fmtRange(exp)}%)`,
            s.row_key,
            s.column_name,
          ),
        });
      continue;
    }
    const dk = denKeyOf(num, sc.in, spec)!;
    const gk = `${s.column_name}|${keyStr(dk)}`;
    if (!shareGroups.has(gk)) shareGroups.set(gk, { col: s.column_name, den: dk, cells: [] });
    shareGroups.get(gk)!.cells.push(s);
  }
  for (const group of shareGroups.values()) {
    const sc = spec.columns[group.col] as Extract<WideSpec['columns'][string], { role: 'share' }>;
    const label = (typeof sc.in !== 'string' && sc.in.label) || 'the total';
    const dk = group.den!;
    // the total from elsewhere: other sources, the text, or derived from them
    const external = (knownByKey.get(keyStr(dk)) ?? []).filter((k) => k.dep === 0);
    const printedShares = group.cells.filter((s) => s.value !== null);
    // the total the rows' own values and shares agree on (used when nothing else is known)
    const implied = printedShares.map((s) => {
      const num = cellAt(s.row_key, s.of_column!)!;
      return { s, num, den: div(cellIv(num), scaleBy(printedInterval(s.value!, s.decimals ?? 0), 0.01)) };
    });
    let consensus: Interval | null = null;
    if (external.length === 0 && implied.length >= 3) {
      consensus = largestCommon(implied.map((x) => x.den));
    }
    for (const x of implied) {
      const pr = printedInterval(x.s.value!, x.s.decimals ?? 0);
      if (external.length > 0) {
        for (const ext of external) {
          const numCur = x.num.currency ?? 'USD';
          const u = await usdFactor(numCur, x.num.year);
          if (!u || ext.currency !== 'USD') continue;
          cross.push({
            kind: 'share',
            row: x.s.row_key,
            column: x.s.column_name,
            printed: x.s.printed,
            dep: true,
            report: true,
            shareOf: (v) => scaleBy(div(scaleBy(v, (x.num.scale ?? 1) * u), ext.iv), 100),
            evaluate: (f) => {
              const exp = scaleBy(div(scaleBy(cellIv(x.num), u * f), ext.iv), 100);
              return {
                pass: overlaps(exp, pr),
                expected: exp,
                message: `printed ${x.s.printed}% but ${x.num.printed} (${scaleName((x.num.scale ?? 1) * f)}) is ${fmt(mid(exp), 3)}% (${fmtRange(exp)}%) of ${label}, ${fmtMoneyIv(ext.iv)} (${ext.how})`,
              };
            },
          });
        }
      } else if (consensus) {
        checks++;
        const exp = scaleBy(div(cellIv(x.num), consensus), 100);
        if (overlaps(exp, pr)) {
          passed++;
          continue;
        }
        findings.push({
          severity: shareSeverity(exp, x.s.printed),
          kind: 'share',
          row: x.s.row_key,
          column: x.s.column_name,
          printed: x.s.printed,
          expected: expectedOf(exp),
          message: withCorrection(
            `printed ${x.s.printed}% but ${x.num.printed} is ${fmt(mid(exp), 3)}% (${fmtRange(exp)}%) of ${label}, ${fmtRange(scaleBy(consensus, 1 / (x.num.scale ?? 1)))} (the total the other rows' values and shares agree on)`,
            x.s.row_key,
            x.s.column_name,
          ),
        });
      }
    }
    // shares of one total that add to more than 100%
    if (printedShares.length >= 2) {
      checks++;
      const sum = printedShares.reduce(
        (a, s) => add(a, printedInterval(s.value!, s.decimals ?? 0)),
        point(0),
      );
      const total = printedShares.reduce((a, s) => a + s.value!, 0);
      if (sum.lo > 100 + 1e-9)
        findings.push({
          severity: 'warning',
          kind: 'shares-over-100',
          row: null,
          column: group.col,
          printed: fmt(total, 6),
          expected: { value: 100, min: 0, max: 100 },
          message: `the ${printedShares.length} printed shares of ${label} add up to ${fmt(total, 6)}% (at least ${fmt(sum.lo, 6)}% at the bottom of their rounding): the categories overlap, or a share is wrong`,
        });
      else passed++;
    }
    // values that add up to more than the total
    const den = external.length > 0 ? external[0].iv : consensus;
    const denHow = external.length > 0 ? external[0].how : "the total the rows' values and shares agree on";
    if (den && group.cells.length >= 2) {
      const nums = group.cells.map((s) => cellAt(s.row_key, s.of_column!)!).filter((n) => n.value !== null);
      const u = await usdFactor(nums[0].currency, nums[0].year);
      const sumIv = nums.reduce((a, n) => add(a, cellIv(n)), point(0));
      const sumUsd = external.length > 0 && u ? scaleBy(sumIv, u) : sumIv;
      checks++;
      if (sumUsd.lo > den.hi * (1 + 1e-9)) {
        const scale = nums[0].scale ?? 1;
        findings.push({
          severity: 'warning',
          kind: 'parts-exceed-total',
          row: null,
          column: nums[0].column_name,
          printed: fmt(mid(scaleBy(sumIv, 1 / scale)), 6),
          expected: expectedOf(scaleBy(den, external.length > 0 && u ? 1 / (u * scale) : 1 / scale)),
          message: `the ${nums.length} values add up to ${fmt(mid(scaleBy(sumIv, 1 / scale)), 6)}, more than ${label} (${fmtRange(scaleBy(den, external.length > 0 && u ? 1 / (u * scale) : 1 / scale))}, ${denHow}): the categories overlap`,
        });
      } else passed++;
    }
  }

  // ---------------------------------------------------------------- 4. the running text
  const sameKey = (a: FlowKey, b: FlowKey) => keyStr(a) === keyStr(b);
  const myFacts = facts.filter((f) => f.source_id === sourceId);
  const otherFacts = facts.filter((f) => f.source_id !== sourceId);
  for (const f of [...myFacts, ...otherFacts]) {
    const mine = f.source_id === sourceId;
    if (f.value === null) continue;
    const fid = `${f.source_id}/${f.fact_id}`;
    const claimIv = factIv(f);
    const col = `text:${f.fact_id}`;
    if (f.kind === 'value' && f.year !== null) {
      const k = factKey(f, f.year);
      const u = await usdFactor(f.currency, f.year);
      if (!u) continue;
      const cIv = scaleBy(claimIv, u);
      const candidates = (knownByKey.get(keyStr(k)) ?? []).filter(
        (x) => !x.facts.includes(fid) && x.currency === 'USD' && (mine || x.dep === 1),
      );
      // prefer the table's own cell; else everything that tells the same value
      const cell = candidates.find((x) => x.cell);
      for (const x of cell ? [cell] : candidates) {
        const row = x.cell ? x.cell.row_key : String(f.year);
        const column = x.cell ? x.cell.column_name : col;
        cross.push({
          kind: 'text',
          row,
          column,
          printed: x.cell ? x.cell.printed : f.printed,
          dep: x.dep === 1,
          report: mine,
          evaluate: (fac) => {
            const v = at(x.iv, x, fac);
            const pass =
              f.comparison === 'at-least'
                ? v.hi >= cIv.lo
                : f.comparison === 'at-most'
                  ? v.lo <= cIv.hi
                  : overlaps(v, cIv);
            let message = `${factLabel(f)} gives ${f.comparison === 'about' ? '' : `${f.comparison} `}${fmtMoney(mid(printedInterval(f.value!, f.decimals ?? 0, (f.scale ?? 1) * u)))}, ${x.cell ? `the table ${fmtMoney(mid(v))}` : `against ${fmtMoneyIv(v)} (${x.how})`}`;
            if (!pass && f.comparison === 'about') {
              const r = mid(cIv) / mid(v);
              const n = Math.round(Math.log10(r));
              if (n !== 0 && Math.abs(Math.log10(r) - n) < 0.02)
                message += `: a factor of ${fmt(10 ** n)} (a decimal-point slip in ${x.cell ? 'the text or the table' : 'one of them'})`;
            }
            return {
              pass,
              expected: x.cell ? scaleBy(cIv, 1 / (u * (x.cell.scale ?? 1) * fac)) : cIv,
              message,
            };
          },
        });
      }
    } else if (f.kind === 'growth' && f.year !== null && !f.of_quantity) {
      const k = factKey(f, f.year);
      const gcell = cells.find((c) => {
        if (c.role !== 'growth') return false;
        const v = cellAt(c.row_key, c.of_column!);
        return !!v && v.value !== null && sameKey(cellKey(v), k);
      });
      if (gcell && gcell.value !== null && mine) {
        checks++;
        const pr = printedInterval(gcell.value, gcell.decimals ?? 0);
        if (overlaps(pr, claimIv)) passed++;
        else
          findings.push({
            severity: 'warning',
            kind: 'text',
            row: gcell.row_key,
            column: gcell.column_name,
            printed: gcell.printed,
            expected: expectedOf(claimIv),
            message: `the table prints ${gcell.printed}% but ${factLabel(f)} says ${f.printed}%`,
          });
        continue;
      }
      // from two known values
      const curs = (knownByKey.get(keyStr(k)) ?? []).filter((x) => !x.facts.includes(fid));
      const prevs = (knownByKey.get(keyStr({ ...k, year: k.year - 1 })) ?? []).filter(
        (x) => !x.facts.includes(fid),
      );
      const pair = curs
        .flatMap((c) => prevs.map((p) => [c, p] as const))
        .find(([c, p]) => c.currency === p.currency && (mine || c.dep + p.dep === 1));
      if (pair) {
        const [c, p] = pair;
        cross.push({
          kind: 'text',
          row: String(f.year),
          column: col,
          printed: f.printed,
          dep: c.dep !== p.dep,
          report: mine,
          evaluate: (fac) => {
            const exp = growthPct(at(c.iv, c, fac), at(p.iv, p, fac));
            return {
              pass: overlaps(exp, claimIv),
              expected: exp,
              message: `${factLabel(f)} says ${f.printed}%; ${fmtMoneyIv(at(c.iv, c, fac))} (${c.how}) against ${fmtMoneyIv(at(p.iv, p, fac))} (${p.how}) is ${fmt(mid(exp), 3)}% (${fmtRange(exp)}%)`,
            };
          },
        });
      }
    } else if (f.kind === 'share') {
      const years =
        f.year !== null ? [f.year] : [...new Set(known.map((k) => k.key.year))].sort((a, b) => a - b);
      for (const y of years) {
        const k = factKey(f, y);
        const dk: FlowKey = {
          ...k,
          reporter: f.in_reporter_code ?? k.reporter,
          partner: f.in_partner_code ?? k.partner,
          flow: f.in_flow ?? k.flow,
          system: f.in_commodity_system ?? k.system,
          code: f.in_commodity_code ?? k.code,
        };
        const nums = (knownByKey.get(keyStr(k)) ?? []).filter((x) => !x.facts.includes(fid));
        const dens = (knownByKey.get(keyStr(dk)) ?? []).filter((x) => !x.facts.includes(fid));
        const pair = nums
          .flatMap((n) => dens.map((d) => [n, d] as const))
          .find(([n, d]) => n.currency === d.currency && (mine || n.dep + d.dep === 1));
        if (!pair) continue;
        const [n, d] = pair;
        cross.push({
          kind: 'text',
          row: String(y),
          column: col,
          printed: f.printed,
          dep: n.dep !== d.dep,
          report: mine,
          evaluate: (fac) => {
            const exp = scaleBy(div(at(n.iv, n, fac), at(d.iv, d, fac)), 100);
            const pass =
              f.comparison === 'at-least'
                ? exp.hi >= claimIv.lo
                : f.comparison === 'at-most'
                  ? exp.lo <= claimIv.hi
                  : overlaps(exp, claimIv);
            return {
              pass,
              expected: exp,
              message: `${factLabel(f)}: ${f.comparison === 'about' ? '' : `${f.comparison} `}${f.printed}%, but ${fmtMoneyIv(at(n.iv, n, fac))} (${n.how}) is ${fmt(mid(exp), 3)}% of ${fmtMoneyIv(at(d.iv, d, fac))} (${d.how}) in ${y}`,
            };
          },
        });
        if (f.year === null) break;
      }
    }
  }

  // ---------------------------------------------------------------- 5. parts and wholes
  const contains = (whole: string, part: string) =>
    whole === part || whole === 'WLD' || ancestors(part, parents).includes(whole);
  // one comparison per pair of keys, from the most direct evidence (a printed cell, then the text, then derived)
  const rank: Record<Known['origin'], number> = {
    cell: 0,
    store: 1,
    fact: 2,
    'implied-total': 3,
    'fact-growth': 4,
    'implied-prior': 9,
  };
  const pairs = new Map<string, { a: Known; b: Known; r: number }>();
  for (const a of known) {
    if (a.origin === 'implied-prior' || !Number.isFinite(a.iv.lo)) continue;
    for (const b of known) {
      if (a === b || a.dep + b.dep !== 1 || b.origin === 'implied-prior' || !Number.isFinite(b.iv.hi))
        continue;
      if (a.currency !== b.currency) continue;
      const ka = a.key;
      const kb = b.key;
      if (ka.year !== kb.year || ka.period !== kb.period || ka.month !== kb.month) continue;
      if (ka.flow !== kb.flow || ka.system !== kb.system || ka.code !== kb.code) continue;
      if (sameKey(ka, kb) || !contains(kb.reporter, ka.reporter) || !contains(kb.partner, ka.partner))
        continue;
      const id = `${keyStr(ka)}>${keyStr(kb)}`;
      const r = rank[a.origin] + rank[b.origin];
      if ((pairs.get(id)?.r ?? Infinity) > r) pairs.set(id, { a, b, r });
    }
  }
  for (const { a, b } of pairs.values()) {
    const mineCell = a.dep ? a : b;
    const ka = a.key;
    const kb = b.key;
    cross.push({
      kind: 'part-whole',
      row: mineCell.cell?.row_key ?? String(ka.year),
      column: mineCell.cell?.column_name ?? null,
      printed: mineCell.cell?.printed ?? null,
      dep: true,
      report: true,
      evaluate: (fac) => {
        const pa = at(a.iv, a, fac);
        const wb = at(b.iv, b, fac);
        return {
          pass: pa.lo <= wb.hi * (1 + 1e-9),
          expected: null,
          message: `${describeKey(ka)}, ${fmtMoneyIv(pa)} (${a.how}), exceeds ${describeKey(kb)}, ${fmtMoneyIv(wb)} (${b.how}), which contains it`,
        };
      },
    });
  }

  // ---------------------------------------------------------------- 6. the table's unit (scale)
  const depChecks = cross.filter((c) => c.dep);
  const atOne = depChecks.map((c) => c.evaluate(1).pass);
  const failing = atOne.filter((p) => !p).length;
  let factor = 1;
  let explained: Set<CrossCheck> = new Set();
  if (failing > 0) {
    let best = { n: 0, passes: atOne.filter(Boolean).length };
    for (const n of [-3, -2, -1, 1, 2, 3]) {
      const passes = depChecks.filter((c) => c.evaluate(10 ** n).pass).length;
      if (passes > best.passes || (passes === best.passes && best.n !== 0 && Math.abs(n) < Math.abs(best.n)))
        best = { n, passes };
    }
    const fixed = depChecks.filter((c, i) => !atOne[i] && c.evaluate(10 ** best.n).pass);
    if (best.n !== 0 && fixed.length >= 2) {
      factor = 10 ** best.n;
      explained = new Set(fixed);
      const scales = [...new Set(valueCells.map((c) => c.scale ?? 1))];
      const printedUnit = me.printed_unit ?? scaleName(scales[0]);
      const rescaled = correctedCells.find(
        (c) =>
          c.role === 'value' &&
          c.scale !== printedCells.find((p) => p.row_no === c.row_no && p.column_no === c.column_no)?.scale,
      );
      const fix =
        variant === 'as-printed' && rescaled
          ? ` (the spec corrects the unit to ${scaleName(rescaled.scale!)})`
          : '';
      findings.push({
        severity: 'error',
        kind: 'scale',
        row: null,
        column: [...new Set(valueCells.map((c) => c.column_name))].join(', '),
        printed: printedUnit,
        expected: { value: scales[0] * factor, min: scales[0] * factor, max: scales[0] * factor },
        message: `the unit "${printedUnit}" fails ${fixed.length} of the ${depChecks.length} comparisons with the text and other sources that depend on it; all ${fixed.length} hold with the values in ${scaleName(scales[0] * factor)} (×${fmt(factor)}), and ${best.passes} of ${depChecks.length} hold then${fix}`,
        details: fixed.map((c) => `${c.row ?? ''} ${c.column ?? ''}: ${c.evaluate(1).message}`.trim()),
      });
      findings.push({
        severity: 'info',
        kind: 'scale',
        row: null,
        column: null,
        printed: null,
        expected: null,
        message: `${fixed.length} comparisons that fail at "${printedUnit}" and hold at ×${fmt(factor)} are listed in the scale finding's details, not repeated here`,
      });
    }
  }
  for (const c of cross) {
    checks++;
    const r = c.evaluate(1);
    if (r.pass) {
      passed++;
      continue;
    }
    if (!c.report) continue;
    if (explained.has(c)) continue;
    const slip = c.kind === 'text' && /decimal-point slip/.test(r.message);
    const severity: Severity =
      c.kind === 'share'
        ? shareSeverity(r.expected, c.printed)
        : slip
          ? 'warning'
          : c.kind === 'part-whole'
            ? 'error'
            : 'warning';
    let message = r.message;
    if (factor !== 1 && c.dep) {
      const rf = c.evaluate(factor);
      if (!rf.pass && rf.expected)
        message += `; with the values in ${scaleName((valueCells[0]?.scale ?? 1) * factor)} it is still off: ${fmt(mid(rf.expected), 3)} (${fmtRange(rf.expected)})`;
    }
    // a text value against the table: does the table's own share say which is right?
    if (c.kind === 'text' && c.row !== null && c.column !== null && c.printed !== null && r.expected) {
      const share = cells.find((x) => x.row_key === c.row && x.role === 'share' && x.of_column === c.column);
      const shareCheck =
        share && cross.find((s) => s.kind === 'share' && s.row === c.row && s.column === share.column_name);
      const tableCell = cellAt(c.row, c.column);
      if (share && shareCheck?.shareOf && tableCell && share.value !== null) {
        const pr = printedInterval(share.value, share.decimals ?? 0);
        const byTable = overlaps(shareCheck.shareOf(cellIv(tableCell, false)), pr);
        const textShare = shareCheck.shareOf(r.expected);
        const byText = overlaps(textShare, pr);
        message +=
          byTable && !byText
            ? `; the table's own ${share.printed}% share fits ${c.printed}, not the text's figure (${fmt(mid(textShare), 2)}%)`
            : byText && !byTable
              ? `; the table's own ${share.printed}% share fits the text's figure, not ${c.printed}`
              : byTable
                ? `; the table's ${share.printed}% share fits both`
                : '';
      }
    }
    findings.push({
      severity,
      kind: c.kind,
      row: c.row,
      column: c.column,
      printed: c.printed,
      expected: expectedOf(r.expected),
      message: withCorrection(message, c.row, c.column),
    });
  }

  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return {
    source: sourceId,
    variant,
    findings,
    summary: {
      checks,
      passed,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

function shareSeverity(expected: Interval | null, printed: string | null): Severity {
  if (!expected || printed === null) return 'warning';
  const p = Number(printed);
  const diff = Math.abs(p - mid(expected));
  return diff > 2 || diff > 0.2 * Math.abs(mid(expected)) ? 'error' : 'warning';
}

/** The codes containing a region, nearest first (from the regions table, else the code's prefixes). */
function ancestors(code: string, parents: Map<string, string | null>): string[] {
  const out: string[] = [];
  let c: string | null | undefined = code;
  for (let i = 0; i < 8; i++) {
    c = parents.get(c!) ?? prefixParent(c!);
    if (!c || out.includes(c)) break;
    out.push(c);
  }
  return out;
}

function prefixParent(code: string): string | null {
  const m = /^(.*)-[^-]+$/.exec(code);
  if (m && /^[A-Z]{2}-/.test(code)) return m[1];
  return null;
}

function describeKey(k: FlowKey): string {
  const what = k.code === 'TOTAL' ? (k.flow === 'total' ? 'trade' : `${k.flow}s`) : `${k.flow}s of ${k.code}`;
  return `${k.reporter}'s ${what}${k.partner === 'WLD' ? '' : ` with ${k.partner}`} in ${k.year}`;
}

/**
 * A shifted decimal point that explains a printed number: "159" for 15.9
 * (a lost decimal point), or ×10^n. Returns the fitting text, or null.
 */
export function decimalSlip(
  value: number,
  decimals: number,
  expected: Interval,
): { text: string; what: string } | null {
  for (const n of [1, 2, -1]) {
    const v = value / 10 ** n;
    const d = Math.max(0, decimals + n);
    const iv = printedInterval(v, d);
    if (overlaps(iv, expected))
      return {
        text: v.toFixed(d),
        what: n > 0 ? 'a lost decimal point' : 'a decimal point one place too far left',
      };
  }
  return null;
}

/** The largest set of intervals with a common point: that common part (sweep over the endpoints). */
export function largestCommon(ivs: Interval[]): Interval | null {
  const ev: { x: number; open: boolean }[] = [];
  for (const iv of ivs) {
    if (!Number.isFinite(iv.lo) || !Number.isFinite(iv.hi)) continue;
    ev.push({ x: iv.lo, open: true }, { x: iv.hi, open: false });
  }
  ev.sort((a, b) => a.x - b.x || (a.open === b.open ? 0 : a.open ? -1 : 1));
  let depth = 0;
  let best = 0;
  let bestX = Number.NaN;
  for (const e of ev) {
    depth += e.open ? 1 : -1;
    if (e.open && depth > best) {
      best = depth;
      bestX = e.x;
    }
  }
  if (best < 2 || best <= ivs.length / 2) return null;
  const members = ivs.filter((iv) => iv.lo <= bestX && iv.hi >= bestX);
  return { lo: Math.max(...members.map((m) => m.lo)), hi: Math.min(...members.map((m) => m.hi)) };
}

// ---------------------------------------------------------------- annotated copies

const SEVERITY_LETTER: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };

/** One line per finding, as printed by `amur trade audit`. */
export function formatFinding(f: Finding): string {
  const where = [f.row ?? '(table)', f.column].filter(Boolean).join(' / ');
  return `${f.severity.padEnd(7)} ${f.kind.padEnd(18)} ${where}: ${f.message}`;
}

interface AnnotatedTable {
  header: string[];
  rows: { key: string; cells: { text: string; value: number | null; decimals: number | null }[] }[];
}

async function printedTable(store: Store, sourceId: string, variant: string): Promise<AnnotatedTable> {
  const cells = await store.query<CellRecord>(
    'SELECT * FROM printed_cells WHERE source_id = $1 AND variant = $2 ORDER BY row_no, column_no',
    [sourceId, variant],
  );
  const header: string[] = [];
  const rows = new Map<number, AnnotatedTable['rows'][number]>();
  for (const c of cells) {
    header[c.column_no - 1] = c.column_name;
    if (!rows.has(c.row_no)) rows.set(c.row_no, { key: c.row_key, cells: [] });
    rows.get(c.row_no)!.cells[c.column_no - 1] = {
      text: c.printed,
      value: ['value', 'growth', 'share', 'quantity', 'rank'].includes(c.role) ? c.value : null,
      decimals: c.decimals,
    };
  }
  return { header, rows: [...rows.values()] };
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes a copy of the audited table with its findings: CSV (an `audit` column,
 * and rows for whole-table findings at the end) or XLSX (cells coloured by
 * severity with the messages as notes, an `audit` column, and a `findings` sheet).
 */
export async function writeAnnotated(store: Store, result: AuditResult, file: string): Promise<void> {
  const table = await printedTable(store, result.source, result.variant);
  const byRow = new Map<string, Finding[]>();
  const tableWide: Finding[] = [];
  for (const f of result.findings) {
    if (f.row !== null && table.rows.some((r) => r.key === f.row)) {
      if (!byRow.has(f.row)) byRow.set(f.row, []);
      byRow.get(f.row)!.push(f);
    } else tableWide.push(f);
  }
  const note = (f: Finding) =>
    `${SEVERITY_LETTER[f.severity]} ${f.kind}${f.column && !f.column.includes(',') ? ` ${f.column}` : ''}${f.row && !table.rows.some((r) => r.key === f.row) ? ` (${f.row})` : ''}: ${f.message}`;
  if (/\.csv$/i.test(file)) {
    const { writeFileSync } = await import('node:fs');
    const lines = [[...table.header, 'audit'].map(csvCell).join(',')];
    for (const r of table.rows)
      lines.push(
        [...r.cells.map((c) => c?.text ?? ''), (byRow.get(r.key) ?? []).map(note).join(' | ')]
          .map(csvCell)
          .join(','),
      );
    for (const f of tableWide)
      lines.push(
        [...table.header.map((_, i) => (i === 0 ? '(whole table)' : '')), note(f)].map(csvCell).join(','),
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    return;
  }
  if (!/\.xlsx$/i.test(file))
    throw new AuditError(
      `${file}: the annotated copy is written as .csv or .xlsx (give --out annotated.csv or annotated.xlsx)`,
    );
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'amur trade audit';
  const ws = wb.addWorksheet('table');
  const fills: Record<Severity, string> = { error: 'FFF4B6B6', warning: 'FFFFE699', info: 'FFDDEBF7' };
  const head = ws.addRow([...table.header, 'audit']);
  head.font = { bold: true };
  for (const r of table.rows) {
    const fs = byRow.get(r.key) ?? [];
    const row = ws.addRow([
      ...r.cells.map((c) => (c?.value ?? c?.text ?? '') as string | number),
      fs.map(note).join('\n'),
    ]);
    r.cells.forEach((c, i) => {
      if (c?.value !== null && c?.value !== undefined && c.decimals !== null)
        row.getCell(i + 1).numFmt = c.decimals > 0 ? `0.${'0'.repeat(c.decimals)}` : '0';
      const here = fs.filter((f) => f.column === table.header[i]);
      if (here.length) {
        const worst = here.reduce(
          (a, f) => (order[f.severity] < order[a] ? f.severity : a),
          'info' as Severity,
        );
        row.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fills[worst] } };
        row.getCell(i + 1).note = here.map(note).join('\n');
      }
    });
  }
  for (const f of tableWide) {
    const row = ws.addRow([...table.header.map((_, i) => (i === 0 ? '(whole table)' : '')), note(f)]);
    row.getCell(table.header.length + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: fills[f.severity] },
    };
  }
  ws.getColumn(table.header.length + 1).width = 100;
  const fsheet = wb.addWorksheet('findings');
  fsheet.addRow(['severity', 'kind', 'row', 'column', 'printed', 'expected', 'min', 'max', 'message']).font =
    {
      bold: true,
    };
  for (const f of result.findings)
    fsheet.addRow([
      f.severity,
      f.kind,
      f.row,
      f.column,
      f.printed,
      f.expected?.value ?? null,
      f.expected?.min ?? null,
      f.expected?.max ?? null,
      f.message,
    ]);
  fsheet.getColumn(9).width = 120;
  await wb.xlsx.writeFile(file);
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
