/**
 * The Amur web app: a map-first interface to the atlas, the router, the trade
 * observatory and scenarios. State lives in the URL; every label follows the
 * chosen language; everything it loads comes from the same server.
 */
import './styles.css';
import { getJson } from './api.ts';
import { atlasLayers, crossingRegimes, featureName } from './atlas.ts';
import { h, replace } from './dom.ts';
import type { Health } from './health.ts';
import {
  initI18n,
  initialLanguage,
  isLang,
  type Lang,
  lang,
  setLanguage,
  t,
  translateStatic,
} from './i18n.ts';
import { layersControl } from './layers-control.ts';
import { basemapUrls } from './map/basemap.ts';
import { fetchBorderRivers } from './map/leg-lines.ts';
import { AmurMap } from './map/map.ts';
import { onNavigate, param, setParams } from './state.ts';
import { errorBox } from './ui.ts';
import { mapDate, paintCrossings, renderOverview, type ViewContext } from './views/overview.ts';

// the views other than the opening one load when first shown (their own chunks)
const loadPlanner = () => import('./views/planner.ts');
const loadTrade = () => import('./views/trade.ts');
const loadScenarios = () => import('./views/scenarios.ts');

const VIEWS = ['overview', 'planner', 'trade', 'scenarios'] as const;
type ViewName = (typeof VIEWS)[number];

function currentView(): ViewName {
  const v = param('view');
  return (VIEWS as readonly string[]).includes(v ?? '') ? (v as ViewName) : 'overview';
}

async function boot(): Promise<void> {
  const language = initialLanguage(param('lang'));
  await initI18n(language);
  translateStatic();

  const panel = document.getElementById('panel')!;
  const mapEl = document.getElementById('map')!;
  const status = document.getElementById('map-status')!;
  const map = new AmurMap(mapEl, t('map.label'), basemapUrls());
  map.setControlLabels(t('map.zoomIn'), t('map.zoomOut'));
  const ctx: ViewContext = { map, panel };
  let health: Health | null = null;
  const healthPromise = getJson<Health>('/api/health').then((x) => {
    health = x;
    return x;
  });

  const langSelect = document.getElementById('lang-select') as HTMLSelectElement;
  langSelect.value = language;
  let controls = layersControl(map);
  mapEl.appendChild(controls);

  const drawLabels = async () => {
    const layers = await atlasLayers();
    map.setPlaceLabels(
      layers.place.features.map((f) => ({
        id: String(f.properties.id),
        coords: (f.geometry as GeoJSON.Point).coordinates as [number, number],
        label: featureName(f.properties),
        rank: placeRank(f.properties),
      })),
    );
  };

  // on a phone the tabs fold into a menu behind one button
  const topbar = document.querySelector<HTMLElement>('.topbar')!;
  const menuButton = document.getElementById('menu-button') as HTMLButtonElement;
  const menuCurrent = document.getElementById('menu-current')!;
  const setMenu = (open: boolean) => {
    topbar.dataset.menuOpen = String(open);
    menuButton.setAttribute('aria-expanded', String(open));
  };
  menuButton.addEventListener('click', () => {
    const open = menuButton.getAttribute('aria-expanded') !== 'true';
    setMenu(open);
    if (open) document.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')?.focus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menuButton.getAttribute('aria-expanded') === 'true') {
      setMenu(false);
      menuButton.focus();
    }
  });

  let renderTicket = 0;
  const render = async () => {
    const ticket = ++renderTicket;
    const view = currentView();
    for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const selected = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${view}`);
    menuCurrent.dataset.i18n = `tabs.${view}`;
    menuCurrent.textContent = t(`tabs.${view}`);
    // what one view drew on the map goes with it
    if (view !== 'planner') void map.setRoute(null, false);
    if (view !== 'scenarios') void map.setComparison(null);
    document.body.dataset.view = view;
    try {
      const hh = health ?? (await healthPromise);
      if (ticket !== renderTicket) return;
      if (view === 'overview') await renderOverview(ctx);
      else {
        void paintCrossings(map, mapDate()).catch(() => {});
        if (view === 'planner') await (await loadPlanner()).renderPlanner(ctx, hh);
        else if (view === 'trade') await (await loadTrade()).renderTrade(ctx, hh);
        else await (await loadScenarios()).renderScenarios(ctx, hh);
      }
    } catch (e) {
      if (ticket === renderTicket)
        replace(
          panel,
          errorBox(e, () => void render()),
        );
    }
  };

  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    tab.addEventListener('click', () => {
      setMenu(false);
      if (tab.dataset.view === currentView()) return;
      setParams(
        { view: tab.dataset.view === 'overview' ? undefined : tab.dataset.view, crossing: undefined },
        true,
      );
      void render();
    });
    tab.addEventListener('keydown', (e) => {
      const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
      const i = tabs.indexOf(tab);
      let j = -1;
      if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === 'Home') j = 0;
      else if (e.key === 'End') j = tabs.length - 1;
      if (j >= 0) {
        e.preventDefault();
        tabs[j].focus();
        tabs[j].click();
      }
    });
  }

  langSelect.addEventListener('change', async () => {
    const l = langSelect.value;
    if (!isLang(l)) return;
    await setLanguage(l as Lang);
    setParams({ lang: l });
    translateStatic();
    map.setAriaLabel(t('map.label'));
    map.setControlLabels(t('map.zoomIn'), t('map.zoomOut'));
    controls.remove();
    controls = layersControl(map);
    mapEl.appendChild(controls);
    void drawLabels().catch(() => {});
    await render();
  });

  // links inside the panel that point at a crossing open it without reloading the page
  panel.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-crossing]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    setParams({ view: undefined, crossing: a.dataset.crossing }, true);
    void render();
  });
  map.onCrossingClick((id) => {
    setParams({ view: undefined, crossing: id }, true);
    void render();
  });
  onNavigate(() => {
    const l = param('lang');
    if (isLang(l) && l !== lang()) {
      langSelect.value = l;
      langSelect.dispatchEvent(new Event('change'));
    } else void render();
  });

  status.textContent = t('app.loading');
  // the crossings' states and the map's data are asked for at once. The light basemap is fetched
  // and parsed by MapLibre's worker from the moment the map exists (so the panel's words, the
  // largest paint, are not held up); it goes onto the map with the rivers and the atlas in one
  // task once all are parsed (AmurMap.setLayers): without a GPU every frame MapLibre draws is
  // costly, and layers that arrive one by one each cost frames of their own. Until the view's
  // tiles are all made, the map draws one frame only (FrameGate, web/src/map/frame-gate.ts).
  void crossingRegimes(mapDate()).catch(() => {});
  const rivers = fetchBorderRivers();
  const firstView = render();
  const layersDrawn = Promise.all([atlasLayers(), rivers]).then(([layers, riverData]) => {
    performance.mark('amur:atlas-fetched');
    return map.setLayers(riverData, {
      links: layers.link,
      zones: layers.zone,
      corridors: layers.corridor,
      places: layers.place,
    });
  });
  await firstView;
  try {
    await Promise.all([layersDrawn, drawLabels()]);
    await map.whenDrawn();
    status.textContent = '';
    performance.mark('amur:map-ready');
    mapEl.dataset.ready = 'true';
  } catch (e) {
    replace(status, errorBox(e));
    return;
  }
  // the full 1:50m basemap (drawn from DETAIL_ZOOM on) is fetched and parsed once the first view is drawn
  void map.addBasemapDetail().catch(() => {});
}

/**
 * Which place names show at low zoom (the atlas gives few populations, so
 * a place's role stands in): hubs with an airport and a rail yard or
 * seaport first, then cities with an airport, seaport or border post, then
 * other cities. Collisions decide the rest (see AmurMap).
 */
function placeRank(p: Record<string, unknown>): number {
  const pop = Number(p.population ?? 0);
  const kinds = new Set(String(p.place_kinds ?? '').split(';'));
  if (pop >= 3_000_000) return 3;
  if (!kinds.has('city')) return 0;
  if (kinds.has('airport') && (kinds.has('rail-yard') || kinds.has('seaport'))) return 3;
  if (pop >= 500_000 || kinds.has('airport') || kinds.has('seaport') || kinds.has('border-post')) return 2;
  return 1;
}

void boot().catch((e) => {
  const panel = document.getElementById('panel');
  if (panel) replace(panel, errorBox(e));
  else document.body.append(h('p', { role: 'alert' }, String(e)));
});
