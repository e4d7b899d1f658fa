/**
 * Line-network import, joins: atlas places of the kind the mode serves (rail
 * stations, yards and dry ports for rail, seaports for sea, river ports for
 * river, any place for road) are joined to the nearest point of the network
 * within `joinKm` — in the largest connected component when it has one within
 * reach, else in any — which then becomes a node. A rail network of one gauge
 * joins only places whose `gauges` (when given) include it.
 */
import type { Atlas, Gauge, Place, PlaceKind } from '../../atlas/schema.ts';
import type { OverlayMode } from '../overlay.ts';
import type { NodedLines } from './noding.ts';
import type { SegmentIndex } from './segment-index.ts';

/** Place kinds an overlay of each mode may join (road joins any place). */
export const JOIN_KINDS: Record<OverlayMode, PlaceKind[] | 'any'> = {
  rail: ['rail-station', 'rail-yard', 'dry-port'],
  sea: ['seaport'],
  river: ['river-port'],
  road: 'any',
};

export interface PlaceJoins {
  joins: { place: Place; vertex: number; km: number }[];
  /** Places of the mode's kind with no network point within `joinKm`. */
  unjoined: string[];
  /** Rail places of the mode's kind left out because their gauges do not include the network's. */
  otherGauge: string[];
}

/** Whether a place may join a network of this mode and gauge (its gauges, when given, include the network's). */
export function gaugeFits(mode: OverlayMode, gauge: Gauge | undefined, p: Place): boolean {
  return (
    mode !== 'rail' ||
    gauge === undefined ||
    gauge === 'dual' ||
    p.gauges === undefined ||
    p.gauges.includes(gauge) ||
    p.gauges.includes('dual')
  );
}

export function joinPlaces(
  atlas: Atlas | undefined,
  mode: OverlayMode,
  gauge: Gauge | undefined,
  joinKm: number,
  noded: NodedLines,
  index: SegmentIndex,
  inLargest: (part: number) => boolean,
): PlaceJoins {
  const kinds = JOIN_KINDS[mode];
  const ofKind: Place[] = (atlas?.places ?? []).filter(
    (p) => kinds === 'any' || p.kinds.some((k) => kinds.includes(k)),
  );
  const joinable = ofKind.filter((p) => gaugeFits(mode, gauge, p));
  const otherGauge = ofKind.filter((p) => !gaugeFits(mode, gauge, p)).map((p) => p.id);
  const joins: PlaceJoins['joins'] = [];
  const unjoined: string[] = [];
  for (const place of joinable) {
    const [lon, lat] = place.coords;
    const hit = index.nearest(lon, lat, joinKm, inLargest) ?? index.nearest(lon, lat, joinKm, () => true);
    if (!hit) {
      unjoined.push(place.id);
      continue;
    }
    joins.push({ place, vertex: noded.materialise(hit), km: hit.km });
  }
  return { joins, unjoined, otherGauge };
}
