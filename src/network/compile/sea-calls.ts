/**
 * A ship's call where it passes through a port. A seaport's sea terminal is
 * two kinds of node: the departure node (`draft.node(place, 'sea')`), which
 * lanes leave and cargo is loaded or transhipped onto, and arrival nodes,
 * which lanes end in and cargo is discharged or transhipped from, one per
 * call cost of the arriving service class (`callCost`: its `callHours` and
 * `callUsd` by cargo unit). A `call` edge joins each arrival node to the
 * departure node: a unit that arrives by sea and sails on by sea pays the
 * call of the ship it came in, once per port; at the port of loading and of
 * discharge no call is charged (the terminal's dwell, release and handling
 * are). Every edge stays non-negative, so every search kernel sees the call
 * as an ordinary edge.
 */
import { callCost } from '../../costs/model.ts';
import type { Profile } from '../../costs/profile.ts';
import { ALL_CARGO, vesselFor } from './cargo.ts';
import { type NetworkDraft, perCargo } from './draft.ts';

/** The arrival node at `place` of a sea lane sailed on `linkVessel` (each cargo unit on the vessel class that carries it). */
export function seaArrivalFor(
  draft: NetworkDraft,
  profile: Profile,
  place: number,
  linkVessel: string | undefined,
): number {
  const call = perCargo((c) => callCost(profile, 'sea', c, vesselFor(profile, 'sea', linkVessel, c)));
  return draft.seaArrival(place, call);
}

/** Whether node `v` is a sea arrival node. */
export function isSeaArrival(draft: NetworkDraft, v: number): boolean {
  return draft.seaCalls.has(v);
}

/** The call edge of every sea arrival node to its port's departure node (where ships sail on from). */
export function addCallEdges(draft: NetworkDraft): void {
  for (const [arrival, cost] of draft.seaCalls) {
    const place = draft.nodePlace[arrival];
    const departure = draft.existing(place, 'sea');
    if (departure === undefined) continue; // no lane leaves this port: nothing to sail on
    draft.edge({
      tail: arrival,
      head: departure,
      kind: 'call',
      mode: 'sea',
      km: 0,
      cost,
      mask: ALL_CARGO,
      calendar: -1,
      ref: -1,
    });
  }
}
