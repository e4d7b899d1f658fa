/**
 * Stage 5 of `compileNetwork` (after the overlays): the edges inside each
 * place, NODUS style. Load and unload edges join the gate to every mode node
 * for the cargo the place's `capabilities` allow (road pick-up and delivery at
 * the door always; liquids by pipeline only where a pipeline is; air cargo
 * only on aircraft); tranship edges join mode nodes; gauge-change edges join
 * rail nodes of different gauge (transshipment, for the cargo the place
 * handles). Air cargo changes only between aircraft and truck at an airport.
 * A seaport's sea arrival nodes unload and tranship out, its departure node
 * loads and takes transhipments in, and the call edges (`sea-calls.ts`) join
 * them.
 */
import type { Atlas } from '../../atlas/schema.ts';
import { type Cost, gaugeChangeCost, loadCost, transferCost, unloadCost } from '../../costs/model.ts';
import type { CargoUnit, FreightMode, Profile } from '../../costs/profile.ts';
import { MODE_CODE, MODE_CODES } from '../types.ts';
import { AIR, ALL_CARGO, BULK, CONTAINERS, capabilityMask, LIQUID, vesselFor } from './cargo.ts';
import { type NetworkDraft, perCargo } from './draft.ts';
import type { PlaceNodes } from './place-nodes.ts';
import { addCallEdges, isSeaArrival } from './sea-calls.ts';

/** Adds the load, unload, tranship and gauge-change edges of every place with a mode node. */
export function addTransferEdges(draft: NetworkDraft, atlas: Atlas, profile: Profile, at: PlaceNodes): void {
  const feederPorts = feederOnlyPorts(atlas, profile);
  for (const [p, nodes] of modeNodesByPlace(draft))
    addPlaceTransfers(draft, atlas, profile, at, p, nodes, feederPorts.has(atlas.places[p].id));
  addCallEdges(draft);
}

/**
 * Ports every sea lane of which carries containers on a feeder (the lane's
 * vessel, or the profile's `vesselByCargo` for containers on a bulk lane): a
 * container ship leaving one is a feeder, so its terminal dwell is the feeder
 * class's, not the liner's. Elsewhere the class a ship leaves in is not known
 * at the terminal, and the mode's first container class applies.
 */
export function feederOnlyPorts(atlas: Atlas, profile: Profile): Set<string> {
  const vessels = new Map<string, Set<string>>();
  for (const l of atlas.links) {
    if (l.mode !== 'sea') continue;
    const vessel = vesselFor(profile, 'sea', l.vessel, 'feu') ?? '';
    for (const id of [l.from, l.to]) {
      const set = vessels.get(id) ?? new Set<string>();
      set.add(vessel);
      vessels.set(id, set);
    }
  }
  return new Set([...vessels].filter(([, v]) => v.size === 1 && v.has('container-feeder')).map(([id]) => id));
}

/** Place index → its mode nodes (not the gate), in node order; places in order of their first mode node. */
export function modeNodesByPlace(draft: NetworkDraft): Map<number, number[]> {
  const modesAt = new Map<number, number[]>();
  for (let v = 0; v < draft.nodeCount; v++) {
    const p = draft.nodePlace[v];
    if (p < 0 || draft.nodeMode[v] === MODE_CODE.gate) continue;
    let list = modesAt.get(p);
    if (!list) {
      list = [];
      modesAt.set(p, list);
    }
    list.push(v);
  }
  return modesAt;
}

const modeName = (code: number) => MODE_CODES[code] as FreightMode;

function addPlaceTransfers(
  draft: NetworkDraft,
  atlas: Atlas,
  profile: Profile,
  at: PlaceNodes,
  p: number,
  nodes: number[],
  feederPort: boolean,
): void {
  const place = atlas.places[p];
  // the vessel class leaving this port's sea terminal, where it is known (a feeder-only port)
  const vessel = feederPort ? 'container-feeder' : undefined;
  const caps = capabilityMask(place);
  const pipelineOk = place.kinds.includes('pipeline-station') ? LIQUID : caps & LIQUID;
  const seaport = at.places[p].seaport;
  const gate = at.gateNode[p];
  const airport = place.kinds.includes('airport');
  const portDwell = seaport ? place.containerDwell?.hours : undefined;
  const seaHours = (c: CargoUnit, end: 'load' | 'unload') =>
    (end === 'load' ? loadCost : unloadCost)(profile, 'sea', c, seaport, vessel).hours;
  // a port's own container dwell replaces the ship's terminal dwell and release (once per call at the port)
  const ownDwell = (c: CargoUnit, cost: Cost, from: FreightMode | null, to: FreightMode | null): Cost => {
    if (portDwell === undefined || (c !== 'teu' && c !== 'feu')) return cost;
    let hours = cost.hours;
    if (from === 'sea') hours += portDwell - seaHours(c, 'unload');
    if (to === 'sea') hours += portDwell - seaHours(c, 'load');
    return { ...cost, hours };
  };
  for (const v of nodes) {
    const m = modeName(draft.nodeMode[v]);
    // by sea, cargo is loaded onto the departure node and discharged from an arrival node (sea-calls.ts)
    const { inbound, outbound } = seaSide(draft, v, m);
    // load at the origin / unload at the destination
    const mask = m === 'road' ? ALL_CARGO | AIR : m === 'pipeline' ? pipelineOk : m === 'air' ? AIR : caps;
    if (mask) {
      const at0 = { km: 0, mask, calendar: -1, ref: -1 };
      if (outbound)
        draft.edge({
          tail: gate,
          head: v,
          kind: 'load',
          mode: m,
          cost: perCargo((c) => ownDwell(c, loadCost(profile, m, c, seaport, vessel), null, m)),
          ...at0,
        });
      if (inbound)
        draft.edge({
          tail: v,
          head: gate,
          kind: 'unload',
          mode: m,
          cost: perCargo((c) => ownDwell(c, unloadCost(profile, m, c, seaport, vessel), m, null)),
          ...at0,
        });
    }
    for (const w of nodes) {
      if (w === v || !inbound) continue;
      const n2 = modeName(draft.nodeMode[w]);
      // from a ship only onto another mode, onto a ship only at the departure node
      if (n2 === 'sea' && (m === 'sea' || !seaSide(draft, w, n2).outbound)) continue;
      if (m === 'rail' && n2 === 'rail') {
        // gauge change inside a place: transshipment between its rail gauges
        const tmask = caps & (CONTAINERS | BULK | LIQUID);
        if (!tmask) continue;
        const cost = perCargo((c) => gaugeChangeCost(profile, 'transshipment', c));
        draft.edge({
          tail: v,
          head: w,
          kind: 'gauge-change',
          mode: 'rail',
          km: 0,
          cost,
          mask: tmask,
          calendar: -1,
          ref: -1,
        });
        continue;
      }
      const tmask = transhipMask(m, n2, caps, pipelineOk, airport);
      if (!tmask) continue;
      const cost = perCargo((c) => ownDwell(c, transferCost(profile, m, n2, c, seaport, vessel), m, n2));
      draft.edge({
        tail: v,
        head: w,
        kind: 'tranship',
        mode: n2,
        km: 0,
        cost,
        mask: tmask,
        calendar: -1,
        ref: -1,
      });
    }
  }
}

/**
 * Which way cargo moves through a mode node: a sea arrival node only takes
 * cargo off a ship (unload, tranship out), a port's sea departure node only
 * puts it on one (load, tranship in); every other node both.
 */
function seaSide(draft: NetworkDraft, v: number, m: FreightMode): { inbound: boolean; outbound: boolean } {
  if (m !== 'sea') return { inbound: true, outbound: true };
  const arrival = isSeaArrival(draft, v);
  return { inbound: arrival, outbound: !arrival };
}

/** The cargo that may change from mode `m` to mode `n` at a place (not rail to rail: that is a gauge change). */
export function transhipMask(
  m: FreightMode,
  n: FreightMode,
  caps: number,
  pipelineOk: number,
  airport: boolean,
): number {
  // air cargo changes only between the aircraft and the truck at an airport
  if (m === 'air' || n === 'air') return (m === 'road' || n === 'road') && airport ? AIR : 0;
  if (m === 'pipeline' || n === 'pipeline') return pipelineOk & caps;
  return caps;
}
