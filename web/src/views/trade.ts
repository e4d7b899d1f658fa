/**
 * The trade dashboard: pick a source, reporter, partner, flow and period;
 * the chart is drawn with the library's own ECharts option builder
 * (`chartOption` from src/trade/charts, fed the spec the server computes from
 * the store); an indicator table; the audit's findings marked on the printed
 * table; downloads of the flows (CSV, XLSX) and of the chart (PNG, SVG).
 * The selection lives in the URL.
 */

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

interface Source {
  id: string;
  title: string;
  rows: number | null;
  publisher: string | null;
  citation: string | null;
}

interface NamedCode {
  code: string;
  level: string | null;
  names: { en: string | null; zh: string | null; ru: string | null };
}

interface SourceDetail {
  source: Source;
  reporters: NamedCode[];
  partners: NamedCode[];
  flows: string[];
  years: number[];
  audit: boolean;
}

interface IndicatorInfo {
  name: string;
  title: string;
  definition: string;
  unit: string;
  needs: string;
  params: string[];
}

interface IndicatorResult {
  indicator: string;
  definition: string;
  unit: string;
  columns: string[];
  rows: Record<string, unknown>[];
  notes: string[];
}

interface Finding {
  severity: 'error' | 'warning' | 'info';
  kind: string;
  row: string | null;
  column: string | null;
  printed: string | null;
  message: string;
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
  };
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
    getJson<Source[]>('/api/trade/sources'),
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
  const detail = await getJson<SourceDetail>(`/api/trade/sources/${encodeURIComponent(sel.source)}`);

  const ids = {
    source: uid('src'),
    reporter: uid('rep'),
    partner: uid('par'),
    flow: uid('flow'),
    from: uid('from'),
    to: uid('to'),
    chart: uid('chart'),
    ind: uid('ind'),
  };
  const any = (value: string) => h('option', { value: '', selected: value === '' }, t('trade.any'));
  const sourceSel = h(
    'select',
    { id: ids.source, name: 'source' },
    sources.map((s) => h('option', { value: s.id, selected: s.id === sel.source }, s.title)),
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
  const chartSel = h(
    'select',
    { id: ids.chart, name: 'chart' },
    CHARTS.map((c) => h('option', { value: c, selected: c === sel.chart }, t(`trade.chartKind.${c}`))),
  );
  const indSel = h(
    'select',
    { id: ids.ind, name: 'indicator' },
    indicators.map((d) => h('option', { value: d.name, selected: d.name === sel.indicator }, d.title)),
  );

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
    ),
  );

  const chartBox = h('section', { class: 'trade-chart', 'aria-label': t('trade.chart') });
  const downloads = h('div', { class: 'downloads' });
  const indicatorBox = h('section', { class: 'trade-indicator' });
  const auditBox = h('section', { class: 'trade-audit' });
  const source = detail.source;

  replace(
    ctx.panel,
    h('h2', { class: 'view-heading' }, t('trade.heading')),
    form,
    h('p', { class: 'muted source-citation' }, source.citation ?? source.publisher ?? ''),
    h('h3', null, t('trade.download')),
    downloads,
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
    const exportParams = {
      source: s.source,
      reporter: filters.reporter,
      partner: filters.partner,
      flow: filters.flow,
      year: yearFilter,
    };
    const chartParams = { ...filters, lang: lang() };
    replace(
      downloads,
      h('a', { href: withQuery('/api/trade/export/csv', exportParams), download: '' }, 'CSV'),
      h('a', { href: withQuery('/api/trade/export/xlsx', exportParams), download: '' }, 'XLSX'),
      h('a', { href: withQuery(`/api/trade/charts/${s.chart}.png`, chartParams), download: '' }, 'PNG'),
      h('a', { href: withQuery(`/api/trade/charts/${s.chart}.svg`, chartParams), download: '' }, 'SVG'),
    );
    await Promise.all([
      drawChart(chartBox, s.chart, chartParams),
      drawIndicator(indicatorBox, indicators.find((d) => d.name === s.indicator) ?? indicators[0], filters),
      detail.audit ? drawAudit(auditBox, s.source) : Promise.resolve(replace(auditBox)),
    ]);
  };
  await fill();
}

async function drawChart(
  box: HTMLElement,
  kind: string,
  params: Record<string, string | undefined>,
): Promise<void> {
  replace(box, loadingLine());
  try {
    const { spec } = await getJson<{ spec: ChartSpec }>(`/api/trade/charts/${kind}.json`, params);
    const el = h('div', { class: 'chart trade-chart-canvas', role: 'img', 'aria-label': spec.title });
    replace(box, el);
    // the library's own option builder, the same one the server renders SVG and PNG with
    await mountChart(el, chartOption(spec) as never);
  } catch (e) {
    replace(box, errorBox(e));
  }
}

async function drawIndicator(
  box: HTMLElement,
  def: IndicatorInfo | undefined,
  filters: Record<string, string | undefined>,
): Promise<void> {
  if (!def) {
    replace(box);
    return;
  }
  replace(box, h('h3', null, `${t('trade.indicators')}: ${def.title}`), loadingLine());
  const params: Record<string, string | undefined> = {};
  for (const k of ['source', 'reporter', 'partner', 'flow', 'from', 'to'] as const) {
    if (def.params.includes(k)) params[k] = filters[k];
  }
  try {
    const r = await getJson<IndicatorResult>(`/api/trade/indicators/${def.name}`, params);
    const cols = r.columns.filter((c) => c !== 'source' && c !== 'commodity_label');
    replace(
      box,
      h('h3', null, `${t('trade.indicators')}: ${def.title}`),
      h('p', { class: 'muted' }, r.definition),
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
                  cols.map((c) => h('th', { scope: 'col', class: numeric(r.rows, c) ? 'num' : '' }, c)),
                ),
              ),
              h(
                'tbody',
                null,
                r.rows.slice(0, 300).map((row) =>
                  h(
                    'tr',
                    null,
                    cols.map((c) => h('td', { class: numeric(r.rows, c) ? 'num' : '' }, cell(row[c], c))),
                  ),
                ),
              ),
            ),
          ),
      r.notes.length > 0
        ? h(
            'ul',
            { class: 'muted notes' },
            r.notes.map((n) => h('li', null, n)),
          )
        : null,
    );
  } catch (e) {
    // an indicator that needs data the selection lacks says so; the rest of the dashboard stays
    replace(box, h('h3', null, `${t('trade.indicators')}: ${def.title}`), errorBox(e));
  }
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
      getJson<{ findings: Finding[] }>(`/api/trade/audit/${encodeURIComponent(source)}`),
      fetch(`/api/trade/audit/${encodeURIComponent(source)}/annotated/csv`).then(async (r) => {
        if (!r.ok) throw new ApiFailure(r.status, await r.json());
        return r.text();
      }),
    ]);
    const table = parseCsv(csvText);
    const header = table[0] ?? [];
    const auditCol = header.indexOf('audit');
    const columns = header.filter((_, i) => i !== auditCol);
    const rows = table.slice(1).filter((r) => r.length > 1 && r[0] !== '');
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
              columns.map((c) => h('th', { scope: 'col' }, c)),
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
                    return i === 0 ? h('th', { scope: 'row' }, text) : h('td', { class: 'num' }, text);
                  const sev = worst(fs);
                  return h(
                    'td',
                    {
                      class: `num finding-${sev}`,
                      title: fs.map((f) => f.message).join('\n'),
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
                      ` (${t(`trade.severity.${sev}`)}: ${fs.map((f) => f.message).join('; ')})`,
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
              h('strong', null, `${t(`trade.severity.${f.severity}`)}`),
              f.row || f.column ? ` [${[f.row, f.column].filter(Boolean).join(' · ')}]` : '',
              `: ${f.message}`,
            ),
          ),
      ),
    );
  } catch (e) {
    replace(box, h('h3', null, t('trade.audit')), errorBox(e));
  }
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
