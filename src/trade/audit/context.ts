/**
 * What an audit knows, loaded once into one object the rules read: the
 * audited table's cells (indexed by row and by flow), the other tables'
 * cells, the text facts, the specs, the region hierarchy, exchange rates, and
 * every value known from anywhere (`known`, built by `knowledge.ts`).
 */

import {
  type PrintedCell,
  readPrintedCells,
  readTextFacts,
  readWideTables,
  type WideTable,
} from '../printed-table.ts';
import type { Commodity, Place, TotalRef, WideSpec } from '../spec.ts';
import type { Store } from '../store.ts';
import { evidence } from './evidence-texts.ts';
import { AuditError } from './findings.ts';
import { type FlowKey, keyStr } from './flow-key.ts';
import { printedInterval, scaleBy } from './interval.ts';
import { knownValues } from './knowledge.ts';
import type { AuditContext, Variant } from './model.ts';
import { type Said, said } from './texts.ts';

/** Loads what the audit of `sourceId` needs. Throws `AuditError` when the source is unknown or has no spec. */
export async function loadAuditContext(
  store: Store,
  sourceId: string,
  variant: Variant,
): Promise<AuditContext> {
  const wide = await readWideTables(store);
  const table = await auditedTable(store, wide, sourceId, variant);
  const specs = new Map<string, WideSpec>();
  for (const r of await store.query<{ id: string; spec: string | object }>(
    "SELECT id, spec FROM sources WHERE importer = 'wide' OR id = $1",
    [sourceId],
  ))
    specs.set(r.id, (typeof r.spec === 'string' ? JSON.parse(r.spec) : r.spec) as WideSpec);
  const titles = new Map(
    (await store.query<{ id: string; title: string }>('SELECT id, title FROM sources')).map((r) => [
      r.id,
      r.title,
    ]),
  );
  const allCells = await readPrintedCells(store);
  const corrected = new Set(wide.filter((w) => w.has_corrections).map((w) => w.source_id));
  const parents = new Map(
    (await store.query<{ code: string; parent: string | null }>('SELECT code, parent FROM regions')).map(
      (r) => [r.code, r.parent],
    ),
  );
  const ctx = indexTable({
    store,
    sourceId,
    variant,
    table,
    spec: specs.get(sourceId)!,
    specs,
    titles,
    cells: allCells.filter((c) => c.source_id === sourceId && c.variant === variant),
    printedCells: allCells.filter((c) => c.source_id === sourceId && c.variant === 'as-printed'),
    correctedCells: allCells.filter((c) => c.source_id === sourceId && c.variant === 'as-corrected'),
    otherCells: allCells.filter(
      (c) =>
        c.source_id !== sourceId &&
        (corrected.has(c.source_id) ? c.variant === 'as-corrected' : c.variant === 'as-printed'),
    ),
    facts: await readTextFacts(store),
    parents,
    usdFactor: usdFactorOf(store),
  });
  ctx.known.push(...(await knownValues(ctx)));
  for (const k of ctx.known) {
    const s = keyStr(k.key);
    if (!ctx.knownByKey.has(s)) ctx.knownByKey.set(s, []);
    ctx.knownByKey.get(s)!.push(k);
  }
  return ctx;
}

async function auditedTable(
  store: Store,
  wide: WideTable[],
  sourceId: string,
  variant: Variant,
): Promise<WideTable> {
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
  return me;
}

function usdFactorOf(store: Store): AuditContext['usdFactor'] {
  const rateCache = new Map<string, number | null>();
  return async (currency, year) => {
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
}

type Loaded = Pick<
  AuditContext,
  | 'store'
  | 'sourceId'
  | 'variant'
  | 'table'
  | 'spec'
  | 'specs'
  | 'titles'
  | 'cells'
  | 'printedCells'
  | 'correctedCells'
  | 'otherCells'
  | 'facts'
  | 'parents'
  | 'usdFactor'
>;

/** The indexes and small helpers over the loaded tables. */
function indexTable(loaded: Loaded): AuditContext {
  const { sourceId, variant, cells, printedCells, correctedCells } = loaded;
  const rowsByKey = new Map<string, PrintedCell[]>();
  for (const c of cells) {
    if (!rowsByKey.has(c.row_key)) rowsByKey.set(c.row_key, []);
    rowsByKey.get(c.row_key)!.push(c);
  }
  const cellKey = (c: PrintedCell): FlowKey => ({
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
  const valueByKey = new Map<string, PrintedCell>();
  for (const c of valueCells) valueByKey.set(keyStr(cellKey(c)), c);
  const sourceName = (id: string) =>
    id === sourceId ? evidence('source.this') : evidence('source.other', { id });
  const correction = (row: string | null, column: string | null): Said[] => {
    if (variant !== 'as-printed' || row === null || column === null) return [];
    const p = printedCells.find((c) => c.row_key === row && c.column_name === column);
    const c = correctedCells.find((x) => x.row_key === row && x.column_name === column);
    if (!p || !c || p.printed === c.printed) return [];
    return [said('clause.spec-corrects', { corrected: c.printed })];
  };
  return {
    ...loaded,
    rowsByKey,
    valueCells,
    valueByKey,
    known: [],
    knownByKey: new Map(),
    sourceName,
    cellAt: (rowKey, column) => rowsByKey.get(rowKey)?.find((c) => c.column_name === column),
    cellKey,
    cellIv: (c, withScale = true) =>
      printedInterval(c.value!, c.decimals ?? 0, withScale ? (c.scale ?? 1) : 1),
    correction,
    denKeyOf: (c, ref, srcSpec) => denominatorKey(cellKey(c), ref, srcSpec),
    factKey: (f, year) => ({
      reporter: f.reporter_code,
      partner: f.partner_code,
      year,
      flow: f.flow,
      system: f.commodity_system,
      code: f.commodity_code,
      period: f.period_kind,
      month: f.month,
    }),
    factIv: (f) => {
      const iv = printedInterval(f.value!, f.decimals ?? 0, f.kind === 'value' ? (f.scale ?? 1) : 1);
      if (f.comparison === 'at-least') return { lo: iv.lo, hi: Infinity };
      if (f.comparison === 'at-most') return { lo: f.kind === 'value' ? 0 : -Infinity, hi: iv.hi };
      return iv;
    },
    factLabel: (f) => {
      const cite = f.cite ? f.cite.split(',')[0] : null;
      const own = f.source_id === sourceId;
      const params = { fact: f.fact_id, cite, source: own ? null : sourceName(f.source_id) };
      return evidence(
        own ? (cite ? 'fact.text-cite' : 'fact.text') : cite ? 'fact.other-cite' : 'fact.other',
        params,
      );
    },
    at: (iv, k, f) => (k.dep ? scaleBy(iv, f) : iv),
  };
}

/** The key of the total a share refers to: another column of the spec, or a total described in the spec. */
function denominatorKey(base: FlowKey, ref: TotalRef | string, srcSpec: WideSpec): FlowKey | null {
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
}
