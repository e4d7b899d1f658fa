/**
 * Rule: a crossing service that closes on a public holiday (its
 * `holidayClosures`, dates from the date-holidays calendars) is never used on
 * those days; the itinerary waits (and says which holiday) or goes elsewhere.
 *
 * Atlas: a —road 100— b =X= c —road 100— d and a —road 300— e =Y= f —road
 * 300— d (as in closed-crossing.ts). Road 50 km/h, $2/km: via X 4 h, $400;
 * via Y 12 h, $1 200. X closes for the Spring Festival (CN) from day 1 of the
 * holiday for 4 days (2024: 10–13 February, as the Pogranichny – Suifenhe
 * road checkpoint did); in a second atlas for the Russian New Year holidays.
 */
import { describe, expect, it } from 'vitest';
import type { CrossingService } from '../../src/atlas/schema.ts';
import { holidayPeriods } from '../../src/network/holidays.ts';
import { testProfile, twoCrossings } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const springFestival: Partial<CrossingService> = {
  holidayClosures: [{ country: 'CN', holiday: 'Spring Festival', fromDay: 1, days: 4, sources: ['test'] }],
};

export function holidaysRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a crossing closed on a public holiday is not used on it`, () => {
    it('lays out the Spring Festival closure from date-holidays (2024: 10–13 February)', () => {
      const periods = holidayPeriods({
        country: 'CN',
        holiday: 'Spring Festival',
        fromDay: 1,
        days: 4,
        sources: ['t'],
      });
      expect(periods.find((p) => p.from.startsWith('2024'))).toMatchObject({
        from: '2024-02-10',
        to: '2024-02-13',
      });
      expect(periods.find((p) => p.from.startsWith('2023'))).toMatchObject({
        from: '2023-01-22',
        to: '2023-01-25',
      });
    });

    it('takes the other crossing during the holiday when optimising time (12 h via Y)', () => {
      const r = impl(twoCrossings(springFestival), testProfile(), {
        from: 'a',
        to: 'd',
        date: '2024-02-11',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['y']);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(12, 6);
    });

    it('waits for the end of the holiday when that is cheaper, and says which holiday it waited for', () => {
      const r = impl(twoCrossings(springFestival), testProfile(), {
        from: 'a',
        to: 'd',
        date: '2024-02-11',
        optimize: 'cost',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.crossings.map((c) => c.id)).toEqual(['x']);
      const leg = it0.legs.find((l) => l.crossing === 'x');
      // crossing after the holiday: 14 February, local time
      expect((leg?.depart ?? '').slice(0, 10) >= '2024-02-14').toBe(true);
      const wait = it0.warnings.find((w) => w.kind === 'wait');
      expect(wait?.message).toMatch(/Spring Festival/);
    });

    it('uses the crossing on an ordinary day (4 h via X)', () => {
      const r = impl(twoCrossings(springFestival), testProfile(), {
        from: 'a',
        to: 'd',
        date: '2024-02-20',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['x']);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(4, 6);
    });

    it('applies the Russian calendar too (New Year holidays, 2–6 January 2024)', () => {
      const atlas = twoCrossings({
        holidayClosures: [{ country: 'RU', holiday: 'New Year Holiday', fromDay: 0, sources: ['test'] }],
      });
      const during = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2024-01-03',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(during.itineraries[0].crossings.map((c) => c.id)).toEqual(['y']);
      const after = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2024-01-10',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(after.itineraries[0].crossings.map((c) => c.id)).toEqual(['x']);
    });
  });
}
