/**
 * The map: MapLibre GL JS over the offline basemap, the atlas drawn in layers
 * by channel (Song 2019, Table 2: rail by gauge, road, river, sea, air,
 * pipeline, power, cable), zones and corridors as layers, places as dots, and
 * crossings as HTML markers (buttons: focusable, labelled, coloured and shaped
 * by their state on the chosen date). Labels are HTML, so no glyph server is
 * needed and nothing is fetched from outside.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { h } from '../dom.ts';
import { addBasemapLayers, BASEMAP_LEVELS, DETAIL_ZOOM } from './basemap.ts';
import { FrameGate } from './frame-gate.ts';
import { addBorderRiverLayers, addBorderRiversSource, LegLines, splitSchematic } from './leg-lines.ts';

maplibregl.setWorkerUrl(workerUrl);
// MapLibre's one worker. A second (basemap and atlas tiles side by side) cost ~300 ms more CPU per load on
// the shared 2-core machine; map ready medians with two were 1.14x, 0.85x and 1.13x those with one
// (1366x768, 1440x900, phone 390x844; bench/web-load.ts, 5 loads each, load average 5-9)

/** The channels of Song's Table 2, plus the groups the map can show or hide. */
export const LINK_GROUPS = [
  'rail-1435',
  'rail-1520',
  'rail-other',
  'road',
  'river',
  'sea',
  'air',
  'pipeline',
  'power',
  'cable',
] as const;
export type LinkGroup = (typeof LINK_GROUPS)[number];
/** Energy channels: pipelines, power lines and cables, shown together as one layer (off by default). */
export const ENERGY_GROUPS: readonly LinkGroup[] = ['pipeline', 'power', 'cable'];
export const OTHER_GROUPS = ['crossings', 'places', 'zones', 'corridors', 'energy'] as const;
export type LayerGroup = LinkGroup | (typeof OTHER_GROUPS)[number];

export const GROUP_COLOUR: Record<LinkGroup, string> = {
  'rail-1435': '#7b2d26',
  'rail-1520': '#d1495b',
  'rail-other': '#9c6644',
  road: '#c77d12',
  river: '#1f78b4',
  sea: '#184e77',
  air: '#6a4c93',
  pipeline: '#138a72',
  power: '#a68a00',
  cable: '#5c677d',
};

const GROUP_FILTER: Record<LinkGroup, maplibregl.ExpressionSpecification> = {
  'rail-1435': ['all', ['==', ['get', 'mode'], 'rail'], ['==', ['to-string', ['get', 'gauge']], '1435']],
  'rail-1520': ['all', ['==', ['get', 'mode'], 'rail'], ['==', ['to-string', ['get', 'gauge']], '1520']],
  'rail-other': [
    'all',
    ['==', ['get', 'mode'], 'rail'],
    ['!', ['in', ['to-string', ['get', 'gauge']], ['literal', ['1435', '1520']]]],
  ],
  road: ['==', ['get', 'mode'], 'road'],
  river: ['==', ['get', 'mode'], 'river'],
  sea: ['==', ['get', 'mode'], 'sea'],
  air: ['==', ['get', 'mode'], 'air'],
  pipeline: ['==', ['get', 'mode'], 'pipeline'],
  power: ['==', ['get', 'mode'], 'power'],
  cable: ['==', ['get', 'mode'], 'cable'],
};

const GROUP_DASH: Partial<Record<LinkGroup, number[]>> = {
  sea: [3, 2],
  air: [1, 2],
  cable: [1, 1.5],
  power: [4, 1, 1, 1],
  'rail-other': [2, 1],
};

/** The map layers of a link group: its measured links (solid) and its schematic ones (dashed). */
function linkLayers(g: LinkGroup): string[] {
  return [`links-${g}`, `links-${g}-schematic`];
}

const GROUP_WIDTH: Partial<Record<LinkGroup, number>> = { sea: 1.3, air: 1.1, cable: 1.1 };

/** The state of a crossing on a date, as the map colours it. */
export type CrossingLook = 'open' | 'seasonal' | 'closed' | 'planned';

export interface CrossingMarkerInfo {
  id: string;
  coords: [number, number];
  label: string;
  look: CrossingLook;
  /** Accessible description: name, state and next change. */
  description: string;
  /** Every service is a pipeline, power line or cable: drawn on the energy layer. */
  energy: boolean;
}

/** Markers closer than this (px) are spread so that none hides another. */
const SPREAD_PX = 18;
/** The vertical step between spread markers (px). */
const SPREAD_STEP = 20;

export interface PlaceLabel {
  id: string;
  coords: [number, number];
  label: string;
  /** Higher shows at lower zoom. */
  rank: number;
}

/** The route being shown: a colour no channel uses. */
export const ROUTE_COLOUR = '#ff2e88';
/** A scenario comparison: the route before (under the route after). */
export const COMPARE_BEFORE_COLOUR = '#1b6fd1';

/** The sea: the map's background layer, and its container's colour until the first frame is drawn. */
const SEA_COLOUR = '#c9dfea';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The margin each GeoJSON tile keeps around it (MapLibre's units: 512 per
 * tile side; its default 128 makes a tile 2.25 times its own area): enough
 * for the widest line (the route's 9 px casing) and circle (9 px) drawn; the
 * tile's stencil clips the rest. Less geometry to clip and tessellate per
 * tile: the tiles of the first view are what the map waits for.
 */
export const TILE_BUFFER = 16;

/** The atlas as the map draws it: one source, each feature's `kind` (link, zone, corridor, place) picks its layers. */
export interface AtlasData {
  links: FeatureCollection;
  zones: FeatureCollection;
  corridors: FeatureCollection;
  places: FeatureCollection;
}

const ofKind = (kind: string): maplibregl.ExpressionSpecification => ['==', ['get', 'kind'], kind];

/** The region the atlas is about: the border and its hinterland. */
export const BORDER_BOUNDS: LngLatBoundsLike = [
  [112, 38.5],
  [142, 54.5],
];

export class AmurMap {
  readonly map: maplibregl.Map;
  private readonly crossingMarkers = new Map<
    string,
    { marker: maplibregl.Marker; el: HTMLButtonElement; info: CrossingMarkerInfo }
  >();
  private placeMarkers: maplibregl.Marker[] = [];
  private pins: maplibregl.Marker[] = [];
  private hidden = new Set<LayerGroup>();
  private readonly loaded: Promise<void>;
  /** Resolves once the style is in place (sources and layers can be added; nothing drawn yet). */
  private readonly styleLoaded: Promise<void>;
  /** Holds frames back until the first view's tiles are all made (FrameGate). */
  private readonly gate: FrameGate;
  /** Resolves once the route and comparison sources exist (`setLayers`). */
  private readonly overlaysAdded: Promise<void>;
  private overlaysAddedNow: () => void = () => {};
  /** Per overlay (route, comparison): whether it holds features, and the number of its latest call. */
  private readonly overlays = { route: { drawn: false, call: 0 }, compare: { drawn: false, call: 0 } };
  private crossingClick: (id: string) => void = () => {};
  private popup: maplibregl.Popup | null = null;
  private legLines: LegLines;

  /** The full basemap's URL, added once the first view is drawn (`addBasemapDetail`). */
  private readonly basemapDetailUrl: string;

  /**
   * The map, with the light basemap's source in its style from the start, so
   * that MapLibre's worker fetches and parses it while the page loads the
   * atlas (its layers come with the atlas's: `setLayers`).
   */
  constructor(container: HTMLElement, ariaLabel: string, basemap: { light: string; detail: string }) {
    this.basemapDetailUrl = basemap.detail;
    const style: StyleSpecification = {
      version: 8,
      sources: {
        [BASEMAP_LEVELS.light.source]: {
          type: 'geojson',
          data: basemap.light,
          maxzoom: DETAIL_ZOOM,
          buffer: TILE_BUFFER,
        },
      },
      layers: [{ id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOUR } }],
    };
    this.map = new maplibregl.Map({
      container,
      style,
      bounds: BORDER_BOUNDS,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true, customAttribution: 'Natural Earth · Amur atlas' },
      maxZoom: 12,
      minZoom: 1,
      renderWorldCopies: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    performance.mark('amur:map-created');
    this.gate = new FrameGate(this.map);
    container.style.backgroundColor = SEA_COLOUR;
    this.styleLoaded = new Promise((resolve) => this.map.once('style.load', () => resolve()));
    this.map.getCanvas().setAttribute('aria-label', ariaLabel);
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.legLines = new LegLines(this.map);
    // on a narrow map the attribution (Natural Earth, public domain; the atlas) folds behind its ⓘ button, as
    // MapLibre folds it on a drag: the schematic key and the OpenStreetMap credit keep the bottom line
    if (this.map.getCanvasContainer().offsetWidth <= 640)
      container
        .querySelector('.maplibregl-ctrl-bottom-right .maplibregl-ctrl-attrib')
        ?.classList.remove('maplibregl-compact-show');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.overlaysAdded = new Promise((resolve) => {
      this.overlaysAddedNow = resolve;
    });
    this.map.on('zoom', () => this.updateLabelVisibility());
    this.map.on('moveend', () => this.layoutMarkers());
    this.map.on('resize', () => this.layoutMarkers());
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Resolves once the map has drawn everything it was given (or after `ms`, whichever is first). */
  whenDrawn(ms = 10_000): Promise<void> {
    // loaded(): every change and tile drawn already; another frame (costly without a GPU) would add nothing
    if (this.map.loaded()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.map.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
      this.map.triggerRepaint();
    });
  }

  /** The zoom buttons' names in the app's language. */
  setControlLabels(zoomIn: string, zoomOut: string): void {
    const c = this.map.getContainer();
    for (const [sel, text] of [
      ['.maplibregl-ctrl-zoom-in', zoomIn],
      ['.maplibregl-ctrl-zoom-out', zoomOut],
    ] as const) {
      const b = c.querySelector<HTMLElement>(sel);
      if (!b) continue;
      b.title = text;
      b.setAttribute('aria-label', text);
    }
  }

  setAriaLabel(label: string): void {
    this.map.getCanvas().setAttribute('aria-label', label);
    this.map.getContainer().setAttribute('aria-label', label);
  }

  /**
   * Resolves once each source has its data parsed by the worker (or failed:
   * the map then draws without it). The source's own state, not the map's
   * `isSourceLoaded`, which waits for a frame (held by the FrameGate).
   */
  private sourcesLoaded(ids: string[]): Promise<void> {
    const m = this.map;
    const done = () => ids.every((id) => m.getSource(id)?.loaded());
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        m.off('sourcedata', check);
        m.off('error', check);
        resolve();
      };
      m.on('sourcedata', check);
      m.on('error', check);
    });
  }

  /**
   * Draws the light basemap, the border rivers and the atlas in one go, once
   * the worker has parsed all their data and made the view's tiles: without
   * a GPU every frame MapLibre draws is costly, and layers or tiles that
   * arrive one by one each cost frames of their own. Until then the map
   * draws nothing (FrameGate) but the one frame in which MapLibre asks for
   * the tiles; at most `maxHoldMs` after the layers are added, it draws
   * whatever it has.
   */
  async setLayers(rivers: FeatureCollection, atlas: AtlasData, maxHoldMs = 10_000): Promise<void> {
    try {
      await this.styleLoaded;
      // the atlas first: should MapLibre have several workers (it hands them to sources in turn), the
      // atlas's tiles are made by one that does not make the basemap's (the first source)
      this.setAtlasData(atlas);
      addBorderRiversSource(this.map, rivers);
      await this.sourcesLoaded([BASEMAP_LEVELS.light.source, 'border-rivers', 'atlas', 'route', 'compare']);
      performance.mark('amur:sources-parsed');
      const m = this.map;
      // bottom to top: basemap, rivers and lakes, atlas (each added once)
      if (!m.getLayer(BASEMAP_LEVELS.light.layers[0])) addBasemapLayers(m, 'light');
      addBorderRiverLayers(m);
      this.addAtlasLayers(atlas);
      if (this.gate.isClosed()) await this.viewTilesMade(maxHoldMs);
      performance.mark('amur:tiles-made');
    } finally {
      this.gate.open();
    }
  }

  /**
   * Lets the frame through in which MapLibre asks its worker for the view's
   * tiles, then resolves once every tile is made (or failed), or after `ms`.
   */
  private async viewTilesMade(ms: number): Promise<void> {
    const m = this.map;
    const asked = new Promise((resolve) => m.once('render', resolve));
    this.gate.pass();
    await asked;
    performance.mark('amur:tiles-asked');
    if (m.areTilesLoaded()) return;
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!m.areTilesLoaded()) return;
        done();
      };
      const done = () => {
        clearTimeout(timer);
        m.off('sourcedata', check);
        m.off('error', check);
        resolve();
      };
      const timer = setTimeout(done, ms);
      m.on('sourcedata', check);
      m.on('error', check);
    });
  }

  /**
   * Adds the full 1:50m basemap for zoom DETAIL_ZOOM and above, in the
   * background (call once the first view is drawn). The light basemap is
   * drawn at every zoom until the full one's tiles have been drawn at a zoom
   * of DETAIL_ZOOM or more (so the land never goes blank while they are
   * made); from then on it stops at DETAIL_ZOOM. The map element says
   * `data-basemap-detail`: `added`, then `drawn`.
   */
  async addBasemapDetail(): Promise<void> {
    await this.loaded;
    const m = this.map;
    const { source } = BASEMAP_LEVELS.detail;
    if (m.getSource(source)) return;
    m.addSource(source, { type: 'geojson', data: this.basemapDetailUrl, buffer: TILE_BUFFER });
    await this.sourcesLoaded([source]);
    // above the light basemap, under the rivers and the atlas
    addBasemapLayers(m, 'detail', {
      minzoom: DETAIL_ZOOM,
      before: m.getLayer('border-lakes') ? 'border-lakes' : undefined,
    });
    const dataset = m.getContainer().dataset;
    dataset.basemapDetail = 'added';
    const handOver = () => {
      if (m.getZoom() < DETAIL_ZOOM || !m.isSourceLoaded(source)) return;
      m.off('idle', handOver);
      for (const id of BASEMAP_LEVELS.light.layers) m.setLayerZoomRange(id, 0, DETAIL_ZOOM);
      dataset.basemapDetail = 'drawn';
    };
    m.on('idle', handOver);
  }

  /** The atlas's data (one source) and the empty route and comparison sources. */
  private setAtlasData(atlas: AtlasData): void {
    const m = this.map;
    const upsert = (id: string, data: FeatureCollection) => {
      const src = m.getSource(id) as GeoJSONSource | undefined;
      if (src) src.setData(data);
      else m.addSource(id, { type: 'geojson', data, buffer: TILE_BUFFER });
    };
    upsert('atlas', {
      type: 'FeatureCollection',
      features: [atlas.zones, atlas.corridors, atlas.links, atlas.places].flatMap((fc) => fc.features),
    });
    upsert('route', EMPTY);
    upsert('compare', EMPTY);
    this.overlaysAddedNow();
  }

  /** Draws the atlas: links by channel, zones, corridors and places (all from the one `atlas` source). */
  private addAtlasLayers(atlas: AtlasData): void {
    const m = this.map;
    if (!m.getLayer('zones-fill')) {
      m.addLayer({
        id: 'zones-fill',
        type: 'fill',
        source: 'atlas',
        filter: ['all', ofKind('zone'), ['==', ['geometry-type'], 'Polygon']],
        paint: { 'fill-color': '#f4b942', 'fill-opacity': 0.25, 'fill-outline-color': '#b7791f' },
      });
      m.addLayer({
        id: 'zones-point',
        type: 'circle',
        source: 'atlas',
        filter: ['all', ofKind('zone'), ['!=', ['geometry-type'], 'Polygon']],
        paint: {
          'circle-radius': 9,
          'circle-color': '#f4b942',
          'circle-opacity': 0.35,
          'circle-stroke-color': '#b7791f',
          'circle-stroke-width': 1,
        },
      });
      m.addLayer({
        id: 'corridors',
        type: 'line',
        source: 'atlas',
        filter: ofKind('corridor'),
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#f4b942', 'line-width': 7, 'line-opacity': 0.45 },
      });
      for (const g of LINK_GROUPS) {
        m.addLayer({
          id: `links-${g}`,
          type: 'line',
          source: 'atlas',
          filter: ['all', ofKind('link'), GROUP_FILTER[g]],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: {
            'line-color': GROUP_COLOUR[g],
            'line-width': [
              'interpolate',
              ['linear'],
              ['zoom'],
              3,
              GROUP_WIDTH[g] ?? 1.6,
              8,
              (GROUP_WIDTH[g] ?? 1.6) * 2.2,
            ],
            ...(GROUP_DASH[g] ? { 'line-dasharray': GROUP_DASH[g] } : {}),
          },
        });
        // links with no open line: dashed, as schematic route legs are
        splitSchematic(m, `links-${g}`);
      }
      m.addLayer({
        id: 'compare-before',
        type: 'line',
        source: 'compare',
        filter: ['==', ['get', 'side'], 'before'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': COMPARE_BEFORE_COLOUR, 'line-width': 6, 'line-opacity': 0.8 },
      });
      m.addLayer({
        id: 'compare-after',
        type: 'line',
        source: 'compare',
        filter: ['==', ['get', 'side'], 'after'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ROUTE_COLOUR, 'line-width': 3.5, 'line-dasharray': [2, 1.5] },
      });
      m.addLayer({
        id: 'route-casing',
        type: 'line',
        source: 'route',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#1d2a30', 'line-width': 9, 'line-opacity': 0.85 },
      });
      m.addLayer({
        id: 'route',
        type: 'line',
        source: 'route',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': ROUTE_COLOUR, 'line-width': 5 },
      });
      this.legLines.ensureLayers();
      m.addLayer({
        id: 'places',
        type: 'circle',
        source: 'atlas',
        filter: ofKind('place'),
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 2, 8, 4.5],
          'circle-color': '#2f3e46',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      });
      for (const layer of ['places', 'zones-point', 'zones-fill', ...LINK_GROUPS.flatMap(linkLayers)]) {
        m.on('mouseenter', layer, () => {
          m.getCanvas().style.cursor = 'pointer';
        });
        m.on('mouseleave', layer, () => {
          m.getCanvas().style.cursor = '';
        });
      }
    }
    this.applyVisibility();
    this.legLines.setAtlasLinks(atlas.links, LINK_GROUPS.flatMap(linkLayers));
  }

  /** Replaces the crossing markers. */
  setCrossings(crossings: CrossingMarkerInfo[]): void {
    const keep = new Set(crossings.map((c) => c.id));
    for (const [id, m] of this.crossingMarkers) {
      if (!keep.has(id)) {
        m.marker.remove();
        this.crossingMarkers.delete(id);
      }
    }
    for (const c of crossings) {
      let entry = this.crossingMarkers.get(c.id);
      if (!entry) {
        const el = h('button', {
          type: 'button',
          class: 'crossing-marker',
          dataset: { crossing: c.id },
          onclick: (e: Event) => {
            e.stopPropagation();
            this.crossingClick(c.id);
          },
        });
        const marker = new maplibregl.Marker({ element: el, anchor: 'left', offset: [-7, 0] })
          .setLngLat(c.coords)
          .addTo(this.map);
        entry = { marker, el, info: c };
        this.crossingMarkers.set(c.id, entry);
      }
      entry.info = c;
      const { el } = entry;
      el.classList.toggle('energy', c.energy);
      // keep MapLibre's own marker classes: only the look changes
      for (const look of ['open', 'seasonal', 'closed', 'planned'])
        el.classList.toggle(`look-${look}`, look === c.look);
      el.dataset.look = c.look;
      el.setAttribute('aria-label', c.description);
      el.title = c.description;
      el.replaceChildren(
        h('span', { class: 'crossing-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'crossing-label' }, c.label),
      );
    }
    this.applyVisibility();
    this.updateLabelVisibility();
  }

  /** Text labels of places (HTML, shown by zoom and rank). */
  setPlaceLabels(labels: PlaceLabel[]): void {
    for (const m of this.placeMarkers) m.remove();
    this.placeMarkers = labels.map((l) => {
      const el = h(
        'div',
        { class: 'place-label', dataset: { rank: String(l.rank) }, 'aria-hidden': 'true' },
        l.label,
      );
      return new maplibregl.Marker({ element: el, anchor: 'top', offset: [0, 4] })
        .setLngLat(l.coords)
        .addTo(this.map);
    });
    this.layoutMarkers();
  }

  onCrossingClick(fn: (id: string) => void): void {
    this.crossingClick = fn;
  }

  onFeatureClick(
    layers: string[],
    fn: (feature: Feature<Geometry>, lngLat: maplibregl.LngLat) => void,
  ): void {
    for (const layer of layers) {
      this.map.on('click', layer, (e: maplibregl.MapLayerMouseEvent) => {
        const f = e.features?.[0];
        if (f) fn(f as unknown as Feature<Geometry>, e.lngLat);
      });
    }
  }

  showPopup(lngLat: maplibregl.LngLatLike, content: HTMLElement): void {
    this.popup?.remove();
    this.popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: false })
      .setLngLat(lngLat)
      .setDOMContent(content)
      .addTo(this.map);
  }

  closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }

  setGroupVisible(group: LayerGroup, visible: boolean): void {
    if (visible) this.hidden.delete(group);
    else this.hidden.add(group);
    this.applyVisibility();
  }

  isGroupVisible(group: LayerGroup): boolean {
    return !this.hidden.has(group);
  }

  /**
   * The source an overlay's new data goes to, once it exists (a route that
   * comes before the atlas waits for it); none when there is nothing to do:
   * clearing what holds nothing (no worker job, no frame: each is costly
   * without a GPU), or a later call for the same overlay came meanwhile.
   */
  private async overlaySource(
    id: 'route' | 'compare',
    data: FeatureCollection | null,
  ): Promise<GeoJSONSource | undefined> {
    const o = this.overlays[id];
    const call = ++o.call;
    if (!data && !o.drawn) return undefined;
    await this.overlaysAdded;
    if (call !== o.call) return undefined;
    o.drawn = (data?.features.length ?? 0) > 0;
    return this.map.getSource(id) as GeoJSONSource | undefined;
  }

  /** Draws a route (legs as line features) or clears it. */
  async setRoute(route: FeatureCollection | null, fit = true): Promise<void> {
    if (!route) this.setPins([]);
    const src = await this.overlaySource('route', route);
    if (!src) return;
    src.setData(route ?? EMPTY);
    // the network fades while a route is shown
    for (const layer of LINK_GROUPS.flatMap(linkLayers)) {
      if (this.map.getLayer(layer))
        this.map.setPaintProperty(layer, 'line-opacity', route && route.features.length > 0 ? 0.35 : 1);
    }
    // how many route lines are drawn, for assistive text and the browser tests
    this.map.getContainer().dataset.routeFeatures = String(route?.features.length ?? 0);
    this.legLines.update(route);
    if (route && fit) {
      const b = new maplibregl.LngLatBounds();
      for (const f of route.features) forEachCoord(f.geometry, (c) => b.extend(c as [number, number]));
      if (!b.isEmpty()) this.map.fitBounds(b, { padding: 60, maxZoom: 7, duration: 0 });
    }
  }

  /** Draws a scenario comparison: features with `side` = before | after, or clears it. */
  async setComparison(fc: FeatureCollection | null): Promise<void> {
    if (!fc) this.setPins([]);
    const src = await this.overlaySource('compare', fc);
    if (!src) return;
    src.setData(fc ?? EMPTY);
    this.map.getContainer().dataset.compareFeatures = String(
      fc?.features.filter((f) => f.geometry.type !== 'Point').length ?? 0,
    );
    for (const layer of LINK_GROUPS.flatMap(linkLayers)) {
      if (this.map.getLayer(layer))
        this.map.setPaintProperty(layer, 'line-opacity', fc && fc.features.length > 0 ? 0.35 : 1);
    }
    if (fc && fc.features.length > 0) {
      const b = new maplibregl.LngLatBounds();
      for (const f of fc.features) forEachCoord(f.geometry, (c) => b.extend(c as [number, number]));
      if (!b.isEmpty()) this.map.fitBounds(b, { padding: 60, maxZoom: 7, duration: 0 });
    }
  }

  /** Start and end pins of a route (A and B), or none. */
  setPins(pins: { coords: [number, number]; label: string; end: 'start' | 'end' }[]): void {
    for (const p of this.pins) p.remove();
    this.pins = pins.map((p) => {
      const el = h(
        'div',
        { class: `route-pin route-pin-${p.end}`, role: 'img', 'aria-label': p.label, title: p.label },
        h('span', { 'aria-hidden': 'true' }, p.end === 'start' ? 'A' : 'B'),
      );
      return new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat(p.coords).addTo(this.map);
    });
    this.map.getContainer().dataset.pins = String(this.pins.length);
  }

  focusCrossing(id: string): void {
    this.crossingMarkers.get(id)?.el.focus();
  }

  flyTo(coords: [number, number], zoom = 7): void {
    this.map.jumpTo({ center: coords, zoom: Math.max(zoom, this.map.getZoom()) });
  }

  private applyVisibility(): void {
    const m = this.map;
    const set = (layer: string, visible: boolean) => {
      if (m.getLayer(layer)) m.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
    };
    for (const g of LINK_GROUPS)
      for (const layer of linkLayers(g))
        set(layer, !this.hidden.has(g) && !(ENERGY_GROUPS.includes(g) && this.hidden.has('energy')));
    set('zones-fill', !this.hidden.has('zones'));
    set('zones-point', !this.hidden.has('zones'));
    set('corridors', !this.hidden.has('corridors'));
    set('places', !this.hidden.has('places'));
    const container = m.getContainer();
    container.classList.toggle('hide-crossings', this.hidden.has('crossings'));
    container.classList.toggle('hide-places', this.hidden.has('places'));
    container.classList.toggle('hide-energy', this.hidden.has('energy'));
    this.layoutMarkers();
  }

  private updateLabelVisibility(): void {
    const z = this.map.getZoom();
    const container = this.map.getContainer();
    container.dataset.zoom = String(Math.floor(z));
    container.classList.toggle('labels-crossings', z >= 5.2);
  }

  /**
   * Keeps every marker and label readable at the current zoom: crossing
   * markers closer than SPREAD_PX are spread into a column at their shared
   * spot (freight crossings first), and place labels are shown by rank
   * (big cities from the opening zoom) where they collide with no marker and
   * no label of higher rank.
   */
  private layoutMarkers(): void {
    const m = this.map;
    const container = m.getContainer();
    const showEnergy = !this.hidden.has('energy');
    const visible = [...this.crossingMarkers.values()].filter((e) => showEnergy || !e.info.energy);
    for (const e of this.crossingMarkers.values()) if (!visible.includes(e)) e.marker.setOffset([-7, 0]);
    const pts = visible.map((e) => m.project(e.info.coords));
    // clusters of nearby markers (single linkage)
    const group = visible.map((_, i) => i);
    const find = (i: number): number => {
      let r = i;
      while (group[r] !== r) r = group[r];
      return r;
    };
    for (let i = 0; i < visible.length; i++)
      for (let j = i + 1; j < visible.length; j++)
        if (Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y) < SPREAD_PX) group[find(i)] = find(j);
    const clusters = new Map<number, number[]>();
    for (let i = 0; i < visible.length; i++) {
      const r = find(i);
      clusters.set(r, [...(clusters.get(r) ?? []), i]);
    }
    for (const members of clusters.values()) {
      members.sort(
        (a, b) =>
          Number(visible[a].info.energy) - Number(visible[b].info.energy) ||
          visible[a].info.label.localeCompare(visible[b].info.label),
      );
      const n = members.length;
      members.forEach((i, k) => {
        const e = visible[i];
        e.marker.setOffset([-7, (k - (n - 1) / 2) * SPREAD_STEP]);
        e.el.dataset.spread = String(n);
      });
    }
    // place labels: by rank, then by collision with what is already placed
    const z = m.getZoom();
    const taken: DOMRect[] = [];
    if (!this.hidden.has('crossings')) for (const e of visible) taken.push(e.el.getBoundingClientRect());
    const byRank = [...this.placeMarkers].sort(
      (a, b) => Number(b.getElement().dataset.rank ?? 0) - Number(a.getElement().dataset.rank ?? 0),
    );
    const box = container.getBoundingClientRect();
    // every box is read before any label changes (a change between two reads would lay the page out again)
    const labels = byRank.map((pm) => {
      const el = pm.getElement();
      const rank = Number(el.dataset.rank ?? 0);
      // rank 3 from zoom 2.5, rank 2 from 4, rank 1 from 5.5, rank 0 from 7
      const candidate = z >= 7 - 1.5 * rank;
      return { el, candidate, r: candidate ? el.getBoundingClientRect() : null };
    });
    for (const { el, candidate, r } of labels) {
      let show = candidate && r !== null;
      if (r && show) {
        const inside = r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
        show = inside && !taken.some((t) => overlaps(t, r));
        if (show) taken.push(r);
      }
      el.classList.toggle('shown', show);
    }
    container.dataset.labelsShown = String(
      this.placeMarkers.filter((p) => p.getElement().classList.contains('shown')).length,
    );
  }
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function forEachCoord(g: Geometry, fn: (c: number[]) => void): void {
  switch (g.type) {
    case 'Point':
      fn(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      for (const c of g.coordinates) fn(c);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const l of g.coordinates) for (const c of l) fn(c);
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const l of p) for (const c of l) fn(c);
      break;
    case 'GeometryCollection':
      for (const x of g.geometries) forEachCoord(x, fn);
      break;
  }
}
