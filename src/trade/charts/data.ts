/**
 * Chart specs from the store: the queries behind `amur trade chart`. Each
 * picks the flows (best variant of printed tables, values in US dollars),
 * names reporters and partners in the chosen language from the regions table,
 * and returns a `ChartSpec` for `chartOption`.
 *
 * - `line`, `bar`: one series per flow (and per partner or reporter when
 *   several are selected), total goods, over the years.
 * - `area`: exports and imports stacked over the years; where the selection has
 *   products over several years, the products of one flow.
 * - `treemap`: products of one flow in one year.
 * - `sankey`: imports by product → reporter → exports by product for one year;
 *   partners instead of products where the data is by partner.
 */

import { AmurError } from '../../errors.ts';
import { flowConditions, type IndicatorParams } from '../indicators/common.ts';
import { CIF_FOB_FACTOR, withFilledFlows } from '../mirror.ts';
import { sourceTitlesSql } from '../source-titles.ts';
import type { Store } from '../store.ts';
import { type Lang, t } from './labels.ts';
import type { ChartKind, ChartSpec, SeriesData } from './options.ts';

export interface ChartParams {
  source?: string[];
  reporter?: string[];
  partner?: string[];
  flow?: ('export' | 'import' | 'total' | 're-export' | 're-import')[];
  from?: number;
  to?: number;
  year?: number;
  variant?: IndicatorParams['variant'];
  lang?: Lang;
  /**
   * Where a reporter's own report is missing, its partners' reports stand in
   * (`withFilledFlows`, CIF/FOB-adjusted): each value says whether it is mirror
   * data (`SeriesData.mirror`, an item's or link's `mirror`), the chart draws
   * those values apart and its subtitle says how many there are (`spec.mirror`).
   */
  fillMirror?: boolean;
  /** with `fillMirror`: the CIF/FOB factor (default `CIF_FOB_FACTOR.factor`, IMF DOTS) */
  cifFob?: number;
}

/** The SQL of a group's mirror flag: true when any of its rows is mirror data (only on the filled series). */
const mirrorSql = (fill: boolean) => (fill ? `bool_or(fill = 'mirror')` : 'false');

export class ChartError extends AmurError {
  constructor(message: string) {
    super('input', message, { parameter: 'query' });
    this.name = 'ChartError';
  }
}

async function regionNames(store: Store, codes: string[], lang: Lang): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (codes.length === 0) return out;
  const rows = await store.query<{
    code: string;
    name_en: string | null;
    name_zh: string | null;
    name_ru: string | null;
  }>(`SELECT code, name_en, name_zh, name_ru FROM regions WHERE code IN (SELECT unnest($1::VARCHAR[]))`, [
    codes,
  ] as unknown as unknown[]);
  for (const r of rows)
    out.set(
      r.code,
      (lang === 'zh' ? r.name_zh : lang === 'ru' ? r.name_ru : r.name_en) ?? r.name_en ?? r.code,
    );
  for (const c of codes) if (!out.has(c)) out.set(c, c === 'WLD' ? t(lang, 'world') : c);
  if (codes.includes('WLD')) out.set('WLD', t(lang, 'world'));
  return out;
}

/**
 * The sources of a chart for its subtitle: in Chinese and Russian by their
 * titles in that language (`sources.titles`), in English, and where no
 * translation is stored, by their ids (the English subtitle as it has
 * always been; the web app writes the English title itself).
 */
async function sourceTitles(store: Store, ids: string[], lang: Lang): Promise<string> {
  if (ids.length === 0) return '';
  const rows = await store.query<{ id: string; title: string; titles: string | null }>(
    `SELECT id, title, ${await sourceTitlesSql(store)} AS titles FROM sources WHERE id IN (SELECT unnest($1::VARCHAR[])) ORDER BY id`,
    [ids] as unknown as unknown[],
  );
  // the title in the language, else as printed; two sources under one title are told apart by their ids
  const named = rows.map((r) => {
    const translated = lang === 'en' || r.titles === null ? undefined : JSON.parse(r.titles)[lang];
    return typeof translated === 'string' && translated ? translated : r.title || r.id;
  });
  const shared = (name: string) => named.filter((n) => n === name).length > 1;
  const withId = (n: string, id: string) => (lang === 'zh' ? `${n}（${id}）` : `${n} (${id})`);
  return named.map((n, i) => (shared(n) ? withId(n, rows[i].id) : n)).join(lang === 'zh' ? '；' : '; ');
}

function conditionsParams(p: ChartParams, kindNeedsYear: boolean): IndicatorParams {
  return {
    source: p.source,
    reporter: p.reporter,
    partner: p.partner,
    year: kindNeedsYear ? p.year : undefined,
    from: kindNeedsYear ? undefined : (p.from ?? p.year),
    to: kindNeedsYear ? undefined : (p.to ?? p.year),
    variant: p.variant,
  };
}

function noData(what: string, p: ChartParams): ChartError {
  const f = [
    p.source && `source ${p.source.join(', ')}`,
    p.reporter && `reporter ${p.reporter.join(', ')}`,
    p.partner && `partner ${p.partner.join(', ')}`,
    p.flow && `flow ${p.flow.join(', ')}`,
    p.year ?? (p.from || p.to ? `${p.from ?? '…'}–${p.to ?? '…'}` : undefined),
  ].filter(Boolean);
  return new ChartError(
    `nothing to draw: the chart needs ${what} (looked for ${f.join(', ') || 'anything'}; see \`amur trade query\`)`,
  );
}

/** Builds the spec of a chart from the store (on the filled series with `fillMirror`). */
export async function chartSpec(store: Store, kind: ChartKind, p: ChartParams = {}): Promise<ChartSpec> {
  if (p.cifFob !== undefined && !p.fillMirror)
    throw new ChartError('the CIF/FOB factor (cifFob) applies only with fillMirror');
  if (!p.fillMirror) return buildSpec(store, kind, p, false);
  const factor = p.cifFob ?? CIF_FOB_FACTOR.factor;
  const fill = { mark: 'estimated' as const, factor, reporters: p.reporter, partners: p.partner };
  const spec = await withFilledFlows(store, fill, () => buildSpec(store, kind, p, true));
  return withMirrorNote(spec, factor);
}

/** The spec with `mirror` (how many values are mirror data) and the subtitle line that says so. */
function withMirrorNote(spec: ChartSpec, factor: number): ChartSpec {
  const flags =
    spec.kind === 'treemap'
      ? spec.items.map((i) => i.mirror === true)
      : spec.kind === 'sankey'
        ? spec.links.map((l) => l.mirror === true)
        : spec.series.flatMap((s) =>
            s.values.flatMap((v, i) => (v === null ? [] : [s.mirror?.[i] === true])),
          );
  const lang = spec.lang;
  const factorSource = t(lang, factor === CIF_FOB_FACTOR.factor ? 'chart.mirrorImf' : 'chart.mirrorGiven');
  const mirror = { values: flags.filter(Boolean).length, of: flags.length, factor, factorSource };
  const line = t(lang, 'chart.mirror', {
    n: mirror.values,
    m: mirror.of,
    mark: t(lang, `mirrorMark.${spec.kind}`),
    factor: lang === 'ru' ? String(factor).replace('.', ',') : String(factor),
    source: factorSource,
  });
  return { ...spec, subtitle: [spec.subtitle, line].filter(Boolean).join('\n'), mirror } as ChartSpec;
}

async function buildSpec(store: Store, kind: ChartKind, p: ChartParams, fill: boolean): Promise<ChartSpec> {
  const lang = p.lang ?? 'en';
  if (kind === 'treemap' || kind === 'sankey') return structureSpec(store, kind, p, lang, fill);
  const cond = await flowConditions(store, conditionsParams(p, false), {});
  const flows = p.flow?.length ? p.flow : null;
  const totals = await store.query<SeriesRow>(
    `SELECT source_id, reporter_code, partner_code, flow, year, sum(value_usd) AS v, ${mirrorSql(fill)} AS mirror FROM flows
      WHERE ${cond.join(' AND ')} AND commodity_code = 'TOTAL'${flows ? ` AND flow IN (${flows.map((f) => `'${f}'`).join(', ')})` : ''}
      GROUP BY ALL ORDER BY year`,
  );
  if (kind === 'area' && totals.some((r) => r.flow === 'export') && totals.some((r) => r.flow === 'import'))
    return seriesSpec(
      store,
      'area',
      totals.filter((r) => r.flow === 'export' || r.flow === 'import'),
      p,
      lang,
      false,
      fill,
    );
  if (kind === 'area') {
    // products of one flow over the years
    const prod = await store.query<{
      source_id: string;
      reporter_code: string;
      partner_code: string;
      flow: string;
      year: number;
      label: string;
      v: number;
      mirror: boolean;
    }>(
      `SELECT source_id, reporter_code, partner_code, flow, year, coalesce(any_value(commodity_label), commodity_code) AS label, sum(value_usd) AS v, ${mirrorSql(fill)} AS mirror
         FROM flows WHERE ${cond.join(' AND ')} AND commodity_code <> 'TOTAL'${flows ? ` AND flow = '${flows[0]}'` : ''}
        GROUP BY source_id, reporter_code, partner_code, flow, year, commodity_code ORDER BY year`,
    );
    if (new Set(prod.map((r) => r.year)).size < 2)
      throw noData('exports and imports, or products, over two years or more', p);
    return seriesSpec(
      store,
      'area',
      prod.map((r) => ({ ...r, flow: r.label })),
      p,
      lang,
      true,
      fill,
    );
  }
  if (totals.length === 0) throw noData('total trade values (commodity TOTAL) over the years', p);
  return seriesSpec(store, kind, totals, p, lang, false, fill);
}

type SeriesRow = {
  source_id: string;
  reporter_code: string;
  partner_code: string;
  flow: string;
  year: number;
  v: number;
  mirror: boolean;
};

/**
 * Mirror rows keep their own source's id; a filled series is one line, so a
 * mirror row joins the series of the reporter's own rows of the same flow,
 * reporter and partner when they come from one source (the id it is keyed by).
 */
function joinMirrorRows(rows: SeriesRow[]): SeriesRow[] {
  const own = new Map<string, Set<string>>();
  const at = (r: SeriesRow) => [r.flow, r.reporter_code, r.partner_code].join('|');
  for (const r of rows) if (!r.mirror) own.set(at(r), (own.get(at(r)) ?? new Set()).add(r.source_id));
  return rows.map((r) => {
    const ids = own.get(at(r));
    return r.mirror && ids?.size === 1 ? { ...r, source_id: [...ids][0] } : r;
  });
}

async function seriesSpec(
  store: Store,
  kind: 'line' | 'bar' | 'area',
  rowsIn: SeriesRow[],
  p: ChartParams,
  lang: Lang,
  byProduct: boolean,
  fill: boolean,
): Promise<ChartSpec> {
  const rows = fill ? joinMirrorRows(rowsIn) : rowsIn;
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const reporters = [...new Set(rows.map((r) => r.reporter_code))];
  const partners = [...new Set(rows.map((r) => r.partner_code))];
  const sources = [...new Set(rows.map((r) => r.source_id))];
  const usedSources = [...new Set(rowsIn.map((r) => r.source_id))];
  const names = await regionNames(store, [...reporters, ...partners], lang);
  const key = (r: (typeof rows)[number]) => [r.flow, r.reporter_code, r.partner_code, r.source_id].join('|');
  const series = new Map<string, SeriesData>();
  for (const r of rows) {
    const k = key(r);
    if (!series.has(k)) {
      const parts = [byProduct ? r.flow : t(lang, `flow.${r.flow}`)];
      if (reporters.length > 1) parts.push(names.get(r.reporter_code)!);
      if (partners.length > 1) parts.push(names.get(r.partner_code)!);
      if (
        sources.length > 1 &&
        (reporters.length > 1 ||
          partners.length > 1 ||
          rows.some(
            (x) =>
              x !== r &&
              key(x) !== k &&
              x.flow === r.flow &&
              x.reporter_code === r.reporter_code &&
              x.partner_code === r.partner_code,
          ))
      )
        parts.push(`[${r.source_id}]`);
      const values = years.map(() => null);
      series.set(
        k,
        fill
          ? { name: parts.join(' · '), values, mirror: years.map(() => false) }
          : { name: parts.join(' · '), values },
      );
    }
    const s = series.get(k)!;
    const i = years.indexOf(r.year);
    s.values[i] = (s.values[i] ?? 0) + r.v;
    if (s.mirror && r.mirror) s.mirror[i] = true;
  }
  const from = years[0];
  const to = years[years.length - 1];
  const reporterName = reporters.map((c) => names.get(c)).join(', ');
  const partnerName = partners.map((c) => names.get(c)).join(', ');
  const title =
    kind === 'area' && byProduct
      ? t(lang, 'chart.composition', {
          reporter: reporterName,
          flow: t(lang, `flow.${p.flow?.[0] ?? rows[0].flow}`),
          by: t(lang, 'chart.product'),
          from,
          to,
        })
      : from === to
        ? t(lang, 'chart.seriesOne', { reporter: reporterName, partner: partnerName, year: from })
        : partners.length === 1 && partners[0] === 'WLD'
          ? t(lang, 'chart.seriesWorld', { reporter: reporterName, from, to })
          : t(lang, 'chart.series', { reporter: reporterName, partner: partnerName, from, to });
  return {
    kind,
    lang,
    title,
    subtitle: t(lang, 'source', { source: await sourceTitles(store, usedSources, lang) }),
    categories: years.map(String),
    series: [...series.entries()]
      .sort(
        ([a], [b]) =>
          FLOW_ORDER.indexOf(a.split('|')[0]) - FLOW_ORDER.indexOf(b.split('|')[0]) || a.localeCompare(b),
      )
      .map(([, s]) => s),
  };
}

const FLOW_ORDER = ['total', 'export', 'import', 're-export', 're-import'];

async function structureSpec(
  store: Store,
  kind: 'treemap' | 'sankey',
  p: ChartParams,
  lang: Lang,
  fill: boolean,
): Promise<ChartSpec> {
  const cond = await flowConditions(store, conditionsParams(p, true), {});
  // the year: as asked, else the latest with products
  const flows = p.flow?.length ? p.flow : kind === 'treemap' ? null : ['export', 'import'];
  const flowCond = flows ? ` AND flow IN (${flows.map((f) => `'${f}'`).join(', ')})` : '';
  const rows = await store.query<{
    source_id: string;
    reporter_code: string;
    partner_code: string;
    flow: string;
    year: number;
    code: string;
    label: string;
    v: number;
    mirror: boolean;
  }>(
    `WITH f AS (SELECT * FROM flows WHERE ${cond.join(' AND ')}${flowCond}),
     y AS (SELECT max(year) AS y FROM f WHERE commodity_code <> 'TOTAL' OR partner_code <> 'WLD')
     SELECT source_id, reporter_code, partner_code, flow, year, commodity_code AS code,
            coalesce(any_value(commodity_label), commodity_code) AS label, sum(value_usd) AS v,
            ${mirrorSql(fill)} AS mirror
       FROM f WHERE year = (SELECT y FROM y) GROUP BY source_id, reporter_code, partner_code, flow, year, commodity_code
      ORDER BY v DESC`,
  );
  const products = rows.filter((r) => r.code !== 'TOTAL' && r.v > 0);
  const byPartner = products.length === 0;
  const parts = byPartner
    ? rows.filter((r) => r.partner_code !== 'WLD' && r.code === 'TOTAL' && r.v > 0)
    : products;
  if (parts.length === 0) throw noData('one year of flows by product or by partner', p);
  const year = parts[0].year;
  const reporters = [...new Set(parts.map((r) => r.reporter_code))];
  const names = await regionNames(store, [...reporters, ...new Set(parts.map((r) => r.partner_code))], lang);
  const reporterName = reporters.map((c) => names.get(c)).join(', ');
  const subtitle = t(lang, 'source', {
    source: await sourceTitles(store, [...new Set(parts.map((r) => r.source_id))], lang),
  });
  const label = (r: (typeof parts)[number]) => (byPartner ? names.get(r.partner_code)! : r.label);
  if (kind === 'treemap') {
    const flow = p.flow?.[0] ?? parts[0].flow;
    const items = new Map<string, number>();
    const mirrored = new Set<string>();
    for (const r of parts.filter((x) => x.flow === flow)) {
      items.set(label(r), (items.get(label(r)) ?? 0) + r.v);
      if (r.mirror) mirrored.add(label(r));
    }
    return {
      kind,
      lang,
      title: byPartner
        ? t(lang, 'chart.sankeyPartners', { reporter: reporterName, year })
        : t(lang, 'chart.structure', { reporter: reporterName, flow: t(lang, `flow.${flow}`), year }),
      subtitle,
      items: [...items].map(([name, value]) =>
        fill ? { name, value, mirror: mirrored.has(name) } : { name, value },
      ),
    };
  }
  // sankey: imports (left) → reporter (middle) → exports (right); node names must be unique
  const nodes = new Map<string, { name: string }>();
  const links: { source: string; target: string; value: number; mirror?: boolean }[] = [];
  const flag = (r: (typeof parts)[number]) => (fill ? { mirror: r.mirror } : {});
  const node = (name: string) => {
    if (!nodes.has(name)) nodes.set(name, { name });
    return name;
  };
  for (const r of parts) {
    const rep = node(names.get(r.reporter_code)!);
    if (r.flow === 'import')
      links.push({
        source: node(`${label(r)} (${t(lang, 'flow.import')})`),
        target: rep,
        value: r.v,
        ...flag(r),
      });
    else if (r.flow === 'export')
      links.push({
        source: rep,
        target: node(`${label(r)} (${t(lang, 'flow.export')})`),
        value: r.v,
        ...flag(r),
      });
  }
  if (links.length === 0) throw noData('exports or imports by product or partner in one year', p);
  return {
    kind,
    lang,
    title: byPartner
      ? t(lang, 'chart.sankeyPartners', { reporter: reporterName, year })
      : t(lang, 'chart.sankey', { reporter: reporterName, year }),
    subtitle,
    nodes: [...nodes.values()],
    links,
  };
}
