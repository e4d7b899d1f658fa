/**
 * Rule: a place's gate is a door (cargo enters at the origin's and leaves at
 * the destination's, never passes through one), and no two transfers follow
 * each other at one place: either would let cargo change gauge for free by
 * unloading and loading again, or by going rail → road → rail, instead of
 * paying the gauge change.
 *
 * Atlas: a —rail 100 km, 1435— y —rail 100 km, 1520— d; y is a yard with
 * both gauges (its gauge change is a transshipment: 10 h, $100 in the test
 * profile). With `road`, y also has a road spur y —road 300 km— z, so it has
 * a road node: rail → road → rail would cost nothing (no handling or dwell in
 * the test profile). Rail 100 km/h, $1/km: 1 h + 10 h + 1 h = 12 h, $300.
 * On a 50 km spur a truck out to z and back would beat the gauge change on
 * time (4 h): a transfer at y again after a trip out and back is refused.
 * Rule: cargo transferred at a place is not transferred there again before
 * it has been transferred somewhere else.
 */
import { describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/atlas/schema.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

export function yardAtlas(road: boolean, spurKm = 300): Atlas {
  return atlasOf({
    places: [
      place('a', 'CN', 125, 47),
      place('y', 'CN', 126, 47, { gauges: [1435, 1520] }),
      place('d', 'CN', 127, 47),
      ...(road ? [place('z', 'CN', 126, 44.4)] : []),
    ],
    links: [
      link('ay', 'a', 'y', 'rail', 100, { gauge: 1435 }),
      link('yd', 'y', 'd', 'rail', 100, { gauge: 1520 }),
      ...(road ? [link('yz', 'y', 'z', 'road', spurKm)] : []),
    ],
  });
}

const query = { from: 'a', to: 'd', date: '2023-01-10', time: '08:00', cargo: 'feu' as const };

export function gatesAndTransfersRule(name: string, impl: RouteImpl): void {
  describe(`${name}: no pass-through at a gate, no two transfers in a row`, () => {
    for (const optimize of ['time', 'cost', 'co2', 'pareto'] as const) {
      it(`does not pass through the yard's gate to change gauge for free (optimise ${optimize}: 12 h, $300)`, () => {
        const r = impl(yardAtlas(false), testProfile(), { ...query, optimize });
        expect(r.itineraries.length).toBeGreaterThan(0);
        for (const it0 of r.itineraries) {
          expect(it0.totals.hours).toBeCloseTo(12, 6);
          expect(it0.totals.costUsd).toBeCloseTo(300, 6);
          expect(it0.transfers.filter((t) => t.kind === 'gauge-change').map((t) => t.at)).toEqual(['y']);
        }
      });

      it(`does not go rail → road → rail at the yard instead of changing gauge (optimise ${optimize}: 12 h, $300)`, () => {
        const r = impl(yardAtlas(true), testProfile(), { ...query, optimize });
        expect(r.itineraries.length).toBeGreaterThan(0);
        for (const it0 of r.itineraries) {
          expect(it0.totals.hours).toBeCloseTo(12, 6);
          expect(it0.totals.costUsd).toBeCloseTo(300, 6);
          expect(it0.totals.transfers).toBe(1);
          expect(it0.legs.map((l) => l.mode)).toEqual(['rail', 'rail']);
        }
      });
    }

    // On a 50 km spur, trucking out of y to z and back (rail → road, 100 km by road, road → rail: 4 h, $400, a
    // "road y → y" leg) would change gauge without the yard's 10 h transshipment: two transfers with a loop
    // between them. Cargo transferred at a place is not transferred there again before it has been
    // transferred somewhere else (src/routing/search.ts, guardedPlaces), so the search pays the gauge change.
    it('does not truck out and back to dodge the gauge change (50 km spur: still 12 h, $300)', () => {
      const r = impl(yardAtlas(true, 50), testProfile(), { ...query, optimize: 'time' });
      const it0 = r.itineraries[0];
      expect(it0.legs.filter((l) => l.from === l.to)).toEqual([]);
      expect(it0.totals.hours).toBeCloseTo(12, 6);
    });

    it('still reaches the road spur from the yard by one transfer (a → z: 1 h by rail + 6 h by road)', () => {
      const r = impl(yardAtlas(true), testProfile(), { ...query, to: 'z', optimize: 'time' });
      expect(r.itineraries[0].totals.hours).toBeCloseTo(7, 6);
      expect(r.itineraries[0].totals.transfers).toBe(1);
    });
  });
}
