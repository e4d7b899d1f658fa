/**
 * Rings and lines that cross the antimeridian, made continuous. Pure: used
 * when the basemap is built (web/basemap-build.ts, in Node) and by the page.
 */
import type { Geometry, Position } from 'geojson';

/**
 * Rings and lines that cross the antimeridian (Chukotka, Fiji) jump from
 * +180° to −180° and would be drawn as bands across the whole map: their
 * western-hemisphere points are moved east by 360°, so each ring stays
 * continuous (MapLibre draws longitudes beyond 180°).
 */
export function unwrapAntimeridian<G extends Geometry>(g: G): G {
  const jumps = (r: Position[]) => r.some((p, i) => i > 0 && Math.abs(p[0] - r[i - 1][0]) > 180);
  const ring = (r: Position[]): Position[] => {
    if (!jumps(r)) return r;
    const east = r.map((p) => (p[0] < 0 ? [p[0] + 360, ...p.slice(1)] : p));
    // a ring round the whole globe (Antarctica) cannot be unwrapped: it stays as it is
    return jumps(east) ? r : east;
  };
  switch (g.type) {
    case 'LineString':
      return { ...g, coordinates: ring(g.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map(ring) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map(ring)) };
    default:
      return g;
  }
}
