/**
 * Scenarios: pick two and see what changes over the shipped origin–destination
 * pairs (`GET /api/scenarios/diff`, the same object `amur scenario diff
 * --json` prints): per pair the change in time, cost and CO2e and whether it
 * switches route, the use of each crossing before and after, and on the map
 * the route of a pair before and after. The choice lives in the URL.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { getJson } from '../api.ts';
import { type AtlasLayers, atlasLayers, featureName } from '../atlas.ts';
import { dateField } from '../date-field.ts';
import { h, replace, uid } from '../dom.ts';
import type { Health } from '../health.ts';
import { fmtDate, fmtMoneyUsd, fmtNumber, t } from '../i18n.ts';
import { isIsoDate, param, setParams } from '../state.ts';
import { errorBox, loadingLine } from '../ui.ts';
import type { ViewContext } from './overview.ts';

interface ScenarioSummary {
  id: string;
  name: string;
  description: string;
  extends?: string;
  modifications: number;
  uploaded: boolean;
}

interface RouteSummary {
  hours: number;
  days: number;
  costUsd: number;
  co2eKg: number;
  km: number;
  crossings: string[];
  corridors: string[];
  links: string[];
  summary: string;
}

interface PairDiff {
  from: string;
  to: string;
  cargo: string;
  date: string;
  before: RouteSummary | null;
  after: RouteSummary | null;
  delta: { hours: number; costUsd: number; co2eKg: number } | null;
  switched: boolean;
  change: string;
  beforeMessage?: string;
  afterMessage?: string;
}

interface UseDiff {
  id: string;
  name: string;
  before: number;
  after: number;
  delta: number;
}

interface ScenarioDiff {
  a: { id: string; name: string };
  b: { id: string; name: string };
  optimize: string;
  dates: string[];
  pairs: PairDiff[];
  crossings: UseDiff[];
  summary: {
    shipments: number;
    compared: number;
    switched: number;
    meanDelta: { hours: number; costUsd: number; co2eKg: number };
  };
}

const OPTIMIZE = ['cost', 'time', 'co2'] as const;

function selection() {
  const dates = (param('sdate') ?? '2024-03-15').split(',').filter(isIsoDate);
  return {
    a: param('sa') ?? 'before-bridges',
    b: param('sb') ?? 'current',
    dates: dates.length > 0 ? dates : ['2024-03-15'],
    months: param('smonths') === '1',
    optimize: (OPTIMIZE as readonly string[]).includes(param('sopt') ?? '') ? param('sopt')! : 'cost',
    pair: Number(param('spair') ?? -1),
  };
}

export async function renderScenarios(ctx: ViewContext, health: Health): Promise<void> {
  if (!health.features.scenarios) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('scenarios.heading')),
      h('p', { class: 'notice' }, t('scenarios.unavailable')),
    );
    return;
  }
  replace(ctx.panel, h('h2', { class: 'view-heading' }, t('scenarios.heading')), loadingLine());
  const [list, layers] = await Promise.all([getJson<ScenarioSummary[]>('/api/scenarios'), atlasLayers()]);
  const sel = selection();
  const ids = { a: uid('sa'), b: uid('sb'), months: uid('smonths'), opt: uid('sopt') };
  const pick = (id: string, value: string) =>
    h(
      'select',
      { id },
      list.map((s) => h('option', { value: s.id, selected: s.id === value }, s.name)),
    );
  const aSel = pick(ids.a, sel.a);
  const bSel = pick(ids.b, sel.b);
  const date = dateField({ value: sel.dates[0], label: t('planner.date') });
  date.setDisabled(sel.months);
  const months = h('input', { id: ids.months, type: 'checkbox', checked: sel.months });
  const optimize = h(
    'select',
    { id: ids.opt },
    OPTIMIZE.map((o) =>
      h('option', { value: o, selected: o === sel.optimize }, t(`planner.optimizeKind.${o}`)),
    ),
  );
  months.addEventListener('change', () => {
    date.setDisabled(months.checked);
  });
  const describe = (id: string) => list.find((s) => s.id === id)?.description ?? '';
  const aDesc = h('p', { class: 'muted scenario-description' }, describe(sel.a));
  const bDesc = h('p', { class: 'muted scenario-description' }, describe(sel.b));
  aSel.addEventListener('change', () => replace(aDesc, describe(aSel.value)));
  bSel.addEventListener('change', () => replace(bDesc, describe(bSel.value)));
  const results = h('section', { class: 'scenario-results', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, t('scenarios.compare'));
  const form = h(
    'form',
    { class: 'scenario-form' },
    h(
      'div',
      { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: ids.a }, t('scenarios.a')), aSel, aDesc),
      h('div', { class: 'field' }, h('label', { for: ids.b }, t('scenarios.b')), bSel, bDesc),
      h('div', { class: 'field wide' }, h('label', { for: date.id }, t('planner.date')), date.element),
      h('div', { class: 'field' }, h('label', { for: ids.opt }, t('planner.optimize')), optimize),
      h('label', { class: 'layer-toggle wide', for: ids.months }, months, t('scenarios.months')),
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setParams(
      {
        view: 'scenarios',
        sa: aSel.value,
        sb: bSel.value,
        sdate: months.checked ? undefined : date.value(),
        smonths: months.checked ? '1' : undefined,
        sopt: optimize.value === 'cost' ? undefined : optimize.value,
        spair: undefined,
      },
      true,
    );
    void compare(ctx, results, layers, submit);
  });
  replace(ctx.panel, h('h2', { class: 'view-heading' }, t('scenarios.heading')), form, results);
  if (param('sa') && param('sb')) await compare(ctx, results, layers, submit);
}

async function compare(
  ctx: ViewContext,
  el: HTMLElement,
  layers: AtlasLayers,
  submit: HTMLButtonElement,
): Promise<void> {
  const sel = selection();
  replace(el, loadingLine());
  submit.disabled = true;
  try {
    const d = await getJson<ScenarioDiff>('/api/scenarios/diff', {
      a: sel.a,
      b: sel.b,
      date: sel.months ? undefined : sel.dates.join(','),
      months: sel.months ? 'true' : undefined,
      optimize: sel.optimize,
    });
    show(ctx, el, d, layers, sel.pair);
  } catch (e) {
    replace(el, errorBox(e));
    void ctx.map.setComparison(null);
  } finally {
    submit.disabled = false;
  }
}

const days = (h: number) => fmtNumber(h / 24, { maximumFractionDigits: 1 });
const signed = (x: number, f: (v: number) => string) => (x > 0 ? `+${f(x)}` : x < 0 ? `−${f(-x)}` : '±0');

function show(ctx: ViewContext, el: HTMLElement, d: ScenarioDiff, layers: AtlasLayers, pick: number): void {
  const place = (id: string) => featureName(layers.byId.get(`place:${id}`)?.properties) || id;
  const first = d.pairs.findIndex((p) => p.switched);
  const selected = pick >= 0 && pick < d.pairs.length ? pick : Math.max(first, 0);
  const rows: HTMLTableRowElement[] = [];
  const select = (i: number) => {
    setParams({ spair: i });
    for (const [j, r] of rows.entries()) r.setAttribute('aria-selected', String(j === i));
    void ctx.map.setComparison(comparison(d.pairs[i], layers));
  };
  const s = d.summary;
  replace(
    el,
    h('h3', null, `${d.a.name} → ${d.b.name}`),
    h(
      'p',
      { class: 'scenario-summary' },
      t('scenarios.summary', {
        shipments: s.shipments,
        compared: s.compared,
        switched: s.switched,
        hours: signed(s.meanDelta.hours / 24, (v) => fmtNumber(v, { maximumFractionDigits: 1 })),
        cost: signed(s.meanDelta.costUsd, fmtMoneyUsd),
        co2: signed(s.meanDelta.co2eKg, (v) => fmtNumber(Math.round(v))),
      }),
    ),
    h(
      'p',
      { class: 'muted legend-line' },
      h('span', { class: 'swatch swatch-before', 'aria-hidden': 'true' }),
      ` ${t('scenarios.before')}  `,
      h('span', { class: 'swatch swatch-after', 'aria-hidden': 'true' }),
      ` ${t('scenarios.after')}`,
    ),
    h('h3', null, t('scenarios.pairs')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data-table scenario-pairs' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('scenarios.pair')),
            d.dates.length > 1 ? h('th', { scope: 'col' }, t('planner.date')) : null,
            h('th', { scope: 'col', class: 'num' }, `${t('scenarios.before')}, ${t('scenarios.daysShort')}`),
            h('th', { scope: 'col', class: 'num' }, `${t('scenarios.after')}, ${t('scenarios.daysShort')}`),
            h('th', { scope: 'col', class: 'num' }, `Δ ${t('planner.cost')}`),
            h('th', { scope: 'col', class: 'num' }, `Δ ${t('planner.co2e')}, kg`),
            h('th', { scope: 'col' }, t('scenarios.change')),
          ),
        ),
        h(
          'tbody',
          null,
          d.pairs.map((p, i) => {
            const tr = h(
              'tr',
              {
                tabindex: 0,
                'aria-selected': String(i === selected),
                class: p.switched ? 'switched' : '',
                dataset: { index: String(i), change: p.change },
                onclick: () => select(i),
                onkeydown: (e: KeyboardEvent) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    select(i);
                  }
                },
              },
              h(
                'th',
                { scope: 'row' },
                `${place(p.from)} → ${place(p.to)}`,
                h('span', { class: 'muted' }, ` (${p.cargo.toUpperCase()})`),
              ),
              d.dates.length > 1 ? h('td', null, fmtDate(p.date)) : null,
              h(
                'td',
                { class: 'num', title: p.before?.crossings.join(', ') ?? p.beforeMessage ?? '' },
                p.before ? days(p.before.hours) : '—',
              ),
              h(
                'td',
                { class: 'num', title: p.after?.crossings.join(', ') ?? p.afterMessage ?? '' },
                p.after ? days(p.after.hours) : '—',
              ),
              h('td', { class: 'num' }, p.delta ? signed(p.delta.costUsd, fmtMoneyUsd) : '—'),
              h(
                'td',
                { class: 'num' },
                p.delta ? signed(p.delta.co2eKg, (v) => fmtNumber(Math.round(v))) : '—',
              ),
              h('td', null, t(`scenarios.changeKind.${p.change}`)),
            );
            rows.push(tr);
            return tr;
          }),
        ),
      ),
    ),
    h('h3', null, t('scenarios.crossingUse')),
    h(
      'table',
      { class: 'data-table scenario-crossings' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('planner.crossings')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.before')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.after')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.delta')),
        ),
      ),
      h(
        'tbody',
        null,
        [...d.crossings]
          .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || y.after - x.after)
          .map((c) =>
            h(
              'tr',
              { dataset: { crossing: c.id } },
              h('th', { scope: 'row' }, c.name),
              h('td', { class: 'num' }, String(c.before)),
              h('td', { class: 'num' }, String(c.after)),
              h('td', { class: 'num' }, signed(c.delta, String)),
            ),
          ),
      ),
    ),
  );
  if (d.pairs.length > 0) select(selected);
}

/** The pair's routes before and after as lines (the atlas geometry of their links). */
function comparison(p: PairDiff, layers: AtlasLayers): FeatureCollection {
  const features: Feature[] = [];
  for (const side of ['before', 'after'] as const) {
    for (const id of p[side]?.links ?? []) {
      const f = layers.byId.get(`link:${id}`);
      if (f) features.push({ type: 'Feature', geometry: f.geometry, properties: { side } });
    }
  }
  return { type: 'FeatureCollection', features };
}
