/**
 * Rule: a calendar is read in its own time zone when it names one (a Russian
 * checkpoint's hours in Vladivostok time, whichever side a truck leaves
 * from), else in the local time of the place a vehicle leaves from.
 *
 * Atlas: a (CN, Asia/Shanghai, UTC+8) —road 50 km— b (CN) | road checkpoint
 * open 09:00–21:00 | r (RU, Asia/Vladivostok, UTC+10) —road 50 km— d (RU);
 * b and r at the same point. Test profile: road 50 km/h, $2/km, no clearance.
 * Leaving a at 06:00 Beijing time (08:00 Vladivostok time), the truck is at
 * the checkpoint at 07:00 Beijing = 09:00 Vladivostok:
 * - hours in Vladivostok time: it crosses at once, 2 h in all, no wait;
 * - hours read in Beijing time (no `timezone`): it waits 2 h, 4 h in all.
 */
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/atlas/schema.ts';
import { atlasOf, crossing, link, place, service, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlasWith = (calendar: Calendar) =>
  atlasOf({
    places: [
      place('a', 'CN', 130.5, 44),
      place('b', 'CN', 131, 44),
      place('r', 'RU', 131, 44, { timezone: 'Asia/Vladivostok' }),
      place('d', 'RU', 131.5, 44, { timezone: 'Asia/Vladivostok' }),
    ],
    links: [link('ab', 'a', 'b', 'road', 50), link('rd', 'r', 'd', 'road', 50)],
    crossings: [crossing('br', ['b', 'r'], [service('road', 'road', { calendar })])],
  });

const hours = { open: '09:00', close: '21:00' };
const q = { date: '2023-03-01', cargo: 'feu' as const, optimize: 'time' as const };

export function calendarTimezoneRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a calendar is read in its own time zone`, () => {
    it('crosses at 09:00 Vladivostok time = 07:00 Beijing time when the hours are in Vladivostok time', () => {
      const atlas = atlasWith({ hours, timezone: 'Asia/Vladivostok' });
      const it0 = impl(atlas, testProfile(), { ...q, from: 'a', to: 'd', time: '06:00' }).itineraries[0];
      expect(it0.totals.waitHours).toBeCloseTo(0, 6);
      expect(it0.totals.hours).toBeCloseTo(2, 6);
      expect(it0.arrive).toBe('2023-03-01T10:00+10:00');
    });

    it('without a time zone the hours are read in the leaving side’s time: waits 2 h', () => {
      const atlas = atlasWith({ hours });
      const it0 = impl(atlas, testProfile(), { ...q, from: 'a', to: 'd', time: '06:00' }).itineraries[0];
      expect(it0.totals.waitHours).toBeCloseTo(2, 6);
      expect(it0.totals.hours).toBeCloseTo(4, 6);
    });

    it('closes at 21:00 Vladivostok time = 19:00 Beijing time for a truck leaving China', () => {
      // at the checkpoint at 19:30 Beijing = 21:30 Vladivostok: closed, waits until 09:00 Vladivostok
      // = 07:00 Beijing next day (11.5 h)
      const atlas = atlasWith({ hours, timezone: 'Asia/Vladivostok' });
      const it0 = impl(atlas, testProfile(), { ...q, from: 'a', to: 'd', time: '18:30' }).itineraries[0];
      expect(it0.totals.waitHours).toBeCloseTo(11.5, 6);
      expect(it0.warnings.some((w) => w.kind === 'wait')).toBe(true);
    });
  });
}
