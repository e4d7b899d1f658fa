/**
 * The atlas as the web app sees it: GeoJSON layers from `/api/atlas/geojson`
 * (fetched once), crossing regimes per date from `/api/atlas/crossings/state`
 * (cached per date), and names in the current language.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type * as Regime from '../../src/server/regime.ts';
import { getJson } from './api.ts';
import { lang, type Names } from './i18n.ts';

export type Props = Record<string, string | number | boolean | null>;
export type AtlasFeature = Feature<Geometry, Props>;

export interface AtlasLayers {
  place: FeatureCollection<Geometry, Props>;
  crossing: FeatureCollection<Geometry, Props>;
  link: FeatureCollection<Geometry, Props>;
  zone: FeatureCollection<Geometry, Props>;
  corridor: FeatureCollection<Geometry, Props>;
  byId: Map<string, AtlasFeature>;
}

let layersPromise: Promise<AtlasLayers> | null = null;

export function atlasLayers(): Promise<AtlasLayers> {
  if (!layersPromise) {
    layersPromise = getJson<FeatureCollection<Geometry, Props>>('/api/atlas/geojson').then((fc) => {
      const out: AtlasLayers = {
        place: empty(),
        crossing: empty(),
        link: empty(),
        zone: empty(),
        corridor: empty(),
        byId: new Map(),
      };
      for (const f of fc.features) {
        const kind = String(f.properties?.kind ?? '');
        if (kind in out && kind !== 'byId') out[kind as Exclude<keyof AtlasLayers, 'byId'>].features.push(f);
        out.byId.set(`${kind}:${f.properties?.id}`, f);
      }
      return out;
    });
    layersPromise.catch(() => {
      layersPromise = null;
    });
  }
  return layersPromise;
}

function empty(): FeatureCollection<Geometry, Props> {
  return { type: 'FeatureCollection', features: [] };
}

/** The name of a GeoJSON feature (flat `name_en`/`name_zh`/`name_ru`) in the current language. */
export function featureName(p: Props | null | undefined): string {
  if (!p) return '';
  const l = lang();
  return String(p[`name_${l}`] ?? p.name_en ?? p.id ?? '');
}

export function namesOfFeature(p: Props): Names {
  return { en: String(p.name_en ?? p.id), zh: String(p.name_zh ?? ''), ru: String(p.name_ru ?? '') };
}

// ---------------------------------------------------------------- regimes

// the regime's wire shape is the server's one schema (src/server/regime.ts), imported as types only
export type CrossingLook = Regime.CrossingLook;
export type DayChange = Regime.DayChange;
export type ServiceRegime = Regime.ServiceRegime;
export type CrossingRegime = Regime.CrossingRegime;

const regimeCache = new Map<string, Promise<CrossingRegime[]>>();

export function crossingRegimes(date: string): Promise<CrossingRegime[]> {
  let p = regimeCache.get(date);
  if (!p) {
    p = getJson<{ date: string; crossings: CrossingRegime[] }>('/api/atlas/crossings/state', { date }).then(
      (r) => r.crossings,
    );
    regimeCache.set(date, p);
    p.catch(() => regimeCache.delete(date));
    if (regimeCache.size > 200) regimeCache.delete(regimeCache.keys().next().value as string);
  }
  return p;
}
