/**
 * Stage 3 of `compileNetwork`: each crossing service becomes an edge each way
 * between the sides' mode nodes (road for road services and for trucks on
 * ferries, pontoons and ice roads; river for barges; rail per gauge;
 * pipeline), with clearance, fees and transit time from the profile, and two
 * calendars (one read in each side's time zone) that carry the service's
 * status, its calendar and its public-holiday closures.
 *
 * An edge's km is the service's `length` where the atlas gives one (a bridge
 * with its approach roads), else the straight line between the sides, and
 * `NetworkCrossing.estimatedLength` says which.
 *
 * Rail services whose gauges differ add the gauge change (atlas hours where
 * given, else the profile's by method). Dual-gauge track whose sides differ in
 * gauge (Hunchun – Kamyshovaya) runs one gauge into the combined-gauge yard
 * (`gaugeChange.at`), where the yard's own gauge change applies. A weight
 * limit keeps off trucks whose loaded gross weight exceeds it
 * (`NetworkCrossing.weightExcluded`).
 */
import type { Atlas, Crossing, CrossingService, Place } from '../../atlas/schema.ts';
import { crossingCost, type GaugeChangeMethod, gaugeChangeCost } from '../../costs/model.ts';
import { CARGO_UNITS, type FreightMode, type Profile } from '../../costs/profile.ts';
import { greatCircleKm } from '../geodesy.ts';
import { holidayNames, holidayPeriods } from '../holidays.ts';
import type { NetworkCrossing } from '../types.ts';
import { ALL_CARGO, capabilityMask, cargoKindsMask, LIQUID } from './cargo.ts';
import { type EdgeCost, type NetworkDraft, perCargo } from './draft.ts';
import { canHave, type PlaceNodes } from './place-nodes.ts';

/** What the edges of one crossing service share. */
interface ServiceEdges {
  draft: NetworkDraft;
  crossing: Crossing;
  service: CrossingService;
  /** Place indices of the two sides, and the places. */
  a: number;
  b: number;
  sides: readonly [Place, Place];
  /** The service's published passage length (a bridge with its approaches), else the straight line between the sides. */
  km: number;
  cost: EdgeCost[];
  mask: number;
  /** Calendar indices, read in the first and in the second side's zone. */
  calFwd: number;
  calBack: number;
  base: Omit<NetworkCrossing, 'gaugeChange'>;
}

/** Adds the edges of every freight service of every crossing whose sides are atlas places. */
export function addCrossingEdges(draft: NetworkDraft, atlas: Atlas, profile: Profile, at: PlaceNodes): void {
  const weightNotice = { given: false };
  for (const crossing of atlas.crossings) {
    const a = at.placeIndex.get(crossing.sides[0]);
    const b = at.placeIndex.get(crossing.sides[1]);
    if (a === undefined || b === undefined) continue;
    const sides = [atlas.places[a], atlas.places[b]] as const;
    const km = greatCircleKm(sides[0].coords, sides[1].coords);
    for (const service of crossing.services)
      addService(draft, profile, at, { crossing, service, a, b, sides, km }, weightNotice);
  }
}

function addService(
  draft: NetworkDraft,
  profile: Profile,
  at: PlaceNodes,
  s: Pick<ServiceEdges, 'crossing' | 'service' | 'a' | 'b' | 'sides' | 'km'>,
  weightNotice: { given: boolean },
): void {
  const { crossing, service, sides } = s;
  // the atlas's length of the passage where a source gives it, else the straight line (estimated)
  const km = service.length?.km ?? s.km;
  const kindOfMode = crossingMode(service);
  if (!kindOfMode) return; // pedestrian, passenger boats, power
  const { nodeMode: nm, costMode } = kindOfMode;
  const carried = nm === 'pipeline' ? LIQUID : ALL_CARGO;
  let mask = cargoKindsMask(service.cargo, carried) & carried;
  if (mask === 0) return;
  // a weight limit keeps off trucks whose loaded gross weight exceeds it
  const weightExcluded =
    nm === 'road' ? weightLimitExclusion(profile, crossing, service, draft.warnings, weightNotice) & mask : 0;
  mask &= ~weightExcluded;
  const moveMode: FreightMode | null = nm === 'rail' || nm === 'road' ? nm : null;
  const cost = perCargo((c) => crossingCost(profile, service, costMode, moveMode, c, km));
  const label = `${crossing.names.en} ${service.names?.en ?? service.id}`;
  // public holidays on which the service closes join its calendar's closures (src/network/holidays.ts)
  const scheduled = withHolidayClosures(
    service,
    `crossing ${crossing.id}: service ${service.id}`,
    draft.warnings,
  );
  const calFwd = draft.addCalendar(scheduled, sides[0].timezone, label);
  const calBack = draft.addCalendar(scheduled, sides[1].timezone, label);
  const base: Omit<NetworkCrossing, 'gaugeChange'> = {
    crossingId: crossing.id,
    crossingName: crossing.names.en,
    serviceId: service.id,
    serviceName: service.names?.en ?? `${service.facility} (${service.mode})`,
    mode: service.mode,
    facility: service.facility,
    openedOn: openedOn(service),
    estimatedLength: service.length?.basis !== 'published',
    clearanceHours: cost[0].hours - (service.transitHours ?? 0),
    feeUsdPerUnit: CARGO_UNITS.map((c) => crossingCost(profile, service, costMode, moveMode, c, 0).usd),
    ...(service.weightLimitT !== undefined ? { weightLimitT: service.weightLimitT, weightExcluded } : {}),
  };
  const edges: ServiceEdges = { ...s, km, draft, cost, mask, calFwd, calBack, base };
  if (nm === 'rail') addRailService(edges, profile, at);
  else addSingleModeService(edges, nm);
}

/**
 * The cargo bits whose loaded truck (profile `modes.road.grossWeightT`) is
 * heavier than the service's `weightLimitT` (0 when it has none). Without
 * gross weights in the profile no limit applies, said once per compile.
 */
export function weightLimitExclusion(
  profile: Profile,
  crossing: Crossing,
  service: CrossingService,
  warnings: string[],
  notice: { given: boolean },
): number {
  const limit = service.weightLimitT;
  if (limit === undefined) return 0;
  const gross = profile.modes.road.grossWeightT;
  if (!gross) {
    if (!notice.given) {
      warnings.push(
        `profile ${profile.id}: modes.road.grossWeightT is not given, so crossing weight limits (e.g. ${crossing.id} ${service.id}: ${limit} t) are not applied`,
      );
      notice.given = true;
    }
    return 0;
  }
  let excluded = 0;
  CARGO_UNITS.forEach((c, i) => {
    if (gross[c] > limit) excluded |= 1 << i;
  });
  return excluded;
}

/** A road, river or pipeline service: one edge each way between the sides' nodes of that mode. */
function addSingleModeService(s: ServiceEdges, nm: FreightMode): void {
  const { draft, crossing, service, sides } = s;
  const ca = canHave(sides[0], nm);
  const cb = canHave(sides[1], nm);
  if (!ca || !cb) {
    draft.warnings.push(
      `crossing ${crossing.id}: service ${service.id} (${nm}) dropped: side "${(!ca ? sides[0] : sides[1]).id}" is not a river-port`,
    );
    return;
  }
  const ref = draft.crossings.length;
  draft.crossings.push({ ...s.base });
  addEdgePair(s, nm, draft.node(s.a, nm), draft.node(s.b, nm), s.cost, ref, ref);
}

/** A rail service: an edge each way per pair of gauges it joins, with the gauge change where they differ. */
function addRailService(s: ServiceEdges, profile: Profile, at: PlaceNodes): void {
  const { service } = s;
  const [g0, g1] = service.gauges ?? ['dual', 'dual'];
  const anyDual = g0 === 'dual' || g1 === 'dual';
  // Dual-gauge track across the border with different gauges on the two sides: trains of one
  // gauge run through to a combined-gauge yard on the other side, and the change of gauge
  // happens there (the yard's own gauge-change transfer, by its capabilities), not for free on
  // the crossing. The yard is `gaugeChange.at` when it names a side, else the second side.
  if (!anyDual && g0 !== g1 && service.gaugeChange?.method === 'dual-gauge-track') {
    addDualGaugeTrack(s, g0, g1, at);
    return;
  }
  const s0 = g0 === 'dual' ? [...(at.railGauges.get(s.a) ?? new Set([1435, 1520]))] : [g0];
  const s1 = g1 === 'dual' ? [...(at.railGauges.get(s.b) ?? new Set([1435, 1520]))] : [g1];
  for (const x of s0) {
    for (const y of s1) {
      if (anyDual && x !== y) continue;
      addGaugePair(s, profile, x, y);
    }
  }
}

/** The crossing edges from gauge `x` on the first side to gauge `y` on the second, and back. */
function addGaugePair(s: ServiceEdges, profile: Profile, x: number, y: number): void {
  const { draft, service } = s;
  let gaugeInfo: NetworkCrossing['gaugeChange'];
  let edgeCost = s.cost;
  if (x !== y) {
    const method = (service.gaugeChange?.method ?? 'transshipment') as GaugeChangeMethod;
    const atlasHours = service.gaugeChange?.hours?.typical;
    const gc = perCargo((c) => gaugeChangeCost(profile, method, c, atlasHours));
    gaugeInfo = { method, from: String(x), to: String(y), hours: gc[0].hours };
    edgeCost = s.cost.map((c, i) => ({
      hours: c.hours + gc[i].hours,
      usd: c.usd + gc[i].usd,
      co2eKg: c.co2eKg + gc[i].co2eKg,
      co2eKgTtw: c.co2eKgTtw + gc[i].co2eKgTtw,
    }));
  }
  const fwd = draft.crossings.length;
  draft.crossings.push({ ...s.base, gaugeChange: gaugeInfo });
  const back = draft.crossings.length;
  draft.crossings.push({
    ...s.base,
    gaugeChange: gaugeInfo ? { ...gaugeInfo, from: gaugeInfo.to, to: gaugeInfo.from } : undefined,
  });
  addEdgePair(s, 'rail', draft.node(s.a, 'rail', x), draft.node(s.b, 'rail', y), edgeCost, fwd, back);
}

/** Dual-gauge track: the other side's gauge runs into the yard (`gaugeChange.at`, else the second side). */
function addDualGaugeTrack(s: ServiceEdges, g0: number, g1: number, at: PlaceNodes): void {
  const { draft, crossing, service, sides } = s;
  const atIds = service.gaugeChange?.at ?? [];
  const yardIsFirst = atIds.includes(sides[0].id) && !atIds.includes(sides[1].id);
  const trackGauge = yardIsFirst ? g1 : g0;
  const yard = yardIsFirst ? s.a : s.b;
  const yardPlace = yardIsFirst ? sides[0] : sides[1];
  if (!(at.railGauges.get(yard)?.has(trackGauge) ?? false))
    draft.warnings.push(
      `crossing ${crossing.id}: service ${service.id} has dual-gauge track but the yard "${yardPlace.id}" does not list gauge ${trackGauge} in its gauges; the ${trackGauge} mm track is taken to run into it`,
    );
  if ((capabilityMask(yardPlace) & s.mask) === 0)
    draft.warnings.push(
      `crossing ${crossing.id}: service ${service.id}: the yard "${yardPlace.id}" where loads change gauge has no capability for the service's cargo, so nothing can change gauge there (add capabilities to the place)`,
    );
  const ref = draft.crossings.length;
  draft.crossings.push({ ...s.base });
  addEdgePair(
    s,
    'rail',
    draft.node(s.a, 'rail', trackGauge),
    draft.node(s.b, 'rail', trackGauge),
    s.cost,
    ref,
    ref,
  );
}

/**
 * The crossing edge from `tail` (a node of the first side) to `head` (of the
 * second) on the first side's calendar, and back on the second's, with the
 * crossing records `ref` and `backRef`.
 */
function addEdgePair(
  s: ServiceEdges,
  mode: FreightMode,
  tail: number,
  head: number,
  cost: EdgeCost[],
  ref: number,
  backRef: number,
): void {
  s.draft.edge(
    { tail, head, kind: 'crossing', mode, km: s.km, cost, mask: s.mask, calendar: s.calFwd, ref },
    { calendar: s.calBack, ref: backRef },
  );
}

/**
 * The service with its holiday closures laid out as dated calendar closures
 * (none: the service itself). An unknown holiday name is a warning naming the
 * crossing, the service and the valid names.
 */
export function withHolidayClosures(
  service: CrossingService,
  label: string,
  warnings: string[],
): Pick<CrossingService, 'status' | 'calendar'> {
  if (!service.holidayClosures?.length) return service;
  const closures = [...(service.calendar?.closures ?? [])];
  service.holidayClosures.forEach((rule, i) => {
    const periods = holidayPeriods(rule);
    if (periods.length === 0)
      warnings.push(
        `${label}: holidayClosures[${i}]: no public holiday "${rule.holiday}" in ${rule.country} (date-holidays; valid: ${[...holidayNames(rule.country)].join(', ') || 'none: unknown country'})`,
      );
    closures.push(...periods);
  });
  return { status: service.status, calendar: { ...(service.calendar ?? {}), closures } };
}

function openedOn(service: CrossingService): string | undefined {
  for (let i = service.status.length - 1; i >= 0; i--) {
    const s = service.status[i];
    if (s.state === 'open') return s.from;
  }
  return undefined;
}

/** Which nodes a crossing service joins, and which border defaults apply (null: it carries no freight). */
export function crossingMode(
  service: CrossingService,
): { nodeMode: FreightMode; costMode: 'rail' | 'road' | 'river' | 'pipeline' } | null {
  switch (service.mode) {
    case 'rail':
      return { nodeMode: 'rail', costMode: 'rail' };
    case 'road':
      return { nodeMode: 'road', costMode: 'road' };
    case 'river-cargo':
      // barges and boats carry cargo between river ports; ferries, pontoons and ice roads carry trucks
      return service.facility === 'barge' || service.facility === 'boat'
        ? { nodeMode: 'river', costMode: 'river' }
        : { nodeMode: 'road', costMode: 'river' };
    case 'pipeline':
      return { nodeMode: 'pipeline', costMode: 'pipeline' };
    default:
      return null;
  }
}
