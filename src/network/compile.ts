/**
 * `compileNetwork(atlas, profile, opts) → Network`: turns the atlas (and
 * optional line-network overlays) into the virtual multimodal network of
 * `types.ts`, with per-edge hours, cost and CO2e for each cargo unit taken
 * from the profile through the pure functions of `src/costs/model.ts`.
 *
 * Rules
 * - Mode nodes only where the mode can be: sea nodes at seaports, river nodes
 *   at river ports, air nodes at airports; rail nodes per gauge (1435, 1520,
 *   1067) from the place's links, crossings and `gauges`; every place has a
 *   road node and a gate. A link to a place that cannot have its mode is
 *   dropped with a warning naming the link.
 * - Load/unload (gate ↔ mode) and tranship (mode ↔ mode) edges exist only for
 *   the cargo the place's `capabilities` allow (container → TEU/FEU, bulk →
 *   bulk, liquid-bulk → liquid); road pick-up and delivery at the door are
 *   always allowed; liquids go by pipeline only where a pipeline is.
 * - A crossing service becomes an edge each way between the sides' mode nodes
 *   (road for road services and for trucks on ferries, pontoons and ice roads;
 *   river for barges; rail; pipeline) with clearance, fees, transit time and,
 *   for rail services whose gauges differ, the gauge change (atlas hours where
 *   given, else the profile's by method). Dual-gauge track whose sides differ
 *   in gauge (Hunchun – Kamyshovaya) runs one gauge into the combined-gauge
 *   yard (`gaugeChange.at`), where the yard's own gauge change applies.
 * - Sea and river links carry every cargo unit (the ports' capabilities
 *   decide what is loaded); each unit sails on the vessel class that carries
 *   it (`vesselFor`: the link's `vessel` when it suits the cargo, else the
 *   profile's `vesselByCargo`), whose emission row and speed apply.
 * - A link's `cargo` narrows the cargo its edges carry: `[passenger]` (a
 *   high-speed passenger line) carries no freight unit, `[bulk]` only bulk.
 * - A crossing service with a `weightLimitT` that trucks use (road node)
 *   carries no cargo unit whose loaded truck (profile
 *   `modes.road.grossWeightT`) is heavier; `NetworkCrossing.weightExcluded`
 *   records which, so the router can say when the limit forces a detour.
 * - Calendars (link or service `status` + `calendar`) stay attached by index,
 *   read in the calendar's own `timezone` when it gives one, else in the time
 *   zone of the edge's tail place; the search evaluates them.
 */
import type { Atlas, CargoKind, Crossing, CrossingService, Gauge, Link, Place } from '../atlas/schema.ts';
import {
  crossingCost,
  type GaugeChangeMethod,
  gaugeChangeCost,
  type LinkAttributes,
  linkCost,
  loadCost,
  serviceFor,
  transferCost,
  unloadCost,
} from '../costs/model.ts';
import { CARGO_UNITS, type CargoUnit, type FreightMode, type Profile } from '../costs/profile.ts';
import { greatCircleKm } from './geodesy.ts';
import { holidayNames, holidayPeriods } from './holidays.ts';
import { type LinkDetail, linkDetail, loadLinkGeometry } from './link-geometry.ts';
import type { LineNetworkOverlay } from './overlay.ts';
import {
  CARGO_COUNT,
  EDGE_KIND,
  type EdgeKind,
  MODE_CODE,
  type Network,
  type NetworkCalendar,
  type NetworkCrossing,
  type NetworkLink,
  type NetworkPlace,
} from './types.ts';

export interface CompileOptions {
  /** Line networks imported from GeoJSON, joined to atlas places. */
  overlays?: LineNetworkOverlay[];
  /**
   * Real lines and measured km of links (src/network/link-geometry.ts): default
   * the shipped layer `data/geometry/links.geojson`; `null` for none (every link
   * straight, its km as the atlas gives it).
   */
  linkDetail?: Map<string, LinkDetail> | null;
}

/** The surface cargo units (containers, bulk, liquid bulk); air cargo flies, and goes by road to and from airports. */
const ALL_CARGO = 0b01111;
const CONTAINERS = 0b00011;
const BULK = 0b00100;
const LIQUID = 0b01000;
const AIR = 0b10000;

const CAPABILITY_MASK: Record<string, number> = {
  container: CONTAINERS,
  reefer: CONTAINERS,
  bulk: BULK,
  'liquid-bulk': LIQUID,
};

function capabilityMask(place: Place): number {
  let m = 0;
  for (const c of place.capabilities ?? []) m |= CAPABILITY_MASK[c] ?? 0;
  return m;
}

function cargoKindsMask(kinds: CargoKind[] | undefined, fallback: number): number {
  if (!kinds) return fallback;
  let m = 0;
  for (const k of kinds) {
    if (k === 'container' || k === 'reefer') m |= CONTAINERS;
    else if (k === 'bulk') m |= BULK;
    else if (k === 'liquid-bulk') m |= LIQUID;
    else if (k === 'ro-ro' || k === 'vehicles') m |= CONTAINERS | BULK;
  }
  return m;
}

/**
 * The vessel class a cargo unit sails on over a sea or river link: the link's
 * own vessel when it carries that cargo, else the profile's class for the
 * cargo (a bulk carrier on a container lane). A link without a vessel keeps
 * the mode's default row for containers.
 */
export function vesselFor(
  profile: Profile,
  mode: FreightMode,
  linkVessel: string | undefined,
  cargo: CargoUnit,
): string | undefined {
  const bit = 1 << CARGO_UNITS.indexOf(cargo);
  if (linkVessel && vesselMask(linkVessel) & bit) return linkVessel;
  if (!linkVessel && bit & CONTAINERS) return undefined;
  return profile.modes[mode].vesselByCargo?.[cargo] ?? linkVessel;
}

function vesselMask(vessel: string | undefined): number {
  switch (vessel) {
    case 'container-feeder':
    case 'container-mainline':
    case 'river-container':
      return CONTAINERS;
    case 'bulk':
      return BULK;
    case 'tanker':
      return LIQUID;
    case 'ro-ro':
      return CONTAINERS | BULK;
    default:
      return ALL_CARGO;
  }
}

interface EdgeDraft {
  tail: number;
  head: number;
  kind: EdgeKind;
  mode: FreightMode | 'gate';
  km: number;
  cost: { hours: number; usd: number; co2eKg: number; co2eKgTtw: number }[];
  mask: number;
  calendar: number;
  ref: number;
}

const STANDARD_GAUGES = [1435, 1520, 1067] as const;

/** Compiles the atlas (+ overlays) with a profile. Fast enough to run per request (see bench/route-pareto.ts). */
export function compileNetwork(atlas: Atlas, profile: Profile, opts: CompileOptions = {}): Network {
  const t0 = performance.now();
  const warnings: string[] = [];
  const details = opts.linkDetail === undefined ? linkDetail(atlas, loadLinkGeometry()) : opts.linkDetail;

  // ---------------------------------------------------------------- places and nodes
  const places: NetworkPlace[] = atlas.places.map((p) => ({
    id: p.id,
    name: p.names.en,
    country: p.country,
    timezone: p.timezone,
    seaport: p.kinds.includes('seaport'),
    coords: p.coords,
  }));
  const placeIndex = new Map(atlas.places.map((p, i) => [p.id, i]));
  const nodePlace: number[] = [];
  const nodeMode: number[] = [];
  const nodeGauge: number[] = [];
  const nodeKey = new Map<string, number>();
  const node = (place: number, mode: FreightMode | 'gate', gauge = 0): number => {
    const key = `${place}|${mode}|${gauge}`;
    let id = nodeKey.get(key);
    if (id === undefined) {
      id = nodePlace.length;
      nodePlace.push(place);
      nodeMode.push(MODE_CODE[mode]);
      nodeGauge.push(gauge);
      nodeKey.set(key, id);
    }
    return id;
  };
  const gateNode = new Int32Array(places.length);
  atlas.places.forEach((_, i) => {
    gateNode[i] = node(i, 'gate');
    node(i, 'road');
  });

  const canHave = (place: Place, mode: FreightMode): boolean => {
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
  };

  // rail gauges present at each place
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

  const corridorOfLink = new Map<string, string>();
  for (const c of atlas.corridors)
    for (const id of c.links) if (!corridorOfLink.has(id)) corridorOfLink.set(id, c.names.en);

  const edges: EdgeDraft[] = [];
  const calendars: NetworkCalendar[] = [];
  const links: NetworkLink[] = [];
  const crossings: NetworkCrossing[] = [];

  const perCargo = (f: (cargo: CargoUnit) => EdgeDraft['cost'][number]) => CARGO_UNITS.map((c) => f(c));

  // ---------------------------------------------------------------- links
  const crossingPairs = new Map(atlas.crossings.map((c) => [[...c.sides].sort().join('|'), c.id]));
  for (const link of atlas.links) {
    if (link.mode === 'power' || link.mode === 'cable') continue;
    const mode = link.mode as FreightMode;
    const a = placeIndex.get(link.from);
    const b = placeIndex.get(link.to);
    if (a === undefined || b === undefined) continue; // the loader reports unknown places
    const pa = atlas.places[a];
    const pb = atlas.places[b];
    if (!canHave(pa, mode) || !canHave(pb, mode)) {
      const bad = !canHave(pa, mode) ? pa : pb;
      warnings.push(
        `link ${link.id}: ${mode} link dropped: place "${bad.id}" is not a ${mode === 'sea' ? 'seaport' : mode === 'river' ? 'river-port' : 'airport'} (add the kind to the place or fix the link's ends)`,
      );
      continue;
    }
    if ((mode === 'road' || mode === 'rail') && pa.country !== pb.country) {
      const crossingId = crossingPairs.get([link.from, link.to].sort().join('|'));
      if (crossingId) {
        warnings.push(
          `link ${link.id}: ${mode} link between ${pa.id} (${pa.country}) and ${pb.id} (${pb.country}) dropped: the crossing ${crossingId} governs that border passage (remove the link, or give the crossing a ${mode} service)`,
        );
        continue;
      }
      warnings.push(
        `link ${link.id}: ${mode} link joins ${pa.country} and ${pb.country} without a crossing record: no border clearance is applied`,
      );
    }
    const calendar =
      link.status || link.calendar ? addCalendar(calendars, link, pa.timezone, `link ${link.id}`) : -1;
    const linkIdx = links.length;
    const detail = details?.get(link.id);
    links.push({
      id: link.id,
      mode: link.mode,
      line: link.line?.en,
      corridor: corridorOfLink.get(link.id),
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
      linkCost(
        profile,
        waterborne ? { ...attrs, vessel: vesselFor(profile, mode, link.vessel, c) } : attrs,
        c,
      ),
    );
    // the service class each cargo unit moves in on this link, named by the itinerary
    links[linkIdx].services = CARGO_UNITS.map(
      (c) =>
        serviceFor(profile, mode, c, waterborne ? vesselFor(profile, mode, link.vessel, c) : attrs.vessel)
          ?.label ?? null,
    );
    let mask =
      mode === 'pipeline' ? LIQUID : mode === 'air' ? AIR : mode === 'road' ? ALL_CARGO | AIR : ALL_CARGO;
    // the link's own cargo list narrows what its mode carries (e.g. [passenger]: no freight at all)
    if (link.cargo) mask &= cargoKindsMask(link.cargo, ALL_CARGO) | (mode === 'air' ? AIR : 0);
    const pairs: [number, number][] = [];
    if (mode === 'rail') {
      for (const g of linkGauges(link.gauge, railGauges.get(a), railGauges.get(b)))
        pairs.push([node(a, 'rail', g), node(b, 'rail', g)]);
    } else {
      pairs.push([node(a, mode), node(b, mode)]);
    }
    for (const [u, v] of pairs) {
      edges.push({
        tail: u,
        head: v,
        kind: 'link',
        mode,
        km: attrs.km,
        cost,
        mask,
        calendar,
        ref: linkIdx,
      });
      if (link.bidirectional !== false)
        edges.push({
          tail: v,
          head: u,
          kind: 'link',
          mode,
          km: attrs.km,
          cost,
          mask,
          calendar,
          ref: linkIdx,
        });
    }
  }

  // ---------------------------------------------------------------- crossings
  let weightWarned = false;
  for (const crossing of atlas.crossings) {
    const a = placeIndex.get(crossing.sides[0]);
    const b = placeIndex.get(crossing.sides[1]);
    if (a === undefined || b === undefined) continue;
    const sides = [atlas.places[a], atlas.places[b]] as const;
    const km = greatCircleKm(sides[0].coords, sides[1].coords);
    for (const service of crossing.services) {
      const kindOfMode = crossingMode(service);
      if (!kindOfMode) continue; // pedestrian, passenger boats, power
      const { nodeMode: nm, costMode } = kindOfMode;
      let mask =
        cargoKindsMask(service.cargo, nm === 'pipeline' ? LIQUID : ALL_CARGO) &
        (nm === 'pipeline' ? LIQUID : ALL_CARGO);
      if (mask === 0) continue;
      // a weight limit keeps off trucks whose loaded gross weight exceeds it
      let weightExcluded = 0;
      if (service.weightLimitT !== undefined && nm === 'road') {
        const gross = profile.modes.road.grossWeightT;
        if (!gross) {
          if (!weightWarned) {
            warnings.push(
              `profile ${profile.id}: modes.road.grossWeightT is not given, so crossing weight limits (e.g. ${crossing.id} ${service.id}: ${service.weightLimitT} t) are not applied`,
            );
            weightWarned = true;
          }
        } else {
          CARGO_UNITS.forEach((c, i) => {
            if (gross[c] > (service.weightLimitT as number)) weightExcluded |= 1 << i;
          });
          weightExcluded &= mask;
          mask &= ~weightExcluded;
        }
      }
      const moveMode: FreightMode | null = nm === 'rail' || nm === 'road' ? nm : null;
      const cost = perCargo((c) => crossingCost(profile, service, costMode, moveMode, c, km));
      const idxBase = crossings.length;
      const opened = openedOn(service);
      const label = `${crossing.names.en} ${service.names?.en ?? service.id}`;
      // public holidays on which the service closes join its calendar's closures (src/network/holidays.ts)
      const scheduled = withHolidayClosures(
        service,
        `crossing ${crossing.id}: service ${service.id}`,
        warnings,
      );
      const calFwd = addCalendar(calendars, scheduled, sides[0].timezone, label);
      const calBack = addCalendar(calendars, scheduled, sides[1].timezone, label);
      const base: Omit<NetworkCrossing, 'gaugeChange'> = {
        crossingId: crossing.id,
        crossingName: crossing.names.en,
        serviceId: service.id,
        serviceName: service.names?.en ?? `${service.facility} (${service.mode})`,
        mode: service.mode,
        facility: service.facility,
        openedOn: opened,
        clearanceHours: cost[0].hours - (service.transitHours ?? 0),
        feeUsdPerUnit: CARGO_UNITS.map((c) => crossingCost(profile, service, costMode, moveMode, c, 0).usd),
        ...(service.weightLimitT !== undefined ? { weightLimitT: service.weightLimitT, weightExcluded } : {}),
      };
      if (nm !== 'rail') {
        const ca = canHave(sides[0], nm);
        const cb = canHave(sides[1], nm);
        if (!ca || !cb) {
          warnings.push(
            `crossing ${crossing.id}: service ${service.id} (${nm}) dropped: side "${(!ca ? sides[0] : sides[1]).id}" is not a river-port`,
          );
          continue;
        }
        crossings.push({ ...base });
        const u = node(a, nm);
        const v = node(b, nm);
        edges.push({
          tail: u,
          head: v,
          kind: 'crossing',
          mode: nm,
          km,
          cost,
          mask,
          calendar: calFwd,
          ref: idxBase,
        });
        edges.push({
          tail: v,
          head: u,
          kind: 'crossing',
          mode: nm,
          km,
          cost,
          mask,
          calendar: calBack,
          ref: idxBase,
        });
        continue;
      }
      // rail: gauges on each side, maybe a gauge change
      const [g0, g1] = service.gauges ?? ['dual', 'dual'];
      const s0 = g0 === 'dual' ? [...(railGauges.get(a) ?? new Set([1435, 1520]))] : [g0];
      const s1 = g1 === 'dual' ? [...(railGauges.get(b) ?? new Set([1435, 1520]))] : [g1];
      const anyDual = g0 === 'dual' || g1 === 'dual';
      // Dual-gauge track across the border with different gauges on the two sides: trains of one
      // gauge run through to a combined-gauge yard on the other side, and the change of gauge
      // happens there (the yard's own gauge-change transfer, by its capabilities), not for free on
      // the crossing. The yard is `gaugeChange.at` when it names a side, else the second side.
      const dualTrack = !anyDual && g0 !== g1 && service.gaugeChange?.method === 'dual-gauge-track';
      if (dualTrack) {
        const atIds = service.gaugeChange?.at ?? [];
        const yardIsFirst = atIds.includes(sides[0].id) && !atIds.includes(sides[1].id);
        const trackGauge = yardIsFirst ? (g1 as number) : (g0 as number);
        const yard = yardIsFirst ? a : b;
        if (!(railGauges.get(yard)?.has(trackGauge) ?? false))
          warnings.push(
            `crossing ${crossing.id}: service ${service.id} has dual-gauge track but the yard "${atlas.places[yard].id}" does not list gauge ${trackGauge} in its gauges; the ${trackGauge} mm track is taken to run into it`,
          );
        if ((capabilityMask(atlas.places[yard]) & mask) === 0)
          warnings.push(
            `crossing ${crossing.id}: service ${service.id}: the yard "${atlas.places[yard].id}" where loads change gauge has no capability for the service's cargo, so nothing can change gauge there (add capabilities to the place)`,
          );
        const idx = crossings.length;
        crossings.push({ ...base });
        const u = node(a, 'rail', trackGauge);
        const v = node(b, 'rail', trackGauge);
        edges.push({
          tail: u,
          head: v,
          kind: 'crossing',
          mode: 'rail',
          km,
          cost,
          mask,
          calendar: calFwd,
          ref: idx,
        });
        edges.push({
          tail: v,
          head: u,
          kind: 'crossing',
          mode: 'rail',
          km,
          cost,
          mask,
          calendar: calBack,
          ref: idx,
        });
        continue;
      }
      for (const x of s0) {
        for (const y of s1) {
          if (anyDual && x !== y) continue;
          const change = x !== y;
          let gaugeInfo: NetworkCrossing['gaugeChange'];
          let edgeCost = cost;
          if (change) {
            const method = (service.gaugeChange?.method ?? 'transshipment') as GaugeChangeMethod;
            const atlasHours = service.gaugeChange?.hours?.typical;
            const gc = perCargo((c) => gaugeChangeCost(profile, method, c, atlasHours));
            gaugeInfo = {
              method,
              from: String(x),
              to: String(y),
              hours: gc[0].hours,
            };
            edgeCost = cost.map((c, i) => ({
              hours: c.hours + gc[i].hours,
              usd: c.usd + gc[i].usd,
              co2eKg: c.co2eKg + gc[i].co2eKg,
              co2eKgTtw: c.co2eKgTtw + gc[i].co2eKgTtw,
            }));
          }
          const fwd = crossings.length;
          crossings.push({ ...base, gaugeChange: gaugeInfo });
          const back = crossings.length;
          crossings.push({
            ...base,
            gaugeChange: gaugeInfo ? { ...gaugeInfo, from: gaugeInfo.to, to: gaugeInfo.from } : undefined,
          });
          const u = node(a, 'rail', x);
          const v = node(b, 'rail', y);
          edges.push({
            tail: u,
            head: v,
            kind: 'crossing',
            mode: 'rail',
            km,
            cost: edgeCost,
            mask,
            calendar: calFwd,
            ref: fwd,
          });
          edges.push({
            tail: v,
            head: u,
            kind: 'crossing',
            mode: 'rail',
            km,
            cost: edgeCost,
            mask,
            calendar: calBack,
            ref: back,
          });
        }
      }
    }
  }

  // ---------------------------------------------------------------- overlays
  for (const ov of opts.overlays ?? [])
    compileOverlay(
      ov,
      profile,
      placeIndex,
      atlas,
      node,
      nodePlace,
      nodeMode,
      nodeGauge,
      edges,
      calendars,
      links,
      warnings,
    );

  // ---------------------------------------------------------------- transfers at each place
  const modesAt = new Map<number, number[]>(); // place → mode nodes (not gate)
  for (let v = 0; v < nodePlace.length; v++) {
    const p = nodePlace[v];
    if (p < 0 || nodeMode[v] === MODE_CODE.gate) continue;
    let list = modesAt.get(p);
    if (!list) {
      list = [];
      modesAt.set(p, list);
    }
    list.push(v);
  }
  const modeName = (code: number) =>
    (['gate', 'rail', 'road', 'river', 'sea', 'air', 'pipeline'] as const)[code] as FreightMode;
  for (const [p, nodes] of modesAt) {
    const place = atlas.places[p];
    const caps = capabilityMask(place);
    const pipelineOk = place.kinds.includes('pipeline-station') ? LIQUID : caps & LIQUID;
    const seaport = places[p].seaport;
    const gate = gateNode[p];
    for (const v of nodes) {
      const m = modeName(nodeMode[v]);
      // load at the origin / unload at the destination
      let mask: number;
      if (m === 'road') mask = ALL_CARGO | AIR;
      else if (m === 'pipeline') mask = pipelineOk;
      else if (m === 'air') mask = AIR;
      else mask = caps;
      if (mask) {
        edges.push({
          tail: gate,
          head: v,
          kind: 'load',
          mode: m,
          km: 0,
          cost: perCargo((c) => loadCost(profile, m, c, seaport)),
          mask,
          calendar: -1,
          ref: -1,
        });
        edges.push({
          tail: v,
          head: gate,
          kind: 'unload',
          mode: m,
          km: 0,
          cost: perCargo((c) => unloadCost(profile, m, c, seaport)),
          mask,
          calendar: -1,
          ref: -1,
        });
      }
      for (const w of nodes) {
        if (w === v) continue;
        const n2 = modeName(nodeMode[w]);
        if (m === 'rail' && n2 === 'rail') {
          // gauge change inside a place: transshipment between its rail gauges
          const tmask = caps & (CONTAINERS | BULK | LIQUID);
          if (!tmask) continue;
          const gc = perCargo((c) => gaugeChangeCost(profile, 'transshipment', c));
          edges.push({
            tail: v,
            head: w,
            kind: 'gauge-change',
            mode: 'rail',
            km: 0,
            cost: gc,
            mask: tmask,
            calendar: -1,
            ref: -1,
          });
          continue;
        }
        let tmask = caps;
        if (m === 'pipeline' || n2 === 'pipeline') tmask = pipelineOk & caps;
        // air cargo changes only between the aircraft and the truck at an airport
        if (m === 'air' || n2 === 'air')
          tmask = (m === 'road' || n2 === 'road') && place.kinds.includes('airport') ? AIR : 0;
        if (!tmask) continue;
        edges.push({
          tail: v,
          head: w,
          kind: 'tranship',
          mode: n2,
          km: 0,
          cost: perCargo((c) => transferCost(profile, m, n2, c, seaport)),
          mask: tmask,
          calendar: -1,
          ref: -1,
        });
      }
    }
  }

  // ---------------------------------------------------------------- CSR
  const n = nodePlace.length;
  const m = edges.length;
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[e.tail + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const tail = new Int32Array(m);
  const targets = new Int32Array(m);
  const kind = new Uint8Array(m);
  const mode = new Uint8Array(m);
  const kmArr = new Float64Array(m);
  const hours = new Float64Array(m * CARGO_COUNT);
  const costUsd = new Float64Array(m * CARGO_COUNT);
  const co2eKg = new Float64Array(m * CARGO_COUNT);
  const co2eKgTtw = new Float64Array(m * CARGO_COUNT);
  const cargoMask = new Uint8Array(m);
  const calendar = new Int32Array(m);
  const ref = new Int32Array(m);
  for (const e of edges) {
    const i = cursor[e.tail]++;
    tail[i] = e.tail;
    targets[i] = e.head;
    kind[i] = EDGE_KIND[e.kind];
    mode[i] = MODE_CODE[e.mode];
    kmArr[i] = e.km;
    for (let c = 0; c < CARGO_COUNT; c++) {
      hours[i * CARGO_COUNT + c] = e.cost[c].hours;
      costUsd[i * CARGO_COUNT + c] = e.cost[c].usd;
      co2eKg[i * CARGO_COUNT + c] = e.cost[c].co2eKg;
      co2eKgTtw[i * CARGO_COUNT + c] = e.cost[c].co2eKgTtw;
    }
    cargoMask[i] = e.mask;
    calendar[i] = e.calendar;
    ref[i] = e.ref;
  }
  const rOffsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) rOffsets[targets[i] + 1]++;
  for (let v = 0; v < n; v++) rOffsets[v + 1] += rOffsets[v];
  const rCursor = rOffsets.slice(0, n);
  const rEdges = new Int32Array(m);
  for (let i = 0; i < m; i++) rEdges[rCursor[targets[i]]++] = i;

  return {
    nodeCount: n,
    edgeCount: m,
    nodePlace: Int32Array.from(nodePlace),
    nodeMode: Uint8Array.from(nodeMode),
    nodeGauge: Int16Array.from(nodeGauge),
    places,
    placeIndex,
    gateNode,
    offsets,
    tail,
    targets,
    rOffsets,
    rEdges,
    kind,
    mode,
    km: kmArr,
    hours,
    costUsd,
    co2eKg,
    co2eKgTtw,
    cargoMask,
    calendar,
    ref,
    calendars,
    links,
    crossings,
    warnings,
    profile,
    compileMs: performance.now() - t0,
  };
}

/**
 * The service with its holiday closures laid out as dated calendar closures
 * (none: the service itself). An unknown holiday name is a warning naming the
 * crossing, the service and the valid names.
 */
function withHolidayClosures(
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

function addCalendar(
  calendars: NetworkCalendar[],
  thing: Pick<Link, 'status' | 'calendar'> | Pick<CrossingService, 'status' | 'calendar'>,
  timezone: string,
  label: string,
): number {
  calendars.push({
    thing,
    // a calendar given in one side's clock is read in that zone from either side
    timezone: thing.calendar?.timezone ?? timezone,
    label,
    seasonRanges: thing.calendar?.seasons?.map((s) => ({ from: s.fromRange, to: s.toRange })),
  });
  return calendars.length - 1;
}

function openedOn(service: CrossingService): string | undefined {
  for (let i = service.status.length - 1; i >= 0; i--) {
    const s = service.status[i];
    if (s.state === 'open') return s.from;
  }
  return undefined;
}

/** Which nodes a crossing service joins, and which border defaults apply. */
function crossingMode(
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

/** Gauges a rail link joins: its own, or for dual-gauge track the gauges present at its ends. */
function linkGauges(
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

function compileOverlay(
  ov: LineNetworkOverlay,
  profile: Profile,
  placeIndex: Map<string, number>,
  atlas: Atlas,
  node: (place: number, mode: FreightMode | 'gate', gauge?: number) => number,
  nodePlace: number[],
  nodeMode: number[],
  nodeGauge: number[],
  edges: EdgeDraft[],
  calendars: NetworkCalendar[],
  links: NetworkLink[],
  warnings: string[],
): void {
  const mode: FreightMode = ov.mode;
  const gauge = mode === 'rail' ? (ov.gauge === undefined || ov.gauge === 'dual' ? 1520 : ov.gauge) : 0;
  const first = nodePlace.length;
  const count = ov.nodes.lon.length;
  for (let i = 0; i < count; i++) {
    nodePlace.push(-1);
    nodeMode.push(MODE_CODE[mode]);
    nodeGauge.push(gauge);
  }
  const linkIdx = links.length;
  links.push({ id: `overlay:${ov.id}`, mode, line: ov.source.title, estimated: false });
  const tagCalendar = ov.tags.map((tag) => {
    const cal = ov.tagCalendars?.[tag];
    return cal ? addCalendar(calendars, { calendar: cal }, 'UTC', `${ov.id} ${tag}`) : -1;
  });
  const mask = ALL_CARGO;
  const waterborne = mode === 'sea' || mode === 'river';
  const vessel = (c: CargoUnit) => (waterborne ? vesselFor(profile, mode, undefined, c) : undefined);
  for (let e = 0; e < ov.edges.from.length; e++) {
    const km = ov.edges.km[e];
    const cost = CARGO_UNITS.map((c) => linkCost(profile, { mode, km, vessel: vessel(c) }, c));
    const u = first + ov.edges.from[e];
    const v = first + ov.edges.to[e];
    const calendar = tagCalendar[ov.edges.tag[e]] ?? -1;
    edges.push({ tail: u, head: v, kind: 'link', mode, km, cost, mask, calendar, ref: linkIdx });
    edges.push({ tail: v, head: u, kind: 'link', mode, km, cost, mask, calendar, ref: linkIdx });
  }
  for (const j of ov.joins) {
    const p = placeIndex.get(j.place);
    if (p === undefined) {
      warnings.push(`overlay ${ov.id}: join to unknown place "${j.place}" ignored`);
      continue;
    }
    const place = atlas.places[p];
    if (
      (mode === 'sea' && !place.kinds.includes('seaport')) ||
      (mode === 'river' && !place.kinds.includes('river-port'))
    ) {
      warnings.push(
        `overlay ${ov.id}: join to "${j.place}" ignored (not a ${mode === 'sea' ? 'seaport' : 'river-port'})`,
      );
      continue;
    }
    const pn = node(p, mode, gauge || 0);
    const on = first + j.node;
    const cost = CARGO_UNITS.map((c) => linkCost(profile, { mode, km: j.km, vessel: vessel(c) }, c));
    edges.push({ tail: pn, head: on, kind: 'link', mode, km: j.km, cost, mask, calendar: -1, ref: linkIdx });
    edges.push({ tail: on, head: pn, kind: 'link', mode, km: j.km, cost, mask, calendar: -1, ref: linkIdx });
  }
}

/** A crossing's display name with the service, e.g. "Heihe – Blagoveshchensk road bridge". */
export function crossingLabel(c: Crossing, s: CrossingService): string {
  return `${c.names.en} ${s.names?.en ?? s.facility}`;
}
