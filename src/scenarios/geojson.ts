/**
 * Map layers of a scenario comparison or an assignment (RFC 7946 GeoJSON):
 * crossings as points midway between their sides, links as lines (with
 * their drawn `via` vertices), each feature carrying the numbers of the diff
 * or the assignment in its properties, for the web app's scenario view.
 */
import type { Atlas } from '../atlas/schema.ts';
import type { AssignResult } from './assign.ts';
import type { ScenarioDiff } from './diff.ts';

export interface Feature {
  type: 'Feature';
  geometry:
    | { type: 'Point'; coordinates: [number, number] }
    | { type: 'LineString'; coordinates: [number, number][] };
  properties: Record<string, unknown>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

function geometries(atlas: Atlas): (kind: 'crossing' | 'link', id: string) => Feature['geometry'] | null {
  const coords = new Map(atlas.places.map((p) => [p.id, p.coords]));
  return (kind, id) => geometryOf(atlas, coords, kind, id);
}

function geometryOf(
  atlas: Atlas,
  coords: Map<string, [number, number]>,
  kind: 'crossing' | 'link',
  id: string,
): Feature['geometry'] | null {
  if (kind === 'crossing') {
    const c = atlas.crossings.find((x) => x.id === id);
    const a = c && coords.get(c.sides[0]);
    const b = c && coords.get(c.sides[1]);
    if (!a || !b) return null;
    return { type: 'Point', coordinates: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
  }
  const l = atlas.links.find((x) => x.id === id);
  const a = l && coords.get(l.from);
  const b = l && coords.get(l.to);
  if (!l || !a || !b) return null;
  return { type: 'LineString', coordinates: [a, ...(l.via ?? []), b] as [number, number][] };
}

/** Crossing services and links whose use changes (or is non-zero), with before / after / delta. */
export function diffToGeoJson(diff: ScenarioDiff, atlas: Atlas): FeatureCollection {
  const geometryOf = geometries(atlas);
  const features: Feature[] = [];
  for (const c of diff.crossings) {
    const [crossing, service] = c.id.split('/');
    const geometry = geometryOf('crossing', crossing);
    if (geometry)
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          kind: 'crossing',
          id: crossing,
          service,
          name: c.name,
          before: c.before,
          after: c.after,
          delta: c.delta,
        },
      });
  }
  for (const l of diff.links) {
    const geometry = geometryOf('link', l.id);
    if (geometry)
      features.push({
        type: 'Feature',
        geometry,
        properties: { kind: 'link', id: l.id, before: l.before, after: l.after, delta: l.delta },
      });
  }
  return { type: 'FeatureCollection', features };
}

/** Loaded crossings and links of an assignment: tonnes, TEU, capacity, utilisation, months at capacity. */
export function assignToGeoJson(result: AssignResult, atlas: Atlas): FeatureCollection {
  const geometryOf = geometries(atlas);
  const features: Feature[] = [];
  for (const c of result.crossings) {
    const geometry = geometryOf('crossing', c.id);
    if (geometry)
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          kind: 'crossing',
          id: c.id,
          name: c.name,
          load: c.load,
          teu: c.teu,
          capacity: c.capacity,
          utilisation: c.utilisation,
          monthsAtCapacity: c.monthsAtCapacity,
          byMonth: c.byMonth,
          services: c.services.map((s) => ({ service: s.service, load: s.load, utilisation: s.utilisation })),
        },
      });
  }
  for (const l of result.links) {
    const geometry = geometryOf('link', l.id);
    if (geometry)
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          kind: 'link',
          id: l.id,
          name: l.name,
          load: l.load,
          teu: l.teu,
          capacity: l.capacity,
          utilisation: l.utilisation,
          monthsAtCapacity: l.monthsAtCapacity,
          byMonth: l.byMonth,
        },
      });
  }
  return { type: 'FeatureCollection', features };
}
