/**
 * A tree's labels never come back to the origin's gate (a gate is a door:
 * cargo leaves by it and never passes through it). With waits charged (cost
 * at the storage rate) and free loading at the origin, a lap out of the gate
 * and back (load, unload: hours but no money) was a label no other dominated
 * — the same value, later, with no storage paid — and every lap made another:
 * the air cost matrix Harbin, Heihe → Moscow ran for more than 5 minutes
 * (labels at t = 18 million hours after 2 s). Here: a — air 1,000 km — b,
 * flying only from 11 June, asked on 1 June; loading and unloading take 3 h
 * and cost nothing, storage is USD 0.2 a day.
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from '../../test/route-semantics/fixtures.ts';
import { compileNetwork } from '../network/compile.ts';
import { MODE_CODE } from '../network/types.ts';
import { matrix } from './index.ts';
import { SearchContext } from './search.ts';
import { LabelTree, scalarAll, scalarBounds } from './tree.ts';

const airport = { kinds: ['city' as const, 'airport' as const] };
const atlas = atlasOf({
  places: [place('a', 'CN', 127, 47, airport), place('b', 'CN', 137, 47, airport)],
  links: [link('ab', 'a', 'b', 'air', 1000, { calendar: { seasons: [{ from: '06-11', to: '09-30' }] } })],
});
const profile = testProfile((p) => {
  p.modes.air.dwellHours = 3;
  p.waiting.usdPerDay = { ...p.waiting.usdPerDay, air: 0.2 };
});
const net = compileNetwork(atlas, profile);
const query = { from: ['a'], to: ['b'], date: '2023-06-01', cargo: 'air' as const, metric: 'cost' as const };

describe('trees and the origin gate', () => {
  it('answers the air cost matrix with the wait for the season at a, not with laps through its gate', () => {
    // leaving a at 08:00 on 1 June (+08:00), loaded by 11:00, the season opens on 11 June at 00:00: 229 h
    // of storage at USD 0.2 a day, and 1,000 km at USD 0.5/km (laps would have made it USD 500)
    const m = matrix(net, query);
    expect(m.values[0][0]).toBeCloseTo(500 + (229 * 0.2) / 24, 2);
  });

  it('keeps no label at the origin gate but the root', () => {
    const from = net.places.findIndex((p) => p.id === 'a');
    const to = net.places.findIndex((p) => p.id === 'b');
    const source = net.gateNode[from];
    expect(net.nodeMode[source]).toBe(MODE_CODE.gate);
    const ctx = new SearchContext(net, {
      cargo: 'air',
      startMs: Date.UTC(2023, 5, 1),
      horizonDays: 400,
      avoid: [],
    });
    const tree = new LabelTree(net.nodeCount);
    scalarAll(ctx, source, 'cost', scalarBounds(ctx, 'cost', [net.gateNode[to]]), tree);
    const atSource = [];
    for (let id = 0; id < tree.size; id++) if (tree.lNode[id] === source) atSource.push(id);
    expect(atSource).toEqual([0]);
    expect(tree.size).toBeLessThan(20);
  });
});
