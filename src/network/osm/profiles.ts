/**
 * Routing profiles on an imported OSM network: which edges a profile may use,
 * in which direction, at what weight. The profile graph is a CSR graph over
 * all vertices of the network (vertex ids are shared between profiles), each
 * arc's id the network edge it runs on.
 *
 * - `truck`: roads and ferries open to a loaded heavy goods vehicle all year —
 *   not `hgv=no` (or `access=no|private`), not under a `maxweight` below
 *   `TRUCK_GROSS_T`, not an ice/winter road nor a road with
 *   `access:conditional` (those are seasonal and stay with the atlas-level
 *   calendars); one-way streets one way. Weight: seconds at the truck's speed.
 * - `rail-1520`, `rail-1435`: tracks whose `gauge` includes that gauge (a
 *   dual-gauge track is in both; untagged track is in neither — a gauge is
 *   never guessed). Weight: metres.
 */
import { buildCsr, type CsrGraph } from '../../graph/csr.ts';
import type { OsmNetwork } from './build.ts';
import { EDGE_CLASS_CODE, EDGE_CLASSES, FLAG, GAUGE_BIT } from './tags.ts';

export const PROFILES = ['truck', 'rail-1520', 'rail-1435'] as const;
export type OsmProfile = (typeof PROFILES)[number];

/** Assumption: gross weight of a loaded 40 ft container truck (tractor + chassis + FEU), tonnes. */
export const TRUCK_GROSS_T = 40;

/**
 * Assumption: a loaded truck's cruising speed by road class, km/h (below the
 * posted `maxspeed` when that is lower). Labelled as an assumption wherever a
 * time derived from it is shown.
 */
export const TRUCK_KMH: Record<(typeof EDGE_CLASSES)[number], number> = {
  motorway: 80,
  trunk: 70,
  primary: 60,
  secondary: 50,
  tertiary: 40,
  motorway_link: 40,
  trunk_link: 40,
  primary_link: 35,
  secondary_link: 30,
  tertiary_link: 30,
  ferry: 10,
  rail: 0,
};

export const SPEED_SOURCE =
  'assumption: truck speed by OSM road class (motorway 80, trunk 70, primary 60, secondary 50, tertiary 40 km/h, links 30–40, ferry 10), capped by maxspeed';

export interface ProfileGraph {
  profile: OsmProfile;
  graph: CsrGraph;
  /** What the weights are. */
  unit: 'seconds' | 'metres';
  /** Edges left out of the profile, by reason. */
  excluded: Record<string, number>;
}

/** Speed of a truck on edge `e`, km/h. */
export function truckKmh(net: OsmNetwork, e: number): number {
  const cls = EDGE_CLASSES[net.edgeClass[e]];
  const assumed = TRUCK_KMH[cls];
  const posted = net.edgeMaxspeed[e];
  return posted > 0 && posted < assumed ? posted : assumed;
}

/** The CSR graph of a profile. */
export function profileGraph(net: OsmNetwork, profile: OsmProfile): ProfileGraph {
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const arcEdge: number[] = [];
  const excluded: Record<string, number> = {};
  const skip = (why: string) => {
    excluded[why] = (excluded[why] ?? 0) + 1;
  };
  const rail = profile !== 'truck';
  const gaugeBit = profile === 'rail-1520' ? GAUGE_BIT[1520] : GAUGE_BIT[1435];
  for (let e = 0; e < net.edgeCount; e++) {
    const cls = net.edgeClass[e];
    const flags = net.edgeFlags[e];
    let w: number;
    if (rail) {
      if (cls !== EDGE_CLASS_CODE.rail) continue;
      if ((net.edgeGauge[e] & gaugeBit) === 0) {
        skip(net.edgeGauge[e] === 0 ? 'gauge not tagged' : 'other gauge');
        continue;
      }
      w = net.edgeMeters[e];
    } else {
      if (cls === EDGE_CLASS_CODE.rail) continue;
      if (flags & (FLAG.winter | FLAG.conditional)) {
        skip('seasonal (ice/winter road, access:conditional)');
        continue;
      }
      if (flags & FLAG.noHgv) {
        skip('closed to trucks (hgv/access)');
        continue;
      }
      const maxT = net.edgeMaxweight[e] / 10;
      if (maxT > 0 && maxT < TRUCK_GROSS_T) {
        skip(`maxweight below ${TRUCK_GROSS_T} t`);
        continue;
      }
      w = (net.edgeMeters[e] / 1000 / truckKmh(net, e)) * 3600;
    }
    const u = net.edgeFrom[e];
    const v = net.edgeTo[e];
    const backwardOnly = !rail && flags & FLAG.onewayBackward;
    const forwardOnly = !rail && flags & FLAG.onewayForward;
    if (!backwardOnly) {
      from.push(u);
      to.push(v);
      weight.push(w);
      arcEdge.push(e);
    }
    if (!forwardOnly) {
      from.push(v);
      to.push(u);
      weight.push(w);
      arcEdge.push(e);
    }
  }
  const g = buildCsr(net.vertexCount, { from, to, weight }, { label: profile });
  // arc ids: the network edge (buildCsr numbers them by input position)
  const arcIds = new Int32Array(g.arcIds.length);
  for (let i = 0; i < arcIds.length; i++) arcIds[i] = arcEdge[g.arcIds[i]];
  return {
    profile,
    graph: { ...g, arcIds },
    unit: rail ? 'metres' : 'seconds',
    excluded,
  };
}
