/**
 * Route legs on real lines: a leg whose geometry is measured (along OSM
 * railways, Natural Earth rivers, MARNET sea lanes or an imported OSM network)
 * is drawn solid; a schematic leg (straight between places, no open line for
 * it) is drawn dashed and labelled "schematic" at its middle (an HTML label:
 * no glyph server). While a measured leg is shown, the map credits
 * OpenStreetMap and the other line sources.
 *
 * Also the basemap's border rivers and lakes (Amur, Argun, Ussuri, Songhua,
 * Sungacha, Tumen, Lake Khanka), from `data/geometry/border-rivers.geojson`
 * (built by scripts/build-border-rivers.ts from Natural Earth, public domain).
 *
 * Route features carry `geometryKind` (`measured` | `schematic`, from the
 * itinerary leg; absent counts as schematic).
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import riversUrl from '../../../data/geometry/border-rivers.geojson?url';
import { t } from '../i18n.ts';

const SCHEMATIC = ['==', ['coalesce', ['get', 'geometryKind'], 'schematic'], 'schematic'];
const MEASURED = ['!', SCHEMATIC];

export const OSM_CREDIT = '© OpenStreetMap contributors (ODbL) · Natural Earth · Eurostat MARNET';

/** A small map control holding the credit of the lines shown. */
class CreditControl implements maplibregl.IControl {
  readonly el: HTMLDivElement;
  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'maplibregl-ctrl maplibregl-ctrl-attrib osm-credit';
    this.el.style.cssText = 'padding:0 6px;font-size:11px;background:rgba(255,255,255,.8);display:none';
    const a = document.createElement('a');
    a.href = 'https://www.openstreetmap.org/copyright';
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = OSM_CREDIT;
    this.el.append(a);
  }
  onAdd(): HTMLElement {
    return this.el;
  }
  onRemove(): void {
    this.el.remove();
  }
}

function middle(g: Geometry): Position | null {
  const pts: Position[] =
    g.type === 'LineString' ? g.coordinates : g.type === 'MultiLineString' ? g.coordinates.flat() : [];
  if (pts.length === 0) return null;
  if (pts.length === 2) return [(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2];
  return pts[Math.floor(pts.length / 2)];
}

function vertexCount(g: Geometry): number {
  if (g.type === 'LineString') return g.coordinates.length;
  if (g.type === 'MultiLineString') return Math.max(0, ...g.coordinates.map((p) => p.length));
  return 0;
}

/** The schematic dash, shared by route legs and atlas links. */
export const SCHEMATIC_DASH = [1.6, 1.4];

/**
 * Splits a line layer in two: its measured features stay in it (solid), its
 * schematic ones go to a dashed copy, `<id>-schematic`, with the same colour,
 * width and opacity. Does nothing when the copy exists.
 */
export function splitSchematic(
  m: maplibregl.Map,
  id: string,
  width?: maplibregl.DataDrivenPropertyValueSpecification<number>,
  before?: string,
): void {
  const layer = m.getLayer(id);
  if (!layer || m.getLayer(`${id}-schematic`)) return;
  const own = m.getFilter(id);
  const both = (f: unknown[]) => (own ? ['all', own, f] : f) as maplibregl.FilterSpecification;
  m.setFilter(id, both(MEASURED));
  m.addLayer(
    {
      id: `${id}-schematic`,
      type: 'line',
      source: layer.source,
      filter: both(SCHEMATIC),
      layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: {
        'line-color': m.getPaintProperty(id, 'line-color') as string,
        'line-width': width ?? (m.getPaintProperty(id, 'line-width') as number),
        'line-dasharray': SCHEMATIC_DASH,
      },
    },
    before,
  );
}

/** The map key of the schematic dash (shown while schematic atlas links are drawn). */
function schematicKey(): HTMLDivElement {
  const el = document.createElement('div');
  el.className = 'maplibregl-ctrl schematic-key';
  el.style.cssText =
    'padding:0 6px;font-size:11px;background:rgba(255,255,255,.8);display:none;color:#2f3e46';
  const sample = document.createElement('span');
  sample.style.cssText =
    'display:inline-block;width:22px;vertical-align:middle;margin-right:4px;border-top:2px dashed #2f3e46';
  // translated again with the page's static labels when the language changes (data-i18n)
  const text = document.createElement('span');
  text.dataset.i18n = 'map.schematicKey';
  text.textContent = t('map.schematicKey');
  el.append(sample, text);
  return el;
}

export class LegLines {
  private labels: maplibregl.Marker[] = [];
  private readonly credit = new CreditControl();
  private readonly key = schematicKey();
  private routeMeasured = 0;
  private atlasMeasured = 0;

  constructor(private readonly map: maplibregl.Map) {
    map.addControl(this.credit, 'bottom-left');
    this.credit.el.parentElement?.insertBefore(this.key, this.credit.el);
  }

  /** The credit shows while a measured route leg or atlas link is drawn. */
  private showCredit(): void {
    this.credit.el.style.display = this.routeMeasured + this.atlasMeasured > 0 ? '' : 'none';
  }

  /** Splits the route layer in two: measured legs solid, schematic legs dashed. Call once the `route` layer exists. */
  ensureLayers(): void {
    if (!this.map.getLayer('route')) return;
    splitSchematic(this.map, 'route', 4, this.map.getLayer('places') ? 'places' : undefined);
  }

  /**
   * The atlas links drawn by `layers` (each split by `splitSchematic`): shows
   * the credit and the schematic key while they hold measured and schematic
   * links, and, once drawn, says on the map element how many of each are
   * rendered, the most vertices of a rendered measured line and whether the
   * rendered schematic ones are dashed.
   */
  setAtlasLinks(links: FeatureCollection, layers: string[]): void {
    const schematic = links.features.filter(
      (f) => (f.properties?.geometryKind ?? 'schematic') === 'schematic',
    );
    this.atlasMeasured = links.features.length - schematic.length;
    this.key.style.display = schematic.length > 0 ? '' : 'none';
    this.showCredit();
    const m = this.map;
    m.once('idle', () => {
      const shown = layers.filter((id) => m.getLayer(id));
      const rendered = m.queryRenderedFeatures({ layers: shown });
      let measured = 0;
      let vertices = 0;
      let straight = 0;
      let dashed = true;
      for (const f of rendered) {
        if (f.layer.id.endsWith('-schematic')) {
          straight++;
          dashed &&= Array.isArray(m.getPaintProperty(f.layer.id, 'line-dasharray'));
        } else {
          measured++;
          vertices = Math.max(vertices, vertexCount(f.geometry));
        }
      }
      const c = m.getContainer().dataset;
      c.linksMeasured = String(measured);
      c.linksMeasuredVertices = String(vertices);
      c.linksSchematic = String(straight);
      c.linksSchematicDashed = String(straight > 0 && dashed);
    });
  }

  /** Labels the schematic legs, shows the credit when a measured leg is drawn, and says so on the map element. */
  update(route: FeatureCollection | null): void {
    for (const l of this.labels) l.remove();
    this.labels = [];
    const features = route?.features ?? [];
    const schematic = features.filter((f) => (f.properties?.geometryKind ?? 'schematic') === 'schematic');
    const measured = features.length - schematic.length;
    for (const f of schematic) {
      const at = middle(f.geometry);
      if (!at) continue;
      const el = document.createElement('span');
      el.className = 'schematic-label';
      el.textContent = t('map.schematic', { defaultValue: 'schematic line' });
      el.title = t('map.schematicTitle', {
        defaultValue: 'No open data gives this leg its real line: drawn straight between the places',
      });
      el.style.cssText =
        'font-size:11px;padding:1px 4px;border-radius:3px;background:rgba(255,255,255,.85);color:#5a2140;border:1px dashed #ff2e88;pointer-events:none;white-space:nowrap';
      this.labels.push(
        new maplibregl.Marker({ element: el }).setLngLat(at as [number, number]).addTo(this.map),
      );
    }
    this.routeMeasured = measured;
    this.showCredit();
    const c = this.map.getContainer().dataset;
    c.routeMeasured = String(measured);
    c.routeSchematic = String(schematic.length);
  }
}

/** The border rivers and lakes (a small file shipped with the app). */
export async function fetchBorderRivers(): Promise<FeatureCollection> {
  const res = await fetch(riversUrl);
  if (!res.ok) throw new Error(`the border rivers did not load (${res.status})`);
  return (await res.json()) as FeatureCollection;
}

/** The border rivers' and lakes' source (their layers come with the others': `addBorderRiverLayers`). */
export function addBorderRiversSource(map: maplibregl.Map, data: FeatureCollection): void {
  if (map.getSource('border-rivers')) return;
  // a small tile margin (thin lines and fills; see TILE_BUFFER in map.ts)
  map.addSource('border-rivers', {
    type: 'geojson',
    data,
    attribution: 'Natural Earth (rivers)',
    buffer: 16,
  });
  map.getContainer().dataset.borderRivers = String(data.features.length);
}

/** Draws the border rivers and lakes over the basemap, under `before` (the first atlas layer) when given. */
export function addBorderRiverLayers(map: maplibregl.Map, before?: string): void {
  if (map.getLayer('border-lakes')) return;
  map.addLayer(
    {
      id: 'border-lakes',
      type: 'fill',
      source: 'border-rivers',
      filter: ['==', ['get', 'kind'], 'lake'],
      paint: { 'fill-color': '#9cc5da', 'fill-outline-color': '#5b9ec2' },
    },
    before,
  );
  map.addLayer(
    {
      id: 'border-rivers',
      type: 'line',
      source: 'border-rivers',
      filter: ['==', ['get', 'kind'], 'river'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': '#5b9ec2',
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 8, 3],
      },
    },
    before,
  );
}
