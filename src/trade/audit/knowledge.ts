/**
 * Every value the audit knows, from anywhere: the audited table's cells (and
 * the previous years its growth rates imply, the totals its shares imply),
 * the other wide tables, the text facts (and the values a stated growth
 * carries one year on), and the other sources in the store for the places,
 * years and goods in play.
 */

import type { PrintedCell, TextFact } from '../printed-table.ts';
import { type Evidence, evidence } from './evidence-texts.ts';
import { ancestors, type FlowKey, keyStr } from './flow-key.ts';
import { add, div, type Interval, largestCommon, mul, point, printedInterval, scaleBy } from './interval.ts';
import type { AuditContext, Known } from './model.ts';

/** What the store knows, with the audited table's values marked `dep: 1`. */
export async function knownValues(ctx: AuditContext): Promise<Known[]> {
  const known = await knownFromCells(ctx, ctx.cells, ctx.sourceId, 1);
  const otherBySource = new Map<string, PrintedCell[]>();
  for (const c of ctx.otherCells) {
    if (!otherBySource.has(c.source_id)) otherBySource.set(c.source_id, []);
    otherBySource.get(c.source_id)!.push(c);
  }
  for (const [src, list] of otherBySource) known.push(...(await knownFromCells(ctx, list, src, 0)));
  known.push(...(await knownFromFacts(ctx, known)));
  known.push(...(await knownFromStore(ctx, known)));
  return known;
}

/** Values of one wide table: its cells, the previous years its growth rates imply, the totals its shares imply. */
async function knownFromCells(
  ctx: AuditContext,
  list: PrintedCell[],
  src: string,
  dep: 0 | 1,
): Promise<Known[]> {
  const { specs, usdFactor, sourceName, cellKey, cellIv, denKeyOf } = ctx;
  const known: Known[] = [];
  const srcSpec = specs.get(src);
  const byRow = new Map<string, PrintedCell[]>();
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
      how: evidence('how.cell', {
        source: sourceName(src),
        row: c.row_key,
        column: c.column_name,
        printed: c.printed,
      }),
      source: src,
      cell: dep ? c : undefined,
      facts: [],
      origin: 'cell',
    });
    const rowCells = byRow.get(c.row_key) ?? [];
    // the previous year implied by a printed growth rate, when the table does not have it
    const g = rowCells.find((x) => x.role === 'growth' && x.of_column === c.column_name && x.value !== null);
    const prevKey = { ...k, year: k.year - 1 };
    if (g && !byKey.has(keyStr(prevKey))) {
      const gIv = printedInterval(g.value!, g.decimals ?? 0);
      const prev = div(iv, add(point(1), scaleBy(gIv, 0.01)));
      known.push({
        key: prevKey,
        iv: f ? scaleBy(prev, f) : prev,
        currency: f ? 'USD' : c.currency!,
        dep,
        how: evidence('how.implied-growth', {
          source: sourceName(src),
          row: c.row_key,
          column: c.column_name,
          printed: c.printed,
          growth: g.printed,
        }),
        source: src,
        facts: [],
        origin: 'implied-prior',
      });
    }
  }
  // totals implied by printed shares of totals outside the table: one per (share column, total);
  // where several rows share one total (a table of categories), the total most of them agree on
  if (!srcSpec) return known;
  const groups = new Map<
    string,
    { key: FlowKey; col: string; items: { iv: Interval; how: Evidence }[]; f: number | null; cur: string }
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
      how: evidence('how.at-share', {
        row: c.row_key,
        column: c.column_name,
        printed: c.printed,
        share: s.printed,
        shareColumn: s.column_name,
      }),
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
      how: one
        ? evidence('how.implied', { source: sourceName(src), how: g.items[0].how })
        : evidence('how.implied-rows', { source: sourceName(src), column: g.col }),
      source: src,
      facts: [],
      origin: 'implied-total',
    });
  }
  return known;
}

/** Values stated in the texts, and the values a stated growth carries one year on. */
async function knownFromFacts(ctx: AuditContext, before: Known[]): Promise<Known[]> {
  const { facts, usdFactor, sourceId, sourceName, factKey, factIv } = ctx;
  // a fact by its text and id, without its citation
  const textOf = (f: TextFact): Evidence =>
    f.source_id === sourceId
      ? evidence('fact.text', { fact: f.fact_id })
      : evidence('fact.other', { source: sourceName(f.source_id), fact: f.fact_id });
  const known: Known[] = [];
  for (const f of facts.filter(
    (x) =>
      x.kind === 'value' &&
      x.value !== null &&
      x.year !== null &&
      x.to_year === null &&
      x.trade_mode === null,
  )) {
    const u = await usdFactor(f.currency, f.year);
    const iv = factIv(f);
    known.push({
      key: factKey(f, f.year!),
      iv: u ? scaleBy(iv, u) : iv,
      currency: u ? 'USD' : f.currency!,
      dep: 0,
      how: f.cite ? evidence('fact.cite', { cite: f.cite.split(',')[0], fact: f.fact_id }) : textOf(f),
      source: f.source_id,
      facts: [`${f.source_id}/${f.fact_id}`],
      origin: 'fact',
    });
  }
  // a growth stated in the text carries a known value one year on (or back)
  const base = [...before, ...known];
  const grown: Known[] = [];
  for (const f of facts.filter(
    (x) =>
      x.kind === 'growth' && !x.of_quantity && x.value !== null && x.year !== null && x.trade_mode === null,
  )) {
    const g = add(point(1), scaleBy(factIv(f), 0.01));
    const cur = factKey(f, f.year!);
    const prev = { ...cur, year: cur.year - 1 };
    for (const k of base) {
      if (k.facts.includes(`${f.source_id}/${f.fact_id}`)) continue;
      if (keyStr(k.key) === keyStr(prev) && k.origin !== 'implied-prior')
        grown.push({
          ...k,
          key: cur,
          iv: mul(k.iv, g),
          how: evidence('how.then-growth', {
            how: k.how,
            growth: f.printed,
            year: cur.year,
            fact: textOf(f),
          }),
          facts: [...k.facts, `${f.source_id}/${f.fact_id}`],
          cell: undefined,
          origin: 'fact-growth',
        });
    }
  }
  return [...known, ...grown];
}

/** Values of the other (non-wide) sources for the reporters (and their ancestors), years and goods in play. */
async function knownFromStore(ctx: AuditContext, known: Known[]): Promise<Known[]> {
  const { titles, specs, parents, store, sourceName } = ctx;
  const out: Known[] = [];
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
        out.push({
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
          how: sourceName(r.source_id),
          source: r.source_id,
          facts: [],
          origin: 'store',
        });
    }
  }
  return out;
}
