/**
 * Stage 2 of `compileNetwork`: atlas links become link edges between the mode
 * nodes of their ends, both ways unless the link is one-way, rail per gauge,
 * with the link's measured length when the geometry layer has its line, and
 * per-cargo hours, cost and CO2e from the profile.
 *
 * A link to a place that cannot have its mode is dropped with a warning; so
 * is a road or rail link across a border that a crossing record governs. Sea
 * and river links carry every cargo unit, each on the vessel class that
 * carries it; a link's `cargo` narrows what its edges carry.
 */
import type { Atlas, Gauge, Link, Place } from '../../atlas/schema.ts';
import { type LinkAttributes, linkCost, serviceFor } from '../../costs/model.ts';
import { CARGO_UNITS, type FreightMode, type Profile } from '../../costs/profile.ts';
import type { LinkDetail } from '../link-geometry.ts';
import { AIR, ALL_CARGO, cargoKindsMask, LIQUID, vesselFor } from './cargo.ts';
import { type NetworkDraft, perCargo } from './draft.ts';
import { canHave, type PlaceNodes } from './place-nodes.ts';
import { seaArrivalFor } from './sea-calls.ts';

const STANDARD_GAUGES = [1435, 1520, 1067] as const;

/** Adds the edges of every freight link of the atlas (power lines and cables carry no cargo). */
export function addLinkEdges(
  draft: NetworkDraft,
  atlas: Atlas,
  profile: Profile,
  at: PlaceNodes,
  details: Map<string, LinkDetail> | null,
): void {
  const corridorOfLink = new Map<string, string>();
  for (const c of atlas.corridors)
    for (const id of c.links) if (!corridorOfLink.has(id)) corridorOfLink.set(id, c.names.en);
  const crossingPairs = new Map(atlas.crossings.map((c) => [[...c.sides].sort().join('|'), c.id]));
  for (const link of atlas.links) {
    if (link.mode === 'power' || link.mode === 'cable') continue;
    const a = at.placeIndex.get(link.from);
    const b = at.placeIndex.get(link.to);
    if (a === undefined || b === undefined) continue; // the loader reports unknown places
    const verdict = linkVerdict(link, atlas.places[a], atlas.places[b], crossingPairs);
    if (verdict) draft.warnings.push(verdict.warning);
    if (verdict?.dropped) continue;
    addLink(draft, atlas, profile, at, link, [a, b], details?.get(link.id), corridorOfLink.get(link.id));
  }
}

/**
 * What is wrong with a link, if anything: dropped (a warning naming it) when
 * a place cannot have its mode or a crossing record governs the border it
 * crosses; kept with a warning when a road or rail link crosses a border
 * without a crossing record (no clearance applies).
 */
export function linkVerdict(
  link: Link,
  pa: Place,
  pb: Place,
  crossingPairs: Map<string, string>,
): { dropped: boolean; warning: string } | undefined {
  const mode = link.mode as FreightMode;
  if (!canHave(pa, mode) || !canHave(pb, mode)) {
    const bad = !canHave(pa, mode) ? pa : pb;
    const kind = mode === 'sea' ? 'seaport' : mode === 'river' ? 'river-port' : 'airport';
    return {
      dropped: true,
      warning: `link ${link.id}: ${mode} link dropped: place "${bad.id}" is not a ${kind} (add the kind to the place or fix the link's ends)`,
    };
  }
  if ((mode === 'road' || mode === 'rail') && pa.country !== pb.country) {
    const crossingId = crossingPairs.get([link.from, link.to].sort().join('|'));
    if (crossingId)
      return {
        dropped: true,
        warning: `link ${link.id}: ${mode} link between ${pa.id} (${pa.country}) and ${pb.id} (${pb.country}) dropped: the crossing ${crossingId} governs that border passage (remove the link, or give the crossing a ${mode} service)`,
      };
    return {
      dropped: false,
      warning: `link ${link.id}: ${mode} link joins ${pa.country} and ${pb.country} without a crossing record: no border clearance is applied`,
    };
  }
  return undefined;
}

/** The link's table row, its calendar and its edges (per gauge for rail, both ways unless one-way). */
function addLink(
  draft: NetworkDraft,
  atlas: Atlas,
  profile: Profile,
  at: PlaceNodes,
  link: Link,
  [a, b]: [number, number],
  detail: LinkDetail | undefined,
  corridor: string | undefined,
): void {
  const mode = link.mode as FreightMode;
  const pa = atlas.places[a];
  const pb = atlas.places[b];
  const calendar =
    link.status || link.calendar ? draft.addCalendar(link, pa.timezone, `link ${link.id}`) : -1;
  const linkIdx = draft.links.length;
  draft.links.push({
    id: link.id,
    mode: link.mode,
    line: link.line?.en,
    corridor,
    estimated: detail ? !detail.measured : link.length.basis === 'estimate',
    geometry: detail?.coords,
    lineSource: detail?.source,
    schematic: [pa.coords, ...(link.via ?? []), pb.coords] as [number, number][],
  });
  const attrs: LinkAttributes = {
    mode,
    km: detail?.km ?? link.length.km,
    country: pa.country === pb.country ? pa.country : undefined,
    traction: link.traction,
    roadClass: link.roadClass,
    // air: a passenger-only flight carries cargo in the belly hold, any other air link is a freighter service
    vessel:
      mode === 'air' ? (link.cargo?.every((k) => k === 'passenger') ? 'belly' : 'freighter') : link.vessel,
    transitHours: link.transitHours?.typical,
    line: link.line?.en,
  };
  // sea and river links are geography: every cargo sails, each on its own vessel class
  const waterborne = mode === 'sea' || mode === 'river';
  const cost = perCargo((c) =>
    linkCost(profile, waterborne ? { ...attrs, vessel: vesselFor(profile, mode, link.vessel, c) } : attrs, c),
  );
  // the service class each cargo unit moves in on this link, named by the itinerary
  draft.links[linkIdx].services = CARGO_UNITS.map(
    (c) =>
      serviceFor(profile, mode, c, waterborne ? vesselFor(profile, mode, link.vessel, c) : attrs.vessel)
        ?.label ?? null,
  );
  const mask = linkCargoMask(link);
  const pairs: [number, number][] =
    mode === 'rail'
      ? linkGauges(link.gauge, at.railGauges.get(a), at.railGauges.get(b)).map((g) => [
          draft.node(a, 'rail', g),
          draft.node(b, 'rail', g),
        ])
      : [[draft.node(a, mode), draft.node(b, mode)]];
  const back = link.bidirectional !== false ? { calendar, ref: linkIdx } : undefined;
  if (mode === 'sea') {
    // a lane leaves the departure node of one port and ends in an arrival node of the other (sea-calls.ts)
    const edge = { kind: 'link', mode, km: attrs.km, cost, mask, calendar, ref: linkIdx } as const;
    draft.edge({ tail: draft.node(a, 'sea'), head: seaArrivalFor(draft, profile, b, link.vessel), ...edge });
    if (back)
      draft.edge({
        tail: draft.node(b, 'sea'),
        head: seaArrivalFor(draft, profile, a, link.vessel),
        ...edge,
      });
    return;
  }
  for (const [u, v] of pairs)
    draft.edge(
      { tail: u, head: v, kind: 'link', mode, km: attrs.km, cost, mask, calendar, ref: linkIdx },
      back,
    );
}

/** The cargo a link's edges carry: its mode's, narrowed by the link's own cargo list (`[passenger]`: no freight). */
export function linkCargoMask(link: Link): number {
  const mode = link.mode;
  let mask =
    mode === 'pipeline' ? LIQUID : mode === 'air' ? AIR : mode === 'road' ? ALL_CARGO | AIR : ALL_CARGO;
  if (link.cargo) mask &= cargoKindsMask(link.cargo, ALL_CARGO) | (mode === 'air' ? AIR : 0);
  return mask;
}

/** Gauges a rail link joins: its own, or for dual-gauge track the gauges present at its ends. */
export function linkGauges(
  g: Gauge | undefined,
  atA: Set<number> | undefined,
  atB: Set<number> | undefined,
): number[] {
  if (g !== undefined && g !== 'dual') return [g];
  const both = new Set<number>();
  for (const x of atA ?? []) both.add(x);
  for (const x of atB ?? []) both.add(x);
  const out = STANDARD_GAUGES.filter((x) => both.has(x) && x !== 1067);
  return out.length > 0 ? out : [1435, 1520];
}
