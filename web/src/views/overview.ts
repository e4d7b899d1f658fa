/**
 * The first screen: the whole border on the map, every crossing coloured by
 * its state on the chosen date (today by default), the nearest regime changes
 * named, and a date slider to watch the border through the year. A crossing
 * (clicked on the map or in the list) opens its regime, sources and dates.
 */

import { reasonText, stateName } from '../../../src/i18n/messages.ts';
import { monthDayText } from '../../../src/i18n/seasons.ts';
import { getJson } from '../api.ts';
import {
  type AtlasLayers,
  atlasLayers,
  type CrossingLook,
  type CrossingRegime,
  crossingRegimes,
  featureName,
} from '../atlas.ts';
import { dateField } from '../date-field.ts';
import { h, replace, uid } from '../dom.ts';
import { fmtDate, fmtHours, fmtList, lang, nameOf, t } from '../i18n.ts';
import { LAYER_EVENT } from '../layers-control.ts';
import type { AmurMap } from '../map/map.ts';
import { searchBox } from '../search-box.ts';
import { addDays, daysBetween, isIsoDate, param, setParams, todayIso } from '../state.ts';
import { changeSentence, errorBox, loadingLine, lookBadge, serviceName, when } from '../ui.ts';

export interface ViewContext {
  map: AmurMap;
  panel: HTMLElement;
}

const LOOKS: CrossingLook[] = ['open', 'seasonal', 'closed', 'planned'];
/** Services of these modes carry energy, not freight: their crossings go on the energy layer. */
const ENERGY_MODES = new Set(['pipeline', 'power', 'cable']);

/** Every service is a pipeline, power line or cable: the crossing is on the energy layer. */
function isEnergy(r: CrossingRegime): boolean {
  return r.services.length > 0 && r.services.every((s) => ENERGY_MODES.has(s.mode));
}

/** The map date: `date` in the URL, else today. */
export function mapDate(): string {
  const d = param('date');
  return isIsoDate(d) ? d : todayIso();
}

/** Colours the crossing markers for a date (used by every view). */
export async function paintCrossings(map: AmurMap, date: string): Promise<CrossingRegime[]> {
  const [layers, regimes] = await Promise.all([atlasLayers(), crossingRegimes(date)]);
  map.setCrossings(
    regimes.flatMap((r) => {
      const f = layers.byId.get(`crossing:${r.id}`);
      if (f?.geometry.type !== 'Point') return [];
      const next = r.next ? nextText(r) : '';
      return [
        {
          id: r.id,
          coords: f.geometry.coordinates as [number, number],
          label: nameOf(r.names),
          look: r.look,
          description: `${nameOf(r.names)}: ${t(`look.${r.look}`)}${next ? `. ${next}` : ''}`,
          energy: isEnergy(r),
        },
      ];
    }),
  );
  return regimes;
}

function nextText(r: CrossingRegime): string {
  if (!r.next) return '';
  const s = r.services.find((x) => x.id === r.next!.service);
  return s ? changeSentence(r, s, r.next) : '';
}

export async function renderOverview(ctx: ViewContext): Promise<void> {
  const crossingId = param('crossing');
  if (crossingId) {
    await renderCrossing(ctx, crossingId);
    return;
  }
  const date = mapDate();
  const today = todayIso();
  const year = Number(date.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const yearDays = daysBetween(jan1, `${year + 1}-01-01`);
  const sliderId = uid('slider');

  const heading = h('h2', { class: 'view-heading' });
  const summary = h('div', { class: 'look-summary' });
  const upcoming = h('section', { class: 'upcoming', 'aria-labelledby': 'upcoming-h' });
  const list = h('section', { class: 'crossing-list', 'aria-labelledby': 'crossings-h' }, loadingLine());

  const dateInput = dateField({
    value: date,
    label: t('overview.date'),
    onChange: (d) => {
      setParams({ date: d === today ? undefined : d }, true);
      if (d.slice(0, 4) !== String(year)) void renderOverview(ctx);
      else {
        slider.value = String(daysBetween(jan1, d));
        void show(d);
      }
    },
  });
  const slider = h('input', {
    id: sliderId,
    type: 'range',
    min: 0,
    max: yearDays - 1,
    step: 1,
    value: daysBetween(jan1, date),
  });

  let pending = 0;
  let shown: { regimes: CrossingRegime[]; layers: AtlasLayers } | undefined;
  // the list follows the map's energy layer: refilled when the layer menu turns it on or off
  const onLayer = (e: Event) => {
    if (!list.isConnected) {
      document.removeEventListener(LAYER_EVENT, onLayer);
      return;
    }
    if ((e as CustomEvent<{ group: string }>).detail.group === 'energy' && shown)
      fillList(list, shown.regimes, shown.layers, ctx.map.isGroupVisible('energy'));
  };
  document.addEventListener(LAYER_EVENT, onLayer);
  const show = async (d: string) => {
    const ticket = ++pending;
    setHeading(heading, d, today);
    slider.setAttribute('aria-valuetext', fmtDate(d, 'long'));
    try {
      const regimes = await paintCrossings(ctx.map, d);
      if (ticket !== pending) return;
      const layers = await atlasLayers();
      fillSummary(summary, regimes);
      fillUpcoming(upcoming, regimes);
      shown = { regimes, layers };
      fillList(list, regimes, layers, ctx.map.isGroupVisible('energy'));
    } catch (e) {
      if (ticket === pending)
        replace(
          list,
          errorBox(e, () => void show(d)),
        );
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  slider.addEventListener('input', () => {
    const d = addDays(jan1, Number(slider.value));
    dateInput.set(d);
    setHeading(heading, d, today);
    clearTimeout(timer);
    timer = setTimeout(() => {
      setParams({ date: d === today ? undefined : d });
      void show(d);
    }, 60);
  });

  const finder = searchBox({
    label: t('overview.find'),
    name: 'q',
    onChoose: (c) => {
      if (c.kind === 'crossing') {
        setParams({ crossing: c.id }, true);
        void renderOverview(ctx);
        return;
      }
      void atlasLayers().then((layers) => {
        const f = layers.byId.get(`${c.kind}:${c.id}`);
        const g = f?.geometry;
        const at = g?.type === 'Point' ? (g.coordinates as [number, number]) : null;
        if (!at || !f) return;
        ctx.map.flyTo(at, 6);
        ctx.map.showPopup(
          at,
          h(
            'div',
            { class: 'place-popup', dataset: { id: c.id } },
            h('strong', null, nameOf(c.names)),
            h(
              'div',
              { class: 'muted' },
              [c.names.en, c.names.zh, c.names.ru].filter((n) => n !== nameOf(c.names)).join(' · '),
            ),
            f.properties.unlocode ? h('div', { class: 'muted' }, `UN/LOCODE ${f.properties.unlocode}`) : null,
          ),
        );
      });
    },
  });

  replace(
    ctx.panel,
    heading,
    finder.element,
    h(
      'div',
      { class: 'date-controls' },
      h('label', { for: dateInput.id }, t('overview.date')),
      dateInput.element,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            setParams({ date: undefined }, true);
            void renderOverview(ctx);
          },
        },
        t('overview.todayButton'),
      ),
      h('label', { for: sliderId, class: 'slider-label' }, t('overview.slider', { year })),
      slider,
    ),
    summary,
    upcoming,
    list,
  );
  await show(date);
}

function setHeading(el: HTMLElement, date: string, today: string): void {
  replace(
    el,
    t('overview.heading', { date: fmtDate(date, 'long') }),
    date === today ? h('span', { class: 'today-badge' }, t('overview.today')) : null,
  );
}

function fillSummary(el: HTMLElement, regimes: CrossingRegime[]): void {
  const counts = new Map<CrossingLook, number>(LOOKS.map((l) => [l, 0]));
  for (const r of regimes) counts.set(r.look, (counts.get(r.look) ?? 0) + 1);
  replace(
    el,
    h('p', null, t('overview.summary', { count: regimes.length })),
    h(
      'ul',
      { class: 'look-counts', 'aria-label': t('map.legend') },
      LOOKS.map((l) => h('li', { dataset: { look: l } }, lookBadge(l, `${counts.get(l)} ${t(`look.${l}`)}`))),
    ),
  );
}

function fillUpcoming(el: HTMLElement, regimes: CrossingRegime[]): void {
  const items = regimes
    .filter((r) => r.next)
    .sort((a, b) => a.next!.inDays - b.next!.inDays || a.id.localeCompare(b.id))
    .slice(0, 5);
  replace(
    el,
    h('h3', { id: 'upcoming-h' }, t('overview.upcoming')),
    items.length === 0
      ? h('p', null, t('overview.noUpcoming'))
      : h(
          'ol',
          { class: 'upcoming-list' },
          items.map((r) =>
            h(
              'li',
              null,
              h('a', { href: crossingHref(r.id), dataset: { crossing: r.id } }, nextText(r)),
              ' ',
              h('span', { class: 'muted' }, `(${fmtDate(r.next!.date)})`),
            ),
          ),
        ),
  );
}

function crossingHref(id: string): string {
  const p = new URLSearchParams(location.search);
  p.set('view', 'overview');
  p.set('crossing', id);
  return `?${p.toString()}`;
}

function fillList(el: HTMLElement, all: CrossingRegime[], layers: AtlasLayers, showEnergy: boolean): void {
  // as on the map: pipelines, power lines and cables only while the energy layer is on
  const regimes = showEnergy ? all : all.filter((r) => !isEnergy(r));
  const hiddenEnergy = all.length - regimes.length;
  const energyNote =
    hiddenEnergy > 0
      ? h('p', { class: 'energy-hidden note' }, t('overview.energyHidden', { count: hiddenEnergy }))
      : null;
  if (regimes.length === 0) {
    replace(
      el,
      h('h3', { id: 'crossings-h' }, t('overview.crossings')),
      h('p', null, t('overview.noCrossings')),
      energyNote,
    );
    return;
  }
  const collator = new Intl.Collator(lang());
  const sorted = [...regimes].sort(
    (a, b) =>
      LOOKS.indexOf(a.look) - LOOKS.indexOf(b.look) || collator.compare(nameOf(a.names), nameOf(b.names)),
  );
  void layers;
  replace(
    el,
    h('h3', { id: 'crossings-h' }, t('overview.crossings')),
    energyNote,
    h(
      'table',
      { class: 'data-table crossings-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('overview.crossings')),
          h('th', { scope: 'col' }, t('overview.state')),
          h('th', { scope: 'col' }, t('overview.nextChange')),
        ),
      ),
      h(
        'tbody',
        null,
        sorted.map((r) => {
          const s = r.next ? r.services.find((x) => x.id === r.next!.service) : undefined;
          return h(
            'tr',
            {
              dataset: isEnergy(r)
                ? { crossing: r.id, look: r.look, energy: 'true' }
                : { crossing: r.id, look: r.look },
            },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: crossingHref(r.id), dataset: { crossing: r.id } }, nameOf(r.names)),
            ),
            h('td', null, lookBadge(r.look)),
            h(
              'td',
              null,
              r.next && s
                ? `${serviceName(s)}: ${t(`state.${r.next.state}`)} ${when(r.next)}`
                : t('overview.none'),
            ),
          );
        }),
      ),
    ),
  );
}

/** `GET /api/atlas/crossings/{id}`: the record as `amur atlas show ID --json` prints it. */
interface CrossingRecord {
  id: string;
  names: { en: string; zh: string; ru: string };
  sides: [string, string];
  boundary: string;
  note?: string;
  services: {
    id: string;
    calendar?: { seasons?: { from: string; to: string }[] };
    clearance?: { typical: number };
    cargo?: string[];
    note?: string;
  }[];
  /** Every source cited in the record, resolved (`missing` only in an atlas with errors). */
  sources: {
    id: string;
    title?: string;
    author?: string;
    publisher?: string;
    year?: number;
    url?: string;
    missing?: true;
  }[];
}

async function renderCrossing(ctx: ViewContext, id: string): Promise<void> {
  const date = mapDate();
  const back = h(
    'button',
    {
      type: 'button',
      class: 'secondary back',
      onclick: () => {
        setParams({ crossing: undefined }, true);
        void renderOverview(ctx);
      },
    },
    `← ${t('crossing.close')}`,
  );
  const dateControl = dateField({
    value: date,
    label: t('overview.date'),
    onChange: (d) => {
      setParams({ date: d === todayIso() ? undefined : d }, true);
      void renderCrossing(ctx, id);
    },
  });
  const dateRow = h(
    'div',
    { class: 'date-controls' },
    h('label', { for: dateControl.id }, t('overview.date')),
    dateControl.element,
  );
  replace(ctx.panel, back, dateRow, loadingLine());
  try {
    const [rec, regime, layers] = await Promise.all([
      getJson<CrossingRecord>(`/api/atlas/crossings/${encodeURIComponent(id)}`),
      getJson<CrossingRegime>(`/api/atlas/crossings/${encodeURIComponent(id)}/state`, { date }),
      atlasLayers(),
      paintCrossings(ctx.map, date),
    ]);
    const f = layers.byId.get(`crossing:${id}`);
    if (f?.geometry.type === 'Point') ctx.map.flyTo(f.geometry.coordinates as [number, number], 6);
    const sideName = (pid: string) => featureName(layers.byId.get(`place:${pid}`)?.properties) || pid;
    const c = rec;
    replace(
      ctx.panel,
      back,
      h('h2', { class: 'view-heading', tabindex: -1 }, nameOf(c.names), ' ', lookBadge(regime.look)),
      dateRow,
      h(
        'p',
        { class: 'muted other-names' },
        (['en', 'zh', 'ru'] as const)
          .filter((l) => c.names[l] && c.names[l] !== nameOf(c.names))
          .flatMap((l, i) => [i > 0 ? ' · ' : '', h('span', { lang: l }, c.names[l])]),
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('crossing.sides')),
        h('dd', null, `${sideName(c.sides[0])} — ${sideName(c.sides[1])}`),
        h('dt', null, t('crossing.boundary')),
        h('dd', null, t(`boundary.${c.boundary}`, { defaultValue: c.boundary })),
      ),
      h('h3', null, t('crossing.services', { date: fmtDate(date) })),
      h(
        'ul',
        { class: 'services' },
        regime.services.map((s) => {
          const detail = c.services.find((x) => x.id === s.id);
          return h(
            'li',
            { dataset: { service: s.id, state: s.state } },
            h('strong', null, `${serviceName(s)} (${t(`mode.${s.mode}`)})`),
            ': ',
            t(`state.${s.state}`),
            // a season reason repeats the seasons listed below it
            s.reason &&
              reasonText(s.reason, lang()) !== stateName(s.state, lang()) &&
              !(s.state === 'seasonal-closed' && detail?.calendar?.seasons?.length)
              ? h('span', { class: 'muted' }, ` — ${reasonText(s.reason, lang())}`)
              : null,
            detail?.calendar?.seasons?.map((se) =>
              h(
                'div',
                { class: 'muted' },
                t('crossing.season', {
                  from: monthDayText(se.from, lang()),
                  to: monthDayText(se.to, lang()),
                }),
              ),
            ),
            detail?.clearance
              ? h(
                  'div',
                  { class: 'muted' },
                  t('crossing.clearance', { hours: fmtHours(detail.clearance.typical) }),
                )
              : null,
            detail?.cargo
              ? h(
                  'div',
                  { class: 'muted' },
                  t('crossing.cargo', {
                    cargo: fmtList(detail.cargo.map((x) => t(`cargoKind.${x}`, { defaultValue: x }))),
                  }),
                )
              : null,
          );
        }),
      ),
      h('h3', null, t('crossing.changes')),
      (() => {
        const changes = regime.services
          .flatMap((s) => s.changes.map((ch) => ({ s, ch })))
          .sort((a, b) => a.ch.inDays - b.ch.inDays);
        return changes.length === 0
          ? h('p', null, t('crossing.noChanges'))
          : h(
              'ol',
              { class: 'changes' },
              changes.map(({ s, ch }) =>
                h(
                  'li',
                  null,
                  h('time', { datetime: ch.date }, fmtDate(ch.date)),
                  ' — ',
                  changeSentence(regime, s, ch),
                ),
              ),
            );
      })(),
      h('h3', null, t('crossing.sources')),
      h(
        'ul',
        { class: 'sources' },
        rec.sources.map((s) =>
          h(
            'li',
            { dataset: { source: s.id } },
            // a source by its own title and publisher (a citation, in the source's language)
            h(
              'cite',
              null,
              s.url
                ? h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title ?? s.id)
                : (s.title ?? s.id),
              [s.author, s.publisher, s.year].filter(Boolean).length > 0
                ? h(
                    'span',
                    { class: 'muted' },
                    ` — ${[s.author, s.publisher, s.year].filter(Boolean).join(', ')}`,
                  )
                : null,
            ),
          ),
        ),
      ),
    );
    ctx.panel.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  } catch (e) {
    replace(
      ctx.panel,
      back,
      errorBox(e, () => void renderCrossing(ctx, id)),
    );
  }
}

export { LOOKS };
