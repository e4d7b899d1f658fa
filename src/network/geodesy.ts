/**
 * Great-circle distance on the mean Earth sphere (radius 6,371.0088 km):
 * the haversine formula exactly as Turf's `distance` computes it (the same
 * operations in the same order, so the same bits; `geodesy.test.ts` checks
 * it against Turf), written once here without Turf's point wrapping so that
 * the hot loops (OSM ways, line-network segments) allocate nothing. The one
 * measure of straight-line kilometres for the network compiler, the
 * line-network importer and the OSM import (ways and snapping) in
 * src/network, and for the scripts and benchmarks.
 */

/** Mean Earth radius, km (Turf's `earthRadius` / 1000). */
export const EARTH_RADIUS_KM = 6371008.8 / 1e3;
/** km of one degree of latitude (of arc on a great circle). */
export const KM_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_KM;

/** Degrees to radians as Turf's `degreesToRadians` does it. */
function radians(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}

/** Great-circle distance between (lon1, lat1) and (lon2, lat2), degrees, in km. */
export function greatCircleKmAt(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(radians(lat1)) * Math.cos(radians(lat2));
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
}

/** Great-circle distance between two [lon, lat] points, km. */
export function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  return greatCircleKmAt(a[0], a[1], b[0], b[1]);
}
