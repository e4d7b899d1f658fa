/**
 * Rule: the cheapest path to a place is not always the one to go on from:
 * a cheaper label that reaches a place later (after waiting for a season)
 * must not shadow a dearer one that is in time for the next season-bound
 * link. Planning on cost, a destination reachable within the horizon is
 * reached, at the cost of the cheapest itinerary that gets there.
 *
 * Atlas: a —road 10 km, open 1 Dec – 1 Mar— b, a —road 20 km, always— b,
 * b —road 10 km, open 10 May – 25 Oct— c. Road 50 km/h, $2/km. Leaving a on
 * 3 August 2023 at 08:00 (horizon 120 days, to 1 December 08:00): the
 * winter road makes b cheapest ($20) but only on 1 December, when the summer
 * road to c is shut until May; a → c is the all-season road and the summer
 * road: $40 + $20 = $60, 0.6 h.
 *
 * Found by the kernel adapters' property runs (fast-check counterexample,
 * seed 245489): the one-label-per-node trees (`scalarAll` on cost or CO2e,
 * the matrix's cost cells, the assignment's `costTree`) kept only the
 * cheapest label at b and answered "unreachable". The trees now keep every
 * label a place has that no other dominates on value and arrival
 * (`src/routing/tree.ts`).
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './kernels.ts';

const atlas = atlasOf({
  places: [place('a', 'CN', 127, 47), place('b', 'CN', 127.1, 47), place('c', 'CN', 127.2, 47)],
  links: [
    link('ab-winter', 'a', 'b', 'road', 10, { calendar: { seasons: [{ from: '12-01', to: '03-01' }] } }),
    link('ab', 'a', 'b', 'road', 20),
    link('bc-summer', 'b', 'c', 'road', 10, { calendar: { seasons: [{ from: '05-10', to: '10-25' }] } }),
  ],
});

export function cheapButLateRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a cheaper label that arrives later does not shadow one in time for a season`, () => {
    it('reaches c on cost by the all-season road ($60, 0.6 h)', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'c',
        date: '2023-08-03',
        cargo: 'feu',
        optimize: 'cost',
      });
      expect(r.itineraries).toHaveLength(1);
      expect(r.itineraries[0].totals.costUsd).toBeCloseTo(60, 6);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(0.6, 6);
      expect(r.itineraries[0].legs.flatMap((l) => l.linkIds)).toEqual(['ab', 'bc-summer']);
    });
  });
}
