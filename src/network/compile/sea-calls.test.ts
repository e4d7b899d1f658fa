import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from '../../../test/route-semantics/fixtures.ts';
import { callCost } from '../../costs/model.ts';
import { CARGO_UNITS, loadProfile, type Profile } from '../../costs/profile.ts';
import { MODE_CODE } from '../types.ts';
import { NetworkDraft } from './draft.ts';
import { addLinkEdges } from './link-edges.ts';
import { placeNodes } from './place-nodes.ts';
import { isSeaArrival } from './sea-calls.ts';
import { addTransferEdges } from './transfer-edges.ts';

const port = (id: string, lon: number) =>
  place(id, 'CN', lon, 30, { kinds: ['seaport'], capabilities: ['container', 'bulk'] });

function compiled(profile: Profile) {
  // a —feeder— b —liner— c, and rail b — d
  const atlas = atlasOf({
    places: [port('a', 120), port('b', 121), port('c', 122), place('d', 'CN', 121, 31)],
    links: [
      link('ab', 'a', 'b', 'sea', 100, { vessel: 'container-feeder' }),
      link('bc', 'b', 'c', 'sea', 100, { vessel: 'container-mainline' }),
      link('bd', 'b', 'd', 'rail', 50, { gauge: 1435 }),
    ],
  });
  const draft = new NetworkDraft();
  const at = placeNodes(atlas, draft);
  addLinkEdges(draft, atlas, profile, at, null);
  addTransferEdges(draft, atlas, profile, at);
  const seaAt = (p: number) =>
    [...draft.nodeMode.keys()].filter((v) => draft.nodePlace[v] === p && draft.nodeMode[v] === MODE_CODE.sea);
  return { draft, seaAt };
}

describe('sea calls: paid where a ship passes through a port', () => {
  it('sails lanes from a departure node into an arrival node, and joins them by a call edge only', () => {
    const { draft, seaAt } = compiled(loadProfile());
    const b = 1;
    const departure = draft.existing(b, 'sea');
    const [arrival, ...others] = seaAt(b).filter((v) => isSeaArrival(draft, v));
    // the default profile's feeder and liner calls are alike: one arrival node
    expect(others).toEqual([]);
    for (const e of draft.edges.filter((x) => x.kind === 'link' && x.mode === 'sea')) {
      expect(isSeaArrival(draft, e.tail)).toBe(false);
      expect(isSeaArrival(draft, e.head)).toBe(true);
    }
    const atB = draft.edges.filter((e) => seaAt(b).includes(e.tail) || seaAt(b).includes(e.head));
    const kinds = (v: number | undefined, end: 'tail' | 'head') =>
      atB
        .filter((e) => e[end] === v && e.kind !== 'link')
        .map((e) => e.kind)
        .sort();
    // onto a ship at the departure node (loading, transhipment from rail or road), off one at the arrival node
    expect(kinds(departure, 'head')).toEqual(['call', 'load', 'tranship', 'tranship']);
    expect(kinds(departure, 'tail')).toEqual([]);
    expect(kinds(arrival, 'tail')).toEqual(['call', 'tranship', 'tranship', 'unload']);
    expect(kinds(arrival, 'head')).toEqual([]);
    const call = atB.find((e) => e.kind === 'call');
    expect(call).toMatchObject({ tail: arrival, head: departure, km: 0 });
    const feu = CARGO_UNITS.indexOf('feu');
    expect(call?.cost[feu]).toEqual(callCost(loadProfile(), 'sea', 'feu', 'container-feeder'));
    expect(call?.cost[feu].hours).toBeGreaterThan(0);
  });

  it('keeps ships whose calls differ apart: the call is that of the class the unit arrived in', () => {
    const profile = testProfile((p: Profile) => {
      const cite = { basis: 'assumption' as const, sources: ['amur-assumption'] };
      const zero = { teu: 0, feu: 0, bulk: 0, liquid: 0, air: 0 };
      p.services = [
        {
          id: 'f',
          label: 'feeder',
          mode: 'sea',
          cargo: ['teu', 'feu'],
          vessels: ['container-feeder'],
          callHours: 6,
          callUsd: { ...zero, feu: 10 },
          cite,
        },
        {
          id: 'l',
          label: 'liner',
          mode: 'sea',
          cargo: ['teu', 'feu'],
          vessels: ['container-mainline'],
          callHours: 20,
          callUsd: { ...zero, feu: 50 },
          cite,
        },
      ];
    });
    const { draft, seaAt } = compiled(profile);
    const arrivals = seaAt(1).filter((v) => isSeaArrival(draft, v));
    expect(arrivals).toHaveLength(2);
    const feu = CARGO_UNITS.indexOf('feu');
    const callFrom = (linkId: string) => {
      const ref = draft.links.findIndex((l) => l.id === linkId);
      const lane = draft.edges.find(
        (e) => e.kind === 'link' && e.ref === ref && draft.nodePlace[e.head] === 1,
      );
      return draft.edges.find((e) => e.kind === 'call' && e.tail === lane?.head)?.cost[feu];
    };
    expect(callFrom('ab')).toMatchObject({ hours: 6, usd: 10 });
    expect(callFrom('bc')).toMatchObject({ hours: 20, usd: 50 });
    // nothing arrives at a port by transfer; cargo leaves a ship only at an arrival node
    for (const e of draft.edges) {
      if (e.kind !== 'link')
        expect(isSeaArrival(draft, e.head), `${e.kind} into an arrival node`).toBe(false);
      if (e.kind === 'unload' || e.kind === 'tranship')
        expect(draft.nodeMode[e.tail] !== MODE_CODE.sea || isSeaArrival(draft, e.tail)).toBe(true);
    }
  });
});
