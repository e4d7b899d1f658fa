/**
 * Great-circle distance on the mean Earth sphere (radius 6,371.0088 km),
 * by Turf's `distance` (haversine): the one measure of straight-line
 * kilometres for the network compiler, the line-network importer, scripts
 * and benchmarks.
 */
import { distance } from '@turf/distance';

/** Great-circle distance between two [lon, lat] points, km. */
export function greatCircleKm(a: readonly [number, number], b: readonly [number, number]): number {
  return distance([a[0], a[1]], [b[0], b[1]], { units: 'kilometers' });
}
