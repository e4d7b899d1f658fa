/**
 * Stage 4 of `compileNetwork`: a line-network overlay (`import-geojson.ts`)
 * adds its junctions as anonymous nodes of its mode (rail at the overlay's
 * gauge, 1520 mm when it gives none or dual), its edges both ways (a tag with
 * a calendar makes them seasonal, read in UTC), and a join edge each way from
 * each joined atlas place's mode node to its junction (by sea: from the
 * port's departure node, back into an arrival node). A join to an unknown
 * place, or by sea or river to a place that is no port of that kind, is
 * ignored with a warning.
 */
import type { Atlas } from '../../atlas/schema.ts';
import { linkCost } from '../../costs/model.ts';
import { CARGO_UNITS, type CargoUnit, type FreightMode, type Profile } from '../../costs/profile.ts';
import type { LineNetworkOverlay } from '../overlay.ts';
import { ALL_CARGO, vesselFor } from './cargo.ts';
import type { NetworkDraft } from './draft.ts';
import { seaArrivalFor } from './sea-calls.ts';

export function addOverlayEdges(
  draft: NetworkDraft,
  ov: LineNetworkOverlay,
  profile: Profile,
  atlas: Atlas,
  placeIndex: Map<string, number>,
): void {
  const mode: FreightMode = ov.mode;
  const gauge = mode === 'rail' ? (ov.gauge === undefined || ov.gauge === 'dual' ? 1520 : ov.gauge) : 0;
  const first = draft.junctions(ov.nodes.lon.length, mode, gauge);
  const linkIdx = draft.links.length;
  draft.links.push({ id: `overlay:${ov.id}`, mode, line: ov.source.title, estimated: false });
  const tagCalendar = ov.tags.map((tag) => {
    const cal = ov.tagCalendars?.[tag];
    return cal ? draft.addCalendar({ calendar: cal }, 'UTC', `${ov.id} ${tag}`) : -1;
  });
  const mask = ALL_CARGO;
  const waterborne = mode === 'sea' || mode === 'river';
  const vessel = (c: CargoUnit) => (waterborne ? vesselFor(profile, mode, undefined, c) : undefined);
  const costOf = (km: number) =>
    CARGO_UNITS.map((c) => linkCost(profile, { mode, km, vessel: vessel(c) }, c));
  for (let e = 0; e < ov.edges.from.length; e++) {
    const km = ov.edges.km[e];
    const calendar = tagCalendar[ov.edges.tag[e]] ?? -1;
    draft.edge(
      {
        tail: first + ov.edges.from[e],
        head: first + ov.edges.to[e],
        kind: 'link',
        mode,
        km,
        cost: costOf(km),
        mask,
        calendar,
        ref: linkIdx,
      },
      { calendar, ref: linkIdx },
    );
  }
  for (const j of ov.joins) {
    const p = placeIndex.get(j.place);
    if (p === undefined) {
      draft.warnings.push(`overlay ${ov.id}: join to unknown place "${j.place}" ignored`);
      continue;
    }
    const place = atlas.places[p];
    if (
      (mode === 'sea' && !place.kinds.includes('seaport')) ||
      (mode === 'river' && !place.kinds.includes('river-port'))
    ) {
      draft.warnings.push(
        `overlay ${ov.id}: join to "${j.place}" ignored (not a ${mode === 'sea' ? 'seaport' : 'river-port'})`,
      );
      continue;
    }
    const edge = {
      kind: 'link',
      mode,
      km: j.km,
      cost: costOf(j.km),
      mask,
      calendar: -1,
      ref: linkIdx,
    } as const;
    const at = draft.node(p, mode, gauge || 0);
    draft.edge({ tail: at, head: first + j.node, ...edge });
    // by sea the overlay ends in the port's arrival node, so a ship sailing on calls there (sea-calls.ts)
    const back = mode === 'sea' ? seaArrivalFor(draft, profile, p, undefined) : at;
    draft.edge({ ...edge, tail: first + j.node, head: back });
  }
}
