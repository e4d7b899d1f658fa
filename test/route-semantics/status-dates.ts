/**
 * Rule: status dates are respected — a bridge is not used before its opening
 * day, a withdrawn ferry not after its withdrawal.
 *
 * Atlas: a —road 100— b =bridge (open from 2022-06-10)= c —road 100— d, the
 * only way across; RU origin (Asia/Yakutsk).
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, crossing, link, place, service, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlas = atlasOf({
  places: [
    place('a', 'RU', 127, 50),
    place('b', 'RU', 128, 50),
    place('c', 'CN', 128, 50),
    place('d', 'CN', 129, 49),
  ],
  links: [link('ab', 'a', 'b', 'road', 100), link('cd', 'c', 'd', 'road', 100)],
  crossings: [
    crossing(
      'bridge',
      ['b', 'c'],
      [service('bridge', 'road', { status: [{ state: 'open', from: '2022-06-10' }] })],
    ),
  ],
});

export function statusDatesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: status dates are respected`, () => {
    it('finds no route years before the bridge opens (beyond the waiting horizon)', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2019-04-20',
        optimize: 'pareto',
        cargo: 'feu',
      });
      expect(r.itineraries).toHaveLength(0);
      expect(r.message).toMatch(/no itinerary opens within \d+ days/);
    });

    it('waits for the opening day when it is near: 9 June 08:00 → cross 10 June 00:00', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2022-06-09',
        time: '08:00',
        optimize: 'time',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.legs.find((l) => l.crossing === 'bridge')?.depart).toBe('2022-06-10T00:00+09:00');
      expect(it0.totals.waitHours).toBeCloseTo(14, 6);
      expect(it0.crossings[0].openedOn).toBe('2022-06-10');
    });

    it('crosses without waiting once open: 4 h', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-04-20',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries[0].totals.hours).toBeCloseTo(4, 6);
      expect(r.itineraries[0].summary).toMatch(/opened 2022-06-10/);
    });

    it('does not use a ferry after its withdrawal', () => {
      const withdrawn = atlasOf({
        ...atlas,
        places: atlas.places,
        links: atlas.links,
        crossings: [
          crossing(
            'ferry',
            ['b', 'c'],
            [
              service('ferry', 'river-cargo', {
                facility: 'ferry',
                status: [{ state: 'open' }, { state: 'closed', from: '2004-01-01' }],
              }),
            ],
          ),
        ],
      });
      expect(
        impl(withdrawn, testProfile(), {
          from: 'a',
          to: 'd',
          date: '2003-07-01',
          optimize: 'time',
          cargo: 'feu',
        }).itineraries,
      ).toHaveLength(1);
      expect(
        impl(withdrawn, testProfile(), {
          from: 'a',
          to: 'd',
          date: '2005-07-01',
          optimize: 'time',
          cargo: 'feu',
        }).itineraries,
      ).toHaveLength(0);
    });
  });
}
