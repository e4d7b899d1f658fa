/**
 * The trade dashboard: pick a source, reporter, partner, flow and period;
 * the chart is drawn with the library's own ECharts option builder
 * (`chartOption` from src/trade/charts, fed the spec the server computes from
 * the store); an indicator table; the audit's findings marked on the printed
 * table; downloads of the flows (CSV, XLSX) and of the chart (PNG, SVG).
 * The selection lives in the URL.
 */

import type { z } from 'zod';
import { notePieces } from '../../../src/i18n/indicator-notes.ts';
import { indicatorDefinition } from '../../../src/i18n/indicators.ts';
import { auditKindText, INDICATOR_FORMULAS, indicatorName } from '../../../src/i18n/messages.ts';
import type { MirrorUse } from '../../../src/server/routes/trade-mirror.ts';
import type {
  IndicatorResponse,
  TradeSource,
  TradeSourceDetail,
} from '../../../src/server/routes/trade-params.ts';
import { type EvidencePiece, evidencePieces, isEvidence } from '../../../src/trade/audit/evidence-texts.ts';
import {
  type FindingCode,
  type FindingParams,
  findingPieces,
  isFindingCode,
  type RegionNames,
  type Said,
} from '../../../src/trade/audit/texts.ts';
import type { ChartSpec } from '../../../src/trade/charts/options.ts';
import { chartOption } from '../../../src/trade/charts/options.ts';
import { ApiFailure, getJson, withQuery } from '../api.ts';
import { disposeCharts, mountChart } from '../charts.ts';
import { h, replace, uid } from '../dom.ts';
import type { Health } from '../health.ts';
import { fmtNumber, lang, t } from '../i18n.ts';
import { param, setParams } from '../state.ts';
import { errorBox, loadingLine } from '../ui.ts';
import type { ViewContext } from './overview.ts';

/** The API's answers, typed by the server's own schemas (type-only imports: nothing of the server is bundled). */
type SourceDetail = z.infer<typeof TradeSourceDetail>;
type NamedCode = SourceDetail['reporters'][number];
type IndicatorResult = z.infer<typeof IndicatorResponse>;
type Source = z.infer<typeof TradeSource>;

interface IndicatorInfo {
  name: string;
  title: string;
  definition: string;
  unit: string;
  needs: string;
  params: string[];
}

interface Finding {
  severity: 'error' | 'warning' | 'info';
  kind: string;
  row: string | null;
  column: string | null;
  printed: string | null;
  /** The English sentence; `code`, `params` and `clauses` say it in the reader's language (src/trade/audit/texts.ts). */
  message: string;
  code?: FindingCode;
  params?: FindingParams;
  clauses?: Said[];
  expected?: { value: number } | null;
  /** The comparisons behind it (the scale finding's), each said by its code as a finding is. */
  details?: FindingDetail[];
}

interface FindingDetail {
  row: string | null;
  column: string | null;
  message: string;
  code?: FindingCode;
  params?: FindingParams;
  clauses?: Said[];
}

/**
 * A formula or definition in pieces: its symbols (x_ik, v_last, world_totals)
 * marked as no language (`zxx`), the works it follows (WITS, UNCTAD, Balassa
 * 1965) as citations, the words between them in the app's language.
 */
function formulaPieces(text: string): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [];
  let last = 0;
  const re =
    /(?:--)?[A-Za-z][\w{}^−]*_[\w{}^−,]*[\w}]|\b[A-Z][A-Za-z]*[A-Z]+\b(?:\s+[A-Z][a-z]+)*(?:\s+\d{4})?|\b[A-Z][a-zü]+(?:\s+(?:&|and)\s+[A-Z][a-zü]+)?\s+\d{4}\b/g;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[0].includes('_') ? h('span', { lang: 'zxx' }, m[0]) : h('cite', null, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * An indicator's note in the app's language, by its code
 * (src/i18n/indicator-notes.ts): symbols and ids kept as written, marked as
 * no language; a note of a newer server without a template: its English.
 */
function noteItem(n: IndicatorResult['notes'][number]): HTMLElement {
  const pieces = notePieces(n, lang());
  if (!pieces) return h('li', { lang: 'en' }, n.message);
  return h(
    'li',
    { dataset: { code: n.code } },
    pieces.map((p) => (p.literal ? h('code', { lang: 'zxx' }, p.text) : p.text)),
  );
}

/** Pieces of the library's audit texts: words in the app's language, ids kept as written (no language), citations. */
const auditPieces = (pieces: EvidencePiece[]) =>
  pieces.map((p) =>
    p.kind === 'literal'
      ? h('span', { lang: 'zxx', class: 'literal' }, p.text)
      : p.kind === 'cite'
        ? h('cite', null, p.text)
        : p.text,
  );

/**
 * A finding's (or a detail's) sentence in the app's language, its evidence too (src/trade/audit/texts.ts,
 * evidence-texts.ts), regions by their names (`names`, from the audit).
 */
function findingSentence(f: Finding | FindingDetail, names?: RegionNames): HTMLElement {
  // a finding of a rule without texts (or of a newer server than this app): its English sentence
  if (!f.code || !isFindingCode(f.code) || !(f.clauses ?? []).every((c) => isFindingCode(c.code)))
    return h('span', { lang: 'en' }, f.message);
  const pieces = findingPieces({ code: f.code, params: f.params ?? {}, clauses: f.clauses }, lang(), names);
  return h('span', { class: 'finding-text', dataset: { code: f.code } }, auditPieces(pieces));
}

/** The comparisons behind a finding (the scale finding's), each where it is and what it says. */
function findingDetails(f: Finding, names?: RegionNames): HTMLElement | null {
  if (!f.details?.length) return null;
  return h(
    'ul',
    { class: 'finding-details' },
    f.details.map((d) =>
      h('li', null, d.row || d.column ? findingPlace(d.row, d.column) : '', ' — ', findingSentence(d, names)),
    ),
  );
}

const CHARTS = ['line', 'area', 'bar', 'treemap', 'sankey'] as const;
const FLOWS = ['export', 'import', 'total'] as const;

function regionName(r: NamedCode): string {
  return r.names[lang()] ?? r.names.en ?? r.code;
}

/** The selection in the URL. */
function selection() {
  return {
    source: param('src') ?? '',
    reporter: param('rep') ?? '',
    partner: param('par') ?? '',
    flow: param('flow') ?? '',
    from: param('from') ?? '',
    to: param('to') ?? '',
    chart: (CHARTS as readonly string[]).includes(param('chart') ?? '') ? param('chart')! : 'line',
    indicator: param('ind') ?? 'growth',
    variant: param('variant') ?? '',
    /** fill gaps with partners' reports (mirror data): `fillMirror=true` on the indicator */
    mirror: param('mirror') === '1',
  };
}

/** The variant a download and a chart use: the reader's choice, else the corrected table where there is one. */
function defaultVariant(variants: string[]): string {
  if (variants.includes('as-corrected')) return 'as-corrected';
  return variants[0] ?? '';
}

/**
 * Which indicators the chosen source can support, judged from what it holds
 * (years, flows, partners, products), with the reason in the reader's
 * language when it cannot.
 */
export function indicatorSupport(d: SourceDetail): Map<string, string | null> {
  const products = d.commodities.filter((c) => c.code !== 'TOTAL').length;
  const partners = d.partners.filter((p) => p.code !== 'WLD').length;
  const hasWorld = d.partners.some((p) => p.code === 'WLD') || d.reporters.some((r) => r.code === 'WLD');
  const both = d.flows.includes('export') && d.flows.includes('import');
  const years = d.years.length;
  const need = (ok: boolean, reason: string) => (ok ? null : t(`trade.needs.${reason}`));
  return new Map<string, string | null>([
    ['growth', need(years >= 2, 'years')],
    ['average-growth', need(years >= 2, 'years')],
    ['share', need(products >= 2 || partners >= 2 || d.reporters.length >= 2, 'breakdown')],
    ['balance', need(both, 'exportsImports')],
    ['dependence', need(hasWorld && partners >= 1, 'world')],
    ['hhi', need(products >= 2 || partners >= 2, 'breakdown')],
    ['diversification', need(products >= 2, 'products')],
    ['rca', need(products >= 2 && hasWorld, 'productsWorld')],
    ['specialisation', need(products >= 2 && hasWorld, 'productsWorld')],
    ['intensity', need(partners >= 2 && hasWorld, 'partnersWorld')],
    ['complementarity', need(products >= 2 && hasWorld, 'productsWorld')],
    ['grubel-lloyd', need(products >= 2 && both, 'productsBoth')],
    [
      'mirror',
      need(
        d.reporters.some((r) => d.partners.some((p) => p.code === r.code)),
        'mirror',
      ),
    ],
    ['eci', need(products >= 2 && d.reporters.length >= 2, 'countriesProducts')],
    ['pci', need(products >= 2 && d.reporters.length >= 2, 'countriesProducts')],
    ['unit-value', t('trade.needs.quantity')],
    ['value-volume', t('trade.needs.quantity')],
  ]);
}

export async function renderTrade(ctx: ViewContext, health: Health): Promise<void> {
  disposeCharts();
  if (!health.features.trade) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('trade.heading')),
      h('p', { class: 'notice' }, t('trade.unavailable')),
    );
    return;
  }
  replace(ctx.panel, h('h2', { class: 'view-heading' }, t('trade.heading')), loadingLine());
  const [sources, indicators] = await Promise.all([
    getJson<Source[]>('/api/trade/sources', { lang: lang() }),
    getJson<IndicatorInfo[]>('/api/trade/indicators'),
  ]);
  if (sources.length === 0) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('trade.heading')),
      h('p', { class: 'notice' }, t('trade.noRows')),
    );
    return;
  }
  let sel = selection();
  if (!sources.some((s) => s.id === sel.source)) {
    sel = { ...sel, source: sources[0].id };
    setParams({ src: sel.source });
  }
  const detail = await getJson<SourceDetail>(`/api/trade/sources/${encodeURIComponent(sel.source)}`, {
    lang: lang(),
  });

  const ids = {
    source: uid('src'),
    reporter: uid('rep'),
    partner: uid('par'),
    flow: uid('flow'),
    from: uid('from'),
    to: uid('to'),
    chart: uid('chart'),
    ind: uid('ind'),
    variant: uid('variant'),
    mirror: uid('mirror'),
  };
  const any = (value: string) => h('option', { value: '', selected: value === '' }, t('trade.any'));
  const sourceSel = h(
    'select',
    { id: ids.source, name: 'source' },
    // a source by its title in the page's language; the English one (marked so) where it has none
    sources.map((s) =>
      h('option', { value: s.id, selected: s.id === sel.source, lang: titleLangAttr(s) }, s.title),
    ),
  );
  const reporterSel = h(
    'select',
    { id: ids.reporter, name: 'reporter' },
    any(sel.reporter),
    detail.reporters.map((r) =>
      h('option', { value: r.code, selected: r.code === sel.reporter }, regionName(r)),
    ),
  );
  const partnerSel = h(
    'select',
    { id: ids.partner, name: 'partner' },
    any(sel.partner),
    detail.partners.map((r) =>
      h('option', { value: r.code, selected: r.code === sel.partner }, regionName(r)),
    ),
  );
  const flowSel = h(
    'select',
    { id: ids.flow, name: 'flow' },
    any(sel.flow),
    FLOWS.filter((f) => detail.flows.includes(f)).map((f) =>
      h('option', { value: f, selected: f === sel.flow }, t(`trade.flowKind.${f}`)),
    ),
  );
  const years = detail.years;
  const yearSel = (id: string, value: string) =>
    h(
      'select',
      { id },
      any(value),
      years.map((y) => h('option', { value: String(y), selected: String(y) === value }, String(y))),
    );
  const fromSel = yearSel(ids.from, sel.from);
  const toSel = yearSel(ids.to, sel.to);
  // a treemap or a flow diagram of one block says nothing: offered only where there are parts
  const parts = Math.max(
    detail.commodities.filter((c) => c.code !== 'TOTAL').length,
    detail.partners.filter((p) => p.code !== 'WLD').length,
  );
  const charts = CHARTS.filter((c) => (c === 'treemap' || c === 'sankey' ? parts >= 2 : true));
  if (!charts.includes(sel.chart as (typeof CHARTS)[number])) sel = { ...sel, chart: 'line' };
  const chartSel = h(
    'select',
    { id: ids.chart, name: 'chart' },
    charts.map((c) => h('option', { value: c, selected: c === sel.chart }, t(`trade.chartKind.${c}`))),
  );
  const support = indicatorSupport(detail);
  const supported = indicators.filter((d) => !support.get(d.name));
  if (!supported.some((d) => d.name === sel.indicator)) sel = { ...sel, indicator: supported[0]?.name ?? '' };
  const indSel = h(
    'select',
    { id: ids.ind, name: 'indicator' },
    indicators.map((d) => {
      const why = support.get(d.name);
      return h(
        'option',
        {
          value: d.name,
          selected: d.name === sel.indicator,
          disabled: Boolean(why),
          dataset: { supported: String(!why) },
        },
        why ? `${indicatorName(d.name, lang(), d.title)} — ${why}` : indicatorName(d.name, lang(), d.title),
      );
    }),
  );
  const variants = detail.variants;
  const variant = variants.includes(sel.variant) ? sel.variant : defaultVariant(variants);
  const variantSel = h(
    'select',
    { id: ids.variant, name: 'variant' },
    variants.map((v) => h('option', { value: v, selected: v === variant }, t(`trade.variantKind.${v}`))),
  );

  const mirrorBox = h('input', { id: ids.mirror, type: 'checkbox', name: 'fillMirror', checked: sel.mirror });

  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const form = h(
    'form',
    { class: 'trade-form' },
    h(
      'div',
      { class: 'form-grid trade-grid' },
      h('div', { class: 'wide' }, field(ids.source, t('trade.source'), sourceSel)),
      field(ids.reporter, t('trade.reporter'), reporterSel),
      field(ids.partner, t('trade.partner'), partnerSel),
      field(ids.flow, t('trade.flow'), flowSel),
      h(
        'div',
        { class: 'field' },
        h('span', { class: 'label', id: `${ids.from}-l` }, t('trade.period')),
        h('div', { class: 'period', role: 'group', 'aria-labelledby': `${ids.from}-l` }, fromSel, '–', toSel),
      ),
      field(ids.chart, t('trade.chart'), chartSel),
      field(ids.ind, t('trade.indicators'), indSel),
      variants.length > 1 ? field(ids.variant, t('trade.variant'), variantSel) : null,
      h('label', { class: 'layer-toggle wide', for: ids.mirror }, mirrorBox, t('trade.fillMirror')),
    ),
  );

  const chartBox = h('section', { class: 'trade-chart', 'aria-label': t('trade.chart') });
  const downloads = h('div', { class: 'downloads' });
  const downloadNote = h('p', { class: 'muted download-note' });
  const indicatorBox = h('section', { class: 'trade-indicator' });
  const auditBox = h('section', { class: 'trade-audit' });
  const source = detail.source;

  replace(
    ctx.panel,
    h('h2', { class: 'view-heading' }, t('trade.heading')),
    form,
    h(
      'p',
      { class: 'muted source-citation' },
      `${t('trade.source')}: `,
      // the title in the page's language, the one printed in the source (cited) on hover
      h(
        'cite',
        {
          lang: titleLangAttr(source),
          title: source.title === source.titleOriginal ? undefined : source.titleOriginal,
        },
        source.title,
      ),
    ),
    h('h3', null, t('trade.download')),
    downloads,
    downloadNote,
    chartBox,
    indicatorBox,
    auditBox,
  );

  const readForm = () => ({
    src: sourceSel.value,
    rep: reporterSel.value || undefined,
    par: partnerSel.value || undefined,
    flow: flowSel.value || undefined,
    from: fromSel.value || undefined,
    to: toSel.value || undefined,
    chart: chartSel.value === 'line' ? undefined : chartSel.value,
    ind: indSel.value === 'growth' ? undefined : indSel.value,
    variant: variantSel.value === defaultVariant(variants) ? undefined : variantSel.value,
    mirror: mirrorBox.checked ? '1' : undefined,
  });
  form.addEventListener('change', (e) => {
    const changedSource = e.target === sourceSel;
    setParams(
      changedSource
        ? {
            view: 'trade',
            src: sourceSel.value,
            rep: undefined,
            par: undefined,
            flow: undefined,
            from: undefined,
            to: undefined,
            variant: undefined,
            ind: undefined,
            chart: undefined,
            mirror: undefined,
          }
        : { view: 'trade', ...readForm() },
      true,
    );
    if (changedSource) void renderTrade(ctx, health);
    else void fill();
  });
  form.addEventListener('submit', (e) => e.preventDefault());

  const fill = async () => {
    disposeCharts();
    const s = selection();
    const filters = {
      source: s.source,
      reporter: s.reporter || undefined,
      partner: s.partner || undefined,
      flow: s.flow || undefined,
      from: s.from || undefined,
      to: s.to || undefined,
    };
    const yearFilter =
      s.from && s.to
        ? `${s.from}-${s.to}`
        : s.from && !s.to
          ? `${s.from}-${years.at(-1)}`
          : s.to
            ? `${years[0]}-${s.to}`
            : undefined;
    const v = variants.includes(s.variant) ? s.variant : defaultVariant(variants);
    // the mirror box fills the chart and the downloads too (mirror values drawn apart, a `fill` column in
    // the files), as it fills the indicator: for one reporter, partners' reports from their own sources
    const mirror = mirrorScope(s.mirror, filters.reporter, detail);
    const exportParams = {
      variant: v || undefined,
      source: s.source,
      reporter: filters.reporter,
      partner: filters.partner,
      flow: filters.flow,
      year: yearFilter,
      ...mirror,
    };
    const chartParams = { ...filters, variant: v || undefined, lang: lang(), ...mirror };
    replace(
      downloads,
      h('a', { href: withQuery('/api/trade/export/csv', exportParams), download: '' }, 'CSV'),
      h('a', { href: withQuery('/api/trade/export/xlsx', exportParams), download: '' }, 'XLSX'),
      h('a', { href: withQuery(`/api/trade/charts/${s.chart}.png`, chartParams), download: '' }, 'PNG'),
      h('a', { href: withQuery(`/api/trade/charts/${s.chart}.svg`, chartParams), download: '' }, 'SVG'),
    );
    if (v)
      replace(
        downloadNote,
        `${t('trade.downloadVariant', { variant: t(`trade.variantKind.${v}`) })} `,
        h('code', { lang: 'zxx' }, 'variant'),
      );
    else replace(downloadNote);
    await Promise.all([
      drawChart(chartBox, s.chart, chartParams, source.title),
      drawIndicator(
        indicatorBox,
        supported.find(
          (d) =>
            d.name === (supported.some((x) => x.name === s.indicator) ? s.indicator : supported[0]?.name),
        ),
        { ...filters, variant: v || undefined },
        detail,
        s.mirror,
      ),
      detail.audit ? drawAudit(auditBox, s.source) : Promise.resolve(replace(auditBox)),
    ]);
  };
  await fill();
}

/**
 * The parameters that fill a chart or a download with partners' reports
 * (`fillMirror=true`): one reporter (the form's, or the source's only one),
 * every source (partners' reports come from their own, each row saying which).
 * Nothing when the box is off or no one reporter is known.
 */
function mirrorScope(
  on: boolean,
  reporter: string | undefined,
  detail: SourceDetail,
): { fillMirror?: 'true'; reporter?: string; source?: undefined } {
  const one = reporter ?? (detail.reporters.length === 1 ? detail.reporters[0].code : undefined);
  return on && one !== undefined ? { fillMirror: 'true', reporter: one, source: undefined } : {};
}

/** A source title's `lang` attribute: none when it is in the page's language. */
function titleLangAttr(s: Source): string | undefined {
  return s.titleLang === lang() ? undefined : s.titleLang;
}

async function drawChart(
  box: HTMLElement,
  kind: string,
  params: Record<string, string | undefined>,
  sourceTitle: string,
): Promise<void> {
  replace(box, loadingLine());
  try {
    const { spec: raw } = await getJson<{ spec: ChartSpec }>(`/api/trade/charts/${kind}.json`, params);
    // the source by its title, not its id; the library's line counting the mirror values (fillMirror) kept below it
    const mirrorLine = raw.mirror ? (raw.subtitle?.split('\n').slice(1) ?? []) : [];
    const spec = {
      ...raw,
      subtitle: [t('trade.sourceLine', { title: sourceTitle }), ...mirrorLine].join('\n'),
    };
    const el = h('div', { class: 'chart trade-chart-canvas', role: 'img', 'aria-label': spec.title });
    replace(box, el);
    // the library's own option builder, the same one the server renders SVG and PNG with
    await mountChart(el, chartOption(spec) as never);
  } catch (e) {
    replace(box, errorBox(e));
  }
}

/** Columns the reader does not need (ids of what the form already says). */
const HIDDEN_COLUMNS = new Set(['source', 'commodity_label']);

async function drawIndicator(
  box: HTMLElement,
  def: IndicatorInfo | undefined,
  filters: Record<string, string | undefined>,
  detail: SourceDetail,
  fillMirror = false,
): Promise<void> {
  if (!def) {
    replace(box, h('h3', null, t('trade.indicators')), h('p', null, t('trade.noIndicator')));
    return;
  }
  const title = indicatorName(def.name, lang(), def.title);
  replace(box, h('h3', null, `${t('trade.indicators')}: ${title}`), loadingLine());
  const params: Record<string, string | undefined> = {};
  for (const k of ['source', 'reporter', 'partner', 'flow', 'from', 'to', 'variant'] as const) {
    if (def.params.includes(k)) params[k] = filters[k];
  }
  // the mirror indicator compares both reports: a filled cell would compare a report with itself
  // and it needs one reporter to fill: the form's, or the source's only one
  const reporter = filters.reporter ?? (detail.reporters.length === 1 ? detail.reporters[0].code : undefined);
  const mirrorApplies =
    fillMirror && def.name !== 'mirror' && def.params.includes('reporter') && reporter !== undefined;
  if (mirrorApplies) {
    params.fillMirror = 'true';
    params.reporter = reporter;
    // partners' reports stand in from their own sources: every source, each row saying which
    params.source = undefined;
  }
  const regions = new Map([...detail.reporters, ...detail.partners].map((r) => [r.code, regionName(r)]));
  const label = (col: string) => {
    const key = `trade.columns.${col}`;
    const v = t(key);
    return v !== key ? v : col.replace(/_/g, ' ');
  };
  const text = (v: unknown, col: string): string => {
    if (typeof v === 'string') {
      if ((col === 'reporter' || col === 'partner') && regions.has(v)) return regions.get(v)!;
      if (col === 'flow') return t(`trade.flowKind.${v}`);
      if (col === 'commodity' && v === 'TOTAL') return t('trade.allGoods');
    }
    return cell(v, col);
  };
  try {
    const r = await getJson<IndicatorResult>(`/api/trade/indicators/${def.name}`, params);
    // no empty column (a yearly table has no month) and no column that repeats the form
    const cols = r.columns.filter(
      (c) =>
        (!HIDDEN_COLUMNS.has(c) || (mirrorApplies && c === 'source')) &&
        r.rows.some((row) => row[c] !== null && row[c] !== undefined),
    );
    const formula = INDICATOR_FORMULAS[def.name]?.[lang()];
    replace(
      box,
      h('h3', null, `${t('trade.indicators')}: ${title}`),
      h(
        'p',
        { class: 'muted formula' },
        formulaPieces(formula ?? indicatorDefinition(def.name, lang(), r.definition)),
      ),
      fillMirror
        ? mirrorLine(r.mirror, def.name === 'mirror' ? 'indicator' : mirrorApplies ? null : 'reporter')
        : null,
      r.rows.length === 0
        ? h('p', null, t('trade.noRows'))
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data-table indicator-table' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  cols.map((c) =>
                    h(
                      'th',
                      { scope: 'col', class: numeric(r.rows, c) ? 'num' : '', dataset: { column: c } },
                      label(c),
                    ),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                r.rows.slice(0, 300).map((row) => {
                  const mirrored = r.mirror?.years.includes(row.year as number) ?? false;
                  return h(
                    'tr',
                    mirrored ? { class: 'mirror-row', dataset: { fill: 'mirror' } } : null,
                    cols.map((c, i) =>
                      h(
                        'td',
                        { class: numeric(r.rows, c) ? 'num' : '' },
                        // a source id is the source's identifier, kept as written
                        c === 'source' ? h('code', { lang: 'en' }, String(row[c])) : text(row[c], c),
                        mirrored && i === 0
                          ? h(
                              'span',
                              { class: 'mirror-flag', title: t('trade.mirrorYear') },
                              ` ◐`,
                              h('span', { class: 'visually-hidden' }, ` (${t('trade.mirrorYear')})`),
                            )
                          : null,
                      ),
                    ),
                  );
                }),
              ),
            ),
          ),
      r.notes.length > 0
        ? h(
            'ul',
            { class: 'muted notes' },
            r.notes.map((n) => noteItem(n)),
          )
        : null,
    );
  } catch (e) {
    // an indicator that needs data the selection lacks says so; the rest of the dashboard stays
    replace(box, h('h3', null, `${t('trade.indicators')}: ${title}`), errorBox(e));
  }
}

/**
 * What the filled series used (fillMirror=true): the share of the flows that
 * are partners' reports, the CIF/FOB factor, and the filled cells.
 */
function mirrorLine(m: MirrorUse | undefined, unused: 'indicator' | 'reporter' | null): HTMLElement {
  if (unused === 'indicator') return h('p', { class: 'muted mirror-share' }, t('trade.mirrorNotApplicable'));
  if (unused === 'reporter') return h('p', { class: 'muted mirror-share' }, t('trade.mirrorNeedsReporter'));
  if (!m || m.mirrorRows === 0) return h('p', { class: 'muted mirror-share' }, t('trade.noMirror'));
  const pct = (x: number) => fmtNumber(x, { style: 'percent', maximumFractionDigits: 1 });
  return h(
    'div',
    { class: 'mirror-share', dataset: { mirrorRows: String(m.mirrorRows) } },
    h(
      'p',
      null,
      t('trade.mirrorShare', {
        mirror: m.mirrorRows,
        rows: m.rows,
        rowShare: pct(m.rowShare),
        valueShare: pct(m.valueShare),
        factor: fmtNumber(m.factor, { maximumFractionDigits: 3 }),
      }),
      ' ',
      h('span', { class: 'muted', lang: 'en' }, `(${m.factorSource.split(':')[0]})`),
    ),
    h(
      'details',
      null,
      h('summary', null, t('trade.mirrorCells', { count: m.cells.length })),
      h(
        'ul',
        { class: 'mirror-cells' },
        m.cells.map((c) => h('li', null, h('code', { lang: 'en' }, c))),
      ),
    ),
  );
}

/** A column of a printed table's spec ("export_growth_pct") in words of the language ("exports: growth, %"). */
function columnTitle(col: string): string {
  const what = (x: string) => {
    const key = `trade.columns.${x}`;
    const v = t(key);
    return v !== key ? v : null;
  };
  if (/^share_of_/.test(col)) return what(col) ?? col;
  const m = /^(total|export|import|exports|imports)_(.+)$/.exec(col);
  if (m) {
    const flow = t(`trade.flowKind.${m[1].replace(/s$/, '')}`);
    const measure = what(m[2]);
    if (measure) return `${flow}: ${measure}`;
  }
  return what(col) ?? col;
}

function numeric(rows: Record<string, unknown>[], col: string): boolean {
  return rows.some((r) => typeof r[col] === 'number') && col !== 'year' && col !== 'month';
}

function cell(v: unknown, col: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (col === 'year' || col === 'month') return String(v);
    if (/usd/i.test(col)) return fmtNumber(v, { maximumFractionDigits: 0 });
    return fmtNumber(v, { maximumFractionDigits: 2 });
  }
  return String(v);
}

/** The printed table (the library's annotated copy) with each finding marked on its cell. */
async function drawAudit(box: HTMLElement, source: string): Promise<void> {
  replace(box, h('h3', null, t('trade.audit')), loadingLine());
  try {
    const [audit, csvText] = await Promise.all([
      getJson<{ findings: Finding[]; names?: RegionNames }>(`/api/trade/audit/${encodeURIComponent(source)}`),
      fetch(`/api/trade/audit/${encodeURIComponent(source)}/annotated/csv`).then(async (r) => {
        if (!r.ok) throw new ApiFailure(r.status, await r.json());
        return r.text();
      }),
    ]);
    const table = parseCsv(csvText);
    const header = table[0] ?? [];
    const auditCol = header.indexOf('audit');
    const columns = header.filter((_, i) => i !== auditCol);
    // rows that only carry a whole-table finding are listed below the table, not drawn as empty rows
    const rows = table
      .slice(1)
      .filter((r) => r.length > 1 && r[0] !== '' && r.some((x, i) => i > 0 && i !== auditCol && x !== ''));
    const keyed = new Map(rows.map((r) => [r[0], r]));
    const marks = new Map<string, Finding[]>();
    for (const f of audit.findings) {
      if (f.row !== null && keyed.has(f.row)) {
        const cols = f.column ? f.column.split(',').map((c) => c.trim()) : [''];
        for (const c of cols) {
          const key = `${f.row}\u0000${header.includes(c) ? c : ''}`;
          marks.set(key, [...(marks.get(key) ?? []), f]);
        }
      }
    }
    const worst = (fs: Finding[]) =>
      fs.some((f) => f.severity === 'error')
        ? 'error'
        : fs.some((f) => f.severity === 'warning')
          ? 'warning'
          : 'info';
    // the audit's main finding, the unit of the whole table, goes on the headers of the value columns
    const unit = audit.findings.find((f) => f.kind === 'scale' && f.severity === 'error');
    const unitCols = new Set(unit?.column?.split(',').map((c) => c.trim()) ?? []);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of audit.findings) counts[f.severity]++;
    replace(
      box,
      h('h3', null, t('trade.audit')),
      h(
        'p',
        null,
        audit.findings.length === 0
          ? t('trade.noFindings')
          : t('trade.findingsSummary', {
              findings: t('trade.findings', { count: audit.findings.length }),
              errors: counts.error,
              warnings: counts.warning,
              infos: counts.info,
            }),
      ),
      unit
        ? h(
            'p',
            { class: 'unit-finding finding-error', role: 'note' },
            h('strong', null, `${t('trade.unitFindingTitle')}: `),
            t('trade.unitFinding'),
            ' ',
            // the unit in the app's language (its scale and currency), else as printed
            isEvidence(unit.params?.unit)
              ? h('q', null, auditPieces(evidencePieces(unit.params.unit, lang(), audit.names)))
              : h('q', { lang: 'en' }, unit.printed ?? ''),
          )
        : null,
      h('p', { class: 'muted' }, t('trade.asPrinted')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data-table printed-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              columns.map((c) =>
                unitCols.has(c)
                  ? h(
                      'th',
                      {
                        scope: 'col',
                        class: 'finding-error',
                        dataset: { finding: 'unit' },
                      },
                      h('span', { class: 'finding-mark', 'aria-hidden': 'true' }, '✖ '),
                      columnTitle(c),
                      h('span', { class: 'unit-flag' }, ` (${t('trade.unitSuspect')})`),
                    )
                  : h('th', { scope: 'col', dataset: { column: c } }, columnTitle(c)),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            rows.map((r) => {
              const rowMarks = marks.get(`${r[0]}\u0000`) ?? [];
              return h(
                'tr',
                { class: rowMarks.length ? `finding-${worst(rowMarks)}` : '', dataset: { row: r[0] } },
                header.map((c, i) => {
                  if (i === auditCol) return null;
                  const fs = marks.get(`${r[0]}\u0000${c}`) ?? [];
                  const text = r[i] ?? '';
                  if (fs.length === 0)
                    return i === 0
                      ? h('th', { scope: 'row' }, isClaimId(text) ? claim(text) : text)
                      : h('td', { class: 'num' }, text);
                  const sev = worst(fs);
                  return h(
                    'td',
                    {
                      class: `num finding-${sev}`,
                      dataset: { finding: sev },
                    },
                    h(
                      'span',
                      { class: 'finding-mark', 'aria-hidden': 'true' },
                      sev === 'error' ? '✖ ' : sev === 'warning' ? '▲ ' : 'ℹ ',
                    ),
                    text,
                    h(
                      'span',
                      { class: 'visually-hidden' },
                      ` (${t(`trade.severity.${sev}`)}: ${fs.map((f) => auditKindText(f.kind, lang())).join('; ')})`,
                    ),
                  );
                }),
              );
            }),
          ),
        ),
      ),
      h(
        'ol',
        { class: 'findings' },
        [...audit.findings]
          .sort((a, b) => rank(a.severity) - rank(b.severity))
          .map((f) =>
            h(
              'li',
              { class: `finding finding-${f.severity}`, dataset: { severity: f.severity } },
              h('strong', null, `${t(`trade.severity.${f.severity}`)}: ${auditKindText(f.kind, lang())}`),
              f.row || f.column ? findingPlace(f.row, f.column) : '',
              ' — ',
              findingSentence(f, audit.names),
              findingDetails(f, audit.names),
            ),
          ),
      ),
    );
  } catch (e) {
    replace(box, h('h3', null, t('trade.audit')), errorBox(e));
  }
}

/** One of the text's claims (a row or column key of the annotated table): named, its id quoted. */
const claim = (id: string) => h('span', null, `${t('trade.textClaim')} `, h('code', { lang: 'zxx' }, id));
const isClaimId = (x: string) => /[a-z]-[a-z0-9]/i.test(x);

/**
 * Where a finding sits: its row, and its columns by their titles. A finding on one of the
 * text's claims (as its row or column) names the claim by its id, quoted as the source's identifier.
 */
function findingPlace(row?: string | null, column?: string | null): HTMLSpanElement {
  const parts: (string | HTMLElement)[] = [];
  if (row) parts.push(isClaimId(row) ? claim(row) : row);
  for (const c of column?.split(',').map((x) => x.trim()) ?? []) {
    // column keys are snake_case; the text's claims have hyphenated ids
    parts.push(isClaimId(c) ? claim(c) : columnTitle(c));
  }
  const out: (string | HTMLElement)[] = [' ['];
  parts.forEach((p, i) => {
    if (i > 0) out.push(' · ');
    out.push(p);
  });
  out.push(']');
  return h('span', { class: 'finding-place' }, ...out);
}

const rank = (s: string) => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
