/**
 * Scenarios: pick two and see what changes over the shipped origin–destination
 * pairs (`GET /api/scenarios/diff`, the same object `amur scenario diff
 * --json` prints): per pair the change in time, cost and CO2e and whether it
 * switches route, the use of each crossing before and after, and on the map
 * the route of a pair before and after. The choice lives in the URL.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { z } from 'zod';
import type { PairDiff, ScenarioDiff } from '../../../src/scenarios/diff.ts';
import type { ScenarioSummary as ScenarioSummarySchema } from '../../../src/server/routes/scenarios.ts';
import { getJson } from '../api.ts';
import { type AtlasLayers, atlasLayers, crossingRegimes, featureName } from '../atlas.ts';
import { dateField } from '../date-field.ts';
import { h, replace, uid } from '../dom.ts';
import type { Health } from '../health.ts';
import { fmtDate, fmtMoneyUsd, fmtNumber, nameOf, t } from '../i18n.ts';
import { isIsoDate, param, setParams } from '../state.ts';
import { errorBox, loadingLine, serviceName } from '../ui.ts';
import type { ViewContext } from './overview.ts';

/** An entry of `GET /api/scenarios`, typed by the server's schema (type-only import). */
type ScenarioSummary = z.infer<typeof ScenarioSummarySchema>;

const OPTIMIZE = ['cost', 'time', 'co2'] as const;

/**
 * The choice in the URL. With no dates chosen the comparison runs over the
 * 15th of every month (the year's effect, not one day's).
 */
function selection() {
  const dates = (param('sdate') ?? '').split(',').filter(isIsoDate);
  return {
    a: param('sa') ?? 'before-bridges',
    b: param('sb') ?? 'current',
    dates: dates.length > 0 ? dates : ['2024-03-15'],
    months: dates.length === 0,
    only: param('sonly') === '1',
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
      list.map((s) => h('option', { value: s.id, selected: s.id === value }, scenarioName(s))),
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
  const describe = (id: string) => {
    const s = list.find((x) => x.id === id);
    return s ? scenarioDescription(s) : '';
  };
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
        sopt: optimize.value === 'cost' ? undefined : optimize.value,
        spair: undefined,
      },
      true,
    );
    void compare(ctx, results, layers, submit);
  });
  replace(ctx.panel, h('h2', { class: 'view-heading' }, t('scenarios.heading')), form, results);
  // the default comparison runs on opening: the effect is the first thing seen
  await compare(ctx, results, layers, submit);
}

/** A shipped scenario's name and description in the language (uploaded ones as written). */
function scenarioName(s: ScenarioSummary): string {
  const key = `scenarios.names.${s.id}`;
  const v = t(key);
  return !s.uploaded && v && v !== key ? v : s.name;
}

function scenarioDescription(s: ScenarioSummary): string {
  const key = `scenarios.descriptions.${s.id}`;
  const v = t(key);
  return !s.uploaded && v && v !== key ? v : s.description;
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
    const regimes = await crossingRegimes(d.dates[0]).catch(() => []);
    const services = new Map(
      regimes.flatMap((r) =>
        r.services.map((x) => [`${r.id}/${x.id}`, `${nameOf(r.names)}: ${serviceName(x)}`] as const),
      ),
    );
    show(ctx, el, d, layers, sel.pair, services);
  } catch (e) {
    replace(el, errorBox(e));
    void ctx.map.setComparison(null);
  } finally {
    submit.disabled = false;
  }
}

const days = (h: number) => fmtNumber(h / 24, { maximumFractionDigits: 1 });
const signed = (x: number, f: (v: number) => string) => (x > 0 ? `+${f(x)}` : x < 0 ? `−${f(-x)}` : '±0');

const CHANGE_RANK: Record<PairDiff['change'], number> = {
  switched: 0,
  'new-route': 1,
  'lost-route': 2,
  rerouted: 3,
  same: 4,
  'no-route': 5,
};

/** Shipments that change first, then by the size of the change in cost, then in time. */
export function byImpact(a: PairDiff, b: PairDiff): number {
  return (
    CHANGE_RANK[a.change] - CHANGE_RANK[b.change] ||
    Math.abs(b.delta?.costUsd ?? 0) - Math.abs(a.delta?.costUsd ?? 0) ||
    Math.abs(b.delta?.hours ?? 0) - Math.abs(a.delta?.hours ?? 0) ||
    a.date.localeCompare(b.date)
  );
}

function show(
  ctx: ViewContext,
  el: HTMLElement,
  d: ScenarioDiff,
  layers: AtlasLayers,
  pick: number,
  /** `crossing/service` → its name in the language. */
  services: Map<string, string>,
): void {
  const place = (id: string) => featureName(layers.byId.get(`place:${id}`)?.properties) || id;
  const pairName = (p: PairDiff) => `${place(p.from)} → ${place(p.to)}`;
  const order = d.pairs.map((_, i) => i).sort((x, y) => byImpact(d.pairs[x], d.pairs[y]));
  const selected = pick >= 0 && pick < d.pairs.length ? pick : (order[0] ?? 0);
  const rows = new Map<number, HTMLTableRowElement>();
  const onMap = h('p', { class: 'on-map', role: 'status' });
  const select = (i: number) => {
    setParams({ spair: i });
    for (const [j, r] of rows) r.setAttribute('aria-selected', String(j === i));
    const p = d.pairs[i];
    replace(onMap, t('scenarios.onMap', { pair: `${pairName(p)}, ${fmtDate(p.date)}` }));
    ctx.map.map.getContainer().dataset.comparePair = String(i);
    void ctx.map.setComparison(comparison(p, layers)).then(() => {
      const at = (id: string) => {
        const g = layers.byId.get(`place:${id}`)?.geometry;
        return g?.type === 'Point' ? (g.coordinates as [number, number]) : null;
      };
      const a = at(p.from);
      const b = at(p.to);
      ctx.map.setPins([
        ...(a ? [{ coords: a, label: place(p.from), end: 'start' as const }] : []),
        ...(b ? [{ coords: b, label: place(p.to), end: 'end' as const }] : []),
      ]);
    });
  };
  const only = h('input', { type: 'checkbox', class: 'only-switched', checked: selection().only });
  const tbody = h('tbody');
  const shown = h('p', { class: 'muted' });
  const fillRows = () => {
    const keep = order.filter((i) => !only.checked || d.pairs[i].change !== 'same');
    replace(
      tbody,
      keep.map((i) => {
        let tr = rows.get(i);
        if (!tr) {
          tr = pairRow(d, i, i === selected, () => select(i), place);
          rows.set(i, tr);
        }
        return tr;
      }),
    );
    replace(shown, t('scenarios.shown', { shown: keep.length, total: d.pairs.length }));
  };
  only.addEventListener('change', () => {
    setParams({ sonly: only.checked ? '1' : undefined });
    fillRows();
  });
  const s = d.summary;
  replace(
    el,
    h('h3', null, `${scenarioLabel(d.a)} → ${scenarioLabel(d.b)}`),
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
    d.dates.length > 1 ? monthTable(d) : null,
    h(
      'p',
      { class: 'muted legend-line' },
      h('span', { class: 'swatch swatch-before', 'aria-hidden': 'true' }),
      ` ${t('scenarios.before')}  `,
      h('span', { class: 'swatch swatch-after', 'aria-hidden': 'true' }),
      ` ${t('scenarios.after')}`,
    ),
    onMap,
    h('h3', null, t('scenarios.pairs')),
    h('p', { class: 'muted' }, t('scenarios.sortedByImpact')),
    h('label', { class: 'layer-toggle' }, only, t('scenarios.onlySwitched')),
    shown,
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
            h('th', { scope: 'col' }, t('scenarios.change')),
            h('th', { scope: 'col', class: 'num' }, t('scenarios.deltaDays')),
            h('th', { scope: 'col', class: 'num' }, t('scenarios.deltaCost')),
            h('th', { scope: 'col', class: 'num' }, t('scenarios.deltaCo2')),
            h('th', { scope: 'col', class: 'num' }, `${t('scenarios.before')}, ${t('scenarios.daysShort')}`),
            h('th', { scope: 'col', class: 'num' }, `${t('scenarios.after')}, ${t('scenarios.daysShort')}`),
          ),
        ),
        tbody,
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
              h('th', { scope: 'row' }, services.get(c.id) ?? c.name),
              h('td', { class: 'num' }, String(c.before)),
              h('td', { class: 'num' }, String(c.after)),
              h('td', { class: 'num' }, signed(c.delta, String)),
            ),
          ),
      ),
    ),
  );
  fillRows();
  if (d.pairs.length > 0) {
    select(selected);
  }
}

function scenarioLabel(x: { id: string; name: string }): string {
  const key = `scenarios.names.${x.id}`;
  const v = t(key);
  return v && v !== key ? v : x.name;
}

function pairRow(
  d: ScenarioDiff,
  i: number,
  selected: boolean,
  onSelect: () => void,
  place: (id: string) => string,
): HTMLTableRowElement {
  const p = d.pairs[i];
  return h(
    'tr',
    {
      tabindex: 0,
      'aria-selected': String(selected),
      class: p.switched ? 'switched' : '',
      dataset: { index: String(i), change: p.change },
      onclick: onSelect,
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      },
    },
    h(
      'th',
      { scope: 'row' },
      `${place(p.from)} → ${place(p.to)}`,
      h('span', { class: 'muted' }, ` (${t(`scenarios.cargo.${p.cargo}`)})`),
    ),
    d.dates.length > 1 ? h('td', null, fmtDate(p.date)) : null,
    h('td', null, t(`scenarios.changeKind.${p.change}`)),
    h('td', { class: 'num delta-days' }, p.delta ? signed(p.delta.hours / 24, (v) => days(v * 24)) : '—'),
    h('td', { class: 'num delta-cost' }, p.delta ? signed(p.delta.costUsd, fmtMoneyUsd) : '—'),
    h('td', { class: 'num' }, p.delta ? signed(p.delta.co2eKg, (v) => fmtNumber(Math.round(v))) : '—'),
    h('td', { class: 'num' }, p.before ? days(p.before.hours) : '—'),
    h('td', { class: 'num' }, p.after ? days(p.after.hours) : '—'),
  );
}

/** The effect date by date (the 15th of each month). */
function monthTable(d: ScenarioDiff): HTMLElement {
  return h(
    'details',
    { class: 'by-month', open: true },
    h('summary', null, t('scenarios.byMonth')),
    h(
      'table',
      { class: 'data-table scenario-months' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('scenarios.month')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.switchedCount')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.meanDays')),
          h('th', { scope: 'col', class: 'num' }, t('scenarios.meanCost')),
        ),
      ),
      h(
        'tbody',
        null,
        d.summary.byDate.map((x) =>
          h(
            'tr',
            { dataset: { date: x.date } },
            h('th', { scope: 'row' }, fmtDate(x.date)),
            h('td', { class: 'num' }, `${x.switched} / ${x.compared}`),
            h(
              'td',
              { class: 'num' },
              signed(x.meanDelta.hours / 24, (v) => days(v * 24)),
            ),
            h('td', { class: 'num' }, signed(x.meanDelta.costUsd, fmtMoneyUsd)),
          ),
        ),
      ),
    ),
  );
}

/** The pair's routes before and after as lines (the atlas geometry of their links), and its two ends as points. */
function comparison(p: PairDiff, layers: AtlasLayers): FeatureCollection {
  const features: Feature[] = [];
  for (const side of ['before', 'after'] as const) {
    for (const id of p[side]?.links ?? []) {
      const f = layers.byId.get(`link:${id}`);
      if (f) features.push({ type: 'Feature', geometry: f.geometry, properties: { side } });
    }
  }
  // the ends, so that the map frames the pair even where its routes cross no drawn link
  for (const id of [p.from, p.to]) {
    const f = layers.byId.get(`place:${id}`);
    if (f) features.push({ type: 'Feature', geometry: f.geometry, properties: { side: 'end' } });
  }
  return { type: 'FeatureCollection', features };
}
