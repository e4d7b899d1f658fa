/**
 * The route planner: origin and destination by search in any script, date,
 * cargo and quantity, optimisation, modes and alternatives. The query lives
 * in the URL (so a result can be shared and reloaded); the answer is a list
 * of itineraries with totals, legs, crossings, waits and warnings, drawn on
 * the map, with a time–cost–CO2e Pareto chart. A failed request shows what
 * was wrong and keeps the form as it was.
 */
import type { EChartsOption } from 'echarts';
import type { Itinerary, RouteResult } from '../../../src/routing/schema.ts';
import { getJson } from '../api.ts';
import { type AtlasLayers, atlasLayers, crossingRegimes, featureName } from '../atlas.ts';
import { disposeCharts, mountChart } from '../charts.ts';
import { dateField } from '../date-field.ts';
import { h, replace, uid } from '../dom.ts';
import type { Health } from '../health.ts';
import { fmtDateTime, fmtHours, fmtList, fmtMoneyUsd, fmtNumber, t } from '../i18n.ts';
import { searchBox } from '../search-box.ts';
import { isIsoDate, param, setParams, todayIso } from '../state.ts';
import { errorBox, loadingLine } from '../ui.ts';
import { paintCrossings, type ViewContext } from './overview.ts';
import {
  type Namer,
  namer,
  noRouteReason,
  routeGeometry,
  routeTools,
  summaryLine,
  timeline,
  warningsList,
  whyNot,
} from './route-answer.ts';

const CARGO = ['feu', 'teu', 'bulk', 'liquid', 'air'] as const;
const OPTIMIZE = ['pareto', 'time', 'cost', 'co2'] as const;
const MODES = ['rail', 'road', 'river', 'sea', 'air', 'pipeline'] as const;
const MAX_ALTERNATIVES = 5;

/** The query as it stands in the URL. */
function queryFromUrl() {
  const alt = Number(param('alt') ?? 0);
  const qty = Number(param('qty') ?? 1);
  return {
    from: param('from') ?? '',
    to: param('to') ?? '',
    date: isIsoDate(param('date')) ? param('date')! : todayIso(),
    cargo: (CARGO as readonly string[]).includes(param('cargo') ?? '') ? param('cargo')! : 'feu',
    qty: Number.isFinite(qty) && qty > 0 ? qty : 1,
    optimize: (OPTIMIZE as readonly string[]).includes(param('opt') ?? '') ? param('opt')! : 'pareto',
    alternatives: Number.isInteger(alt) && alt >= 0 && alt <= MAX_ALTERNATIVES ? alt : 0,
    modes: (param('modes') ?? '').split(',').filter((m) => (MODES as readonly string[]).includes(m)),
    pick: Number(param('pick') ?? 0) || 0,
  };
}

export async function renderPlanner(ctx: ViewContext, health: Health): Promise<void> {
  disposeCharts();
  if (!health.features.routing) {
    replace(
      ctx.panel,
      h('h2', { class: 'view-heading' }, t('planner.heading')),
      h('p', { class: 'notice' }, t('planner.unavailable')),
    );
    return;
  }
  const q = queryFromUrl();
  const layers = await atlasLayers().catch(() => null);
  const placeLabel = (id: string) =>
    (layers ? featureName(layers.byId.get(`place:${id}`)?.properties) : '') || id;

  const fromBox = searchBox({
    label: t('planner.from'),
    name: 'from',
    kinds: ['place'],
    value: q.from ? placeLabel(q.from) : '',
    chosenId: q.from || undefined,
    required: true,
  });
  const toBox = searchBox({
    label: t('planner.to'),
    name: 'to',
    kinds: ['place'],
    value: q.to ? placeLabel(q.to) : '',
    chosenId: q.to || undefined,
    required: true,
  });
  const ids = { cargo: uid('cargo'), qty: uid('qty'), opt: uid('opt'), alt: uid('alt') };
  const date = dateField({ value: q.date, label: t('planner.date') });
  const cargo = h(
    'select',
    { id: ids.cargo, name: 'cargo' },
    CARGO.map((c) => h('option', { value: c, selected: c === q.cargo }, t(`planner.cargoKind.${c}`))),
  );
  const qty = h('input', {
    id: ids.qty,
    name: 'qty',
    type: 'number',
    min: 0.001,
    step: 'any',
    value: q.qty,
    required: true,
  });
  const optimize = h(
    'select',
    { id: ids.opt, name: 'optimize' },
    OPTIMIZE.map((o) =>
      h('option', { value: o, selected: o === q.optimize }, t(`planner.optimizeKind.${o}`)),
    ),
  );
  const alternatives = h('input', {
    id: ids.alt,
    name: 'alternatives',
    type: 'number',
    min: 0,
    max: MAX_ALTERNATIVES,
    step: 1,
    value: q.alternatives,
  });
  const modeBoxes = MODES.map((m) =>
    h(
      'label',
      { class: 'layer-toggle' },
      h('input', {
        type: 'checkbox',
        name: 'modes',
        value: m,
        checked: q.modes.length === 0 || q.modes.includes(m),
      }),
      t(`mode.${m}`),
    ),
  );
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'false' });
  const submit = h('button', { type: 'submit' }, t('planner.submit'));

  const form = h(
    'form',
    { class: 'planner-form', novalidate: true },
    h(
      'div',
      { class: 'form-grid' },
      h('div', { class: 'wide' }, fromBox.element),
      h('div', { class: 'wide' }, toBox.element),
      h('div', { class: 'field wide' }, h('label', { for: date.id }, t('planner.date')), date.element),
      h('div', { class: 'field' }, h('label', { for: ids.opt }, t('planner.optimize')), optimize),
      h('div', { class: 'field' }, h('label', { for: ids.cargo }, t('planner.cargo')), cargo),
      h('div', { class: 'field' }, h('label', { for: ids.qty }, t('planner.quantity')), qty),
      h('div', { class: 'field' }, h('label', { for: ids.alt }, t('planner.alternatives')), alternatives),
      h(
        'details',
        { class: 'wide more-options', open: q.modes.length > 0 },
        h('summary', null, t('planner.modes')),
        h(
          'fieldset',
          { class: 'field modes' },
          h('legend', { class: 'visually-hidden' }, t('planner.modes')),
          h('div', { class: 'mode-list' }, modeBoxes),
        ),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      submit,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          title: t('planner.swap'),
          'aria-label': t('planner.swap'),
          onclick: () => {
            const a = fromBox.input.value;
            fromBox.input.value = toBox.input.value;
            toBox.input.value = a;
            const fa = fromBox.value();
            const ta = toBox.value();
            setParams({ from: ta, to: fa });
            void renderPlanner(ctx, health);
          },
        },
        '⇅',
      ),
    ),
  );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // an empty field is said in plain words here, before any request
    const missing = !fromBox.input.value.trim() ? 'from' : !toBox.input.value.trim() ? 'to' : null;
    if (missing) {
      (missing === 'from' ? fromBox : toBox).setInvalid(true);
      replace(
        results,
        h(
          'div',
          { class: 'error-box', role: 'alert', dataset: { parameter: missing } },
          h('strong', null, t('errors.title')),
          h(
            'p',
            { class: 'error-message' },
            t(missing === 'from' ? 'planner.missingFrom' : 'planner.missingTo'),
          ),
        ),
      );
      (missing === 'from' ? fromBox : toBox).input.focus();
      return;
    }
    const checked = modeBoxes
      .map((l) => l.querySelector('input')!)
      .filter((i) => i.checked)
      .map((i) => i.value);
    setParams(
      {
        view: 'planner',
        from: fromBox.value(),
        to: toBox.value(),
        date: date.value(),
        cargo: cargo.value,
        qty: qty.value,
        opt: optimize.value,
        alt: alternatives.value === '0' ? undefined : alternatives.value,
        modes: checked.length === MODES.length ? undefined : checked.join(','),
        pick: undefined,
      },
      true,
    );
    void search(ctx, results, layers, { fromBox, toBox }, submit);
  });

  replace(ctx.panel, h('h2', { class: 'view-heading' }, t('planner.heading')), form, results);
  if (q.from && q.to) await search(ctx, results, layers, { fromBox, toBox }, submit);
  else void ctx.map.setRoute(null);
}

async function search(
  ctx: ViewContext,
  results: HTMLElement,
  layers: AtlasLayers | null,
  boxes: { fromBox: ReturnType<typeof searchBox>; toBox: ReturnType<typeof searchBox> },
  submit: HTMLButtonElement,
): Promise<void> {
  const q = queryFromUrl();
  disposeCharts();
  boxes.fromBox.setInvalid(false);
  boxes.toBox.setInvalid(false);
  replace(results, loadingLine());
  results.setAttribute('aria-busy', 'true');
  submit.disabled = true;
  void paintCrossings(ctx.map, q.date).catch(() => {});
  try {
    const r = await getJson<RouteResult>('/api/route', {
      from: q.from,
      to: q.to,
      date: q.date,
      cargo: q.cargo,
      qty: q.qty,
      optimize: q.optimize,
      alternatives: q.alternatives || undefined,
      modes: q.modes.length > 0 && q.modes.length < MODES.length ? q.modes.join(',') : undefined,
    });
    const regimes = await crossingRegimes(q.date).catch(() => null);
    showResults(ctx, results, r, layers, q.pick, regimes);
  } catch (e) {
    const parameter = (e as { body?: { parameter?: string } }).body?.parameter ?? '';
    if (parameter === 'from') boxes.fromBox.setInvalid(true);
    if (parameter === 'to') boxes.toBox.setInvalid(true);
    replace(
      results,
      errorBox(e, undefined, {
        from: t('planner.from'),
        to: t('planner.to'),
        date: t('planner.date'),
        qty: t('planner.quantity'),
        cargo: t('planner.cargo'),
        modes: t('planner.modes'),
        alternatives: t('planner.alternatives'),
      }),
    );
    void ctx.map.setRoute(null);
  } finally {
    results.setAttribute('aria-busy', 'false');
    submit.disabled = false;
  }
}

function showResults(
  ctx: ViewContext,
  el: HTMLElement,
  r: RouteResult,
  layers: AtlasLayers | null,
  pick: number,
  regimes: Awaited<ReturnType<typeof crossingRegimes>> | null,
) {
  const q = queryFromUrl();
  const notUsed = regimes ? whyNot(regimes, r.itineraries, q.date) : null;
  if (r.itineraries.length === 0) {
    replace(
      el,
      h('p', { class: 'notice', role: 'status' }, t('planner.noResults')),
      noRouteReason(r, namer(layers)),
      notUsed,
    );
    void ctx.map.setRoute(null);
    return;
  }
  const selected = Math.min(Math.max(0, pick), r.itineraries.length - 1);
  const n = namer(layers);
  const cards = r.itineraries.map((it, i) => itineraryCard(it, i, i === selected, () => select(i), n));
  const chartEl = h('div', { class: 'chart chart-small', role: 'img', 'aria-label': t('planner.pareto') });
  const draw = (i: number) => {
    const it = r.itineraries[i];
    void ctx.map.setRoute(routeGeometry(it, layers, i)).then(() => pinsFor(ctx, it, n, layers));
  };
  const select = (i: number) => {
    setParams({ pick: i === 0 ? undefined : i });
    for (const [j, c] of cards.entries()) c.setAttribute('aria-current', String(j === i));
    draw(i);
  };
  // the router returns the best itinerary and up to `alternatives` more that differ materially
  const asked = q.alternatives + 1;
  const fewer =
    q.alternatives > 0 && r.itineraries.length < asked
      ? h(
          'p',
          { class: 'notice fewer-alternatives', role: 'status' },
          t('planner.fewerAlternatives', { asked, count: r.itineraries.length }),
        )
      : null;
  replace(
    el,
    h('h3', null, t('planner.results', { count: r.itineraries.length })),
    fewer,
    routeTools(r, layers),
    h('p', { class: 'muted basis' }, t('planner.basis')),
    h('ol', { class: 'itineraries' }, cards),
    notUsed,
    h('h3', null, t('planner.pareto')),
    chartEl,
  );
  draw(selected);
  void mountChart(chartEl, paretoOption(r.itineraries)).then((chart) => {
    chart.on('click', (p) => {
      if (typeof p.dataIndex === 'number') select(p.dataIndex);
    });
  });
}

function pinsFor(ctx: ViewContext, it: Itinerary, n: Namer, layers: AtlasLayers | null): void {
  const at = (id: string) => {
    const g = layers?.byId.get(`place:${id}`)?.geometry;
    return g?.type === 'Point' ? (g.coordinates as [number, number]) : null;
  };
  const first = it.legs[0];
  const last = it.legs.at(-1);
  if (!first || !last) return;
  const a = at(first.from);
  const b = at(last.to);
  ctx.map.setPins([
    ...(a
      ? [
          {
            coords: a,
            label: `${t('planner.from')}: ${n.place(first.from, first.fromName)}`,
            end: 'start' as const,
          },
        ]
      : []),
    ...(b
      ? [{ coords: b, label: `${t('planner.to')}: ${n.place(last.to, last.toName)}`, end: 'end' as const }]
      : []),
  ]);
}

function itineraryCard(
  it: Itinerary,
  i: number,
  current: boolean,
  onShow: () => void,
  n: Namer,
): HTMLElement {
  const best = fmtList(it.bestFor.map((k) => t(`planner.optimizeKind.${k}`)));
  return h(
    'li',
    { class: 'itinerary', 'aria-current': String(current), dataset: { index: String(i) } },
    h(
      'div',
      { class: 'itinerary-head' },
      h('strong', null, t('planner.itinerary', { n: i + 1 })),
      best ? h('span', { class: 'muted' }, ` — ${t('planner.bestFor', { what: best })}`) : null,
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: onShow }, t('planner.show')),
    ),
    h(
      'dl',
      { class: 'totals' },
      h('dt', null, t('planner.time')),
      h('dt', null, t('planner.cost')),
      h('dt', null, t('planner.co2e')),
      h('dt', null, t('planner.distance')),
      h('dd', null, fmtHours(it.totals.hours)),
      h('dd', null, fmtMoneyUsd(it.totals.costUsd)),
      h('dd', null, t('units.kg', { value: fmtNumber(Math.round(it.totals.co2eKg)) })),
      h('dd', null, t('units.km', { value: fmtNumber(Math.round(it.totals.km)) })),
    ),
    summaryLine(it, n),
    h('p', { class: 'muted' }, `${fmtDateTime(it.depart)} → ${fmtDateTime(it.arrive)}`),
    it.totals.waitHours > 0
      ? h('p', { class: 'wait' }, t('planner.totalWait', { time: fmtHours(it.totals.waitHours) }))
      : null,
    it.crossings.length > 0
      ? h(
          'p',
          { class: 'crossings-used' },
          h('strong', null, `${t('planner.crossings')}: `),
          it.crossings.map((c) => `${n.crossing(c.id, c.name)} (${t(`facility.${c.facility}`)})`).join('; '),
        )
      : null,
    h(
      'details',
      { open: current },
      h('summary', null, `${t('planner.legs')} (${it.legs.length})`),
      timeline(it, n),
    ),
    warningsList(it, n),
  );
}

function paretoOption(its: Itinerary[]): EChartsOption {
  const maxCo2 = Math.max(...its.map((i) => i.totals.co2eKg), 1);
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 16, bottom: 44 },
    xAxis: {
      type: 'value' as const,
      name: t('planner.timeDays'),
      nameLocation: 'middle' as const,
      nameGap: 26,
      scale: true,
    },
    yAxis: { type: 'value' as const, name: t('planner.costUsd'), scale: true },
    tooltip: { trigger: 'item' as const },
    series: [
      {
        type: 'scatter' as const,
        data: its.map((it, i) => ({
          value: [
            Math.round(it.totals.days * 10) / 10,
            Math.round(it.totals.costUsd),
            Math.round(it.totals.co2eKg),
          ],
          name: t('planner.itinerary', { n: i + 1 }),
          symbolSize: 10 + 30 * Math.sqrt(it.totals.co2eKg / maxCo2),
        })),
        label: {
          show: true,
          formatter: (p: unknown) => String((p as { dataIndex: number }).dataIndex + 1),
          position: 'inside' as const,
          color: '#fff',
        },
        itemStyle: { color: '#0b4f6c', opacity: 0.85 },
        tooltip: {
          formatter: (x: unknown) => {
            const p = x as { name: string; value: number[] };
            return `${p.name}\n${t('planner.timeDays')}: ${fmtNumber(p.value[0])}\n${t('planner.cost')}: ${fmtMoneyUsd(p.value[1])}\n${t('planner.co2e')}: ${fmtNumber(p.value[2])} kg`;
          },
        },
      },
    ],
  };
}
