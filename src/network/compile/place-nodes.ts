/**
 * Stage 1 of `compileNetwork`: the atlas places as the network sees them, and
 * their first nodes: every place has a gate (where cargo enters and leaves:
 * the door) and a road node, in atlas order. Also which rail gauges are
 * present at each place (its `gauges` and the gauges of its rail links), and
 * which modes a place can have at all.
 */
import type { Atlas, Gauge, Place } from '../../atlas/schema.ts';
import type { FreightMode } from '../../costs/profile.ts';
import type { NetworkPlace } from '../types.ts';
import type { NetworkDraft } from './draft.ts';

export interface PlaceNodes {
  places: NetworkPlace[];
  placeIndex: Map<string, number>;
  /** Place index → its gate node. */
  gateNode: Int32Array;
  /** Place index → the rail gauges (mm) present there; absent: none known. */
  railGauges: Map<number, Set<number>>;
}

/** Sea nodes only at seaports, river nodes at river ports, air nodes at airports; any other mode anywhere. */
export function canHave(place: Place, mode: FreightMode): boolean {
  switch (mode) {
    case 'sea':
      return place.kinds.includes('seaport');
    case 'river':
      return place.kinds.includes('river-port');
    case 'air':
      return place.kinds.includes('airport');
    default:
      return true;
  }
}

/** Adds a gate and a road node for every atlas place (in that order) and finds the rail gauges at each. */
export function placeNodes(atlas: Atlas, draft: NetworkDraft): PlaceNodes {
  const places: NetworkPlace[] = atlas.places.map((p) => ({
    id: p.id,
    name: p.names.en,
    country: p.country,
    timezone: p.timezone,
    seaport: p.kinds.includes('seaport'),
    coords: p.coords,
    ...(p.containerDwell && p.kinds.includes('seaport')
      ? {
          containerDwell: {
            hours: p.containerDwell.hours,
            year: p.containerDwell.year,
            sources: p.containerDwell.sources,
          },
        }
      : {}),
  }));
  const placeIndex = new Map(atlas.places.map((p, i) => [p.id, i]));
  const gateNode = new Int32Array(places.length);
  atlas.places.forEach((_, i) => {
    gateNode[i] = draft.node(i, 'gate');
    draft.node(i, 'road');
  });
  return { places, placeIndex, gateNode, railGauges: railGaugesAt(atlas, placeIndex) };
}

/** Rail gauges at each place: its own `gauges` and those of the rail links that end there ('dual' adds none). */
function railGaugesAt(atlas: Atlas, placeIndex: Map<string, number>): Map<number, Set<number>> {
  const railGauges = new Map<number, Set<number>>();
  const addGauge = (place: number, g: Gauge | undefined) => {
    if (g === undefined || g === 'dual') return;
    let s = railGauges.get(place);
    if (!s) {
      s = new Set();
      railGauges.set(place, s);
    }
    s.add(g);
  };
  atlas.places.forEach((p, i) => {
    for (const g of p.gauges ?? []) addGauge(i, g);
  });
  for (const l of atlas.links) {
    if (l.mode !== 'rail') continue;
    const a = placeIndex.get(l.from);
    const b = placeIndex.get(l.to);
    if (a !== undefined) addGauge(a, l.gauge);
    if (b !== undefined) addGauge(b, l.gauge);
  }
  return railGauges;
}
