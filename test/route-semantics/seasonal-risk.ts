/**
 * Rule: an itinerary that uses a service within `riskDays` of a regime change
 * (just after its season opens, or just before it closes) carries a
 * `seasonal-risk` warning naming the service and the date; a use in the
 * middle of the season carries none.
 *
 * Atlas (RU origin, Asia/Yakutsk): a —road 100— b =ferry (05-10…10-25)= c —road 100— d.
 * Road 50 km/h: leaving a at 08:00, the truck is on the ferry at 10:00 the same day.
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
      'river',
      ['b', 'c'],
      [
        service('ferry', 'river-cargo', {
          facility: 'ferry',
          names: { en: 'summer ferry' },
          calendar: { seasons: [{ from: '05-10', to: '10-25' }] },
        }),
      ],
    ),
  ],
});

const q = { from: 'a', to: 'd', optimize: 'time' as const, cargo: 'feu' as const };
const risks = (date: string, riskDays?: number) => (impl: RouteImpl) =>
  impl(atlas, testProfile(), {
    ...q,
    date,
    ...(riskDays === undefined ? {} : { riskDays }),
  }).itineraries[0].warnings.filter((w) => w.kind === 'seasonal-risk');

export function seasonalRiskRule(name: string, impl: RouteImpl): void {
  describe(`${name}: seasonal-risk warnings near a regime change`, () => {
    it('warns when the ferry is used 2 days after its season opens, naming the service and the opening date', () => {
      const ws = risks('2023-05-12')(impl);
      expect(ws).toHaveLength(1);
      expect(ws[0].message).toContain('river summer ferry');
      expect(ws[0].message).toContain('used on 2023-05-12');
      expect(ws[0].message).toContain('2 days after it opens for the season on 2023-05-10');
    });

    it('warns when the ferry is used 5 days before its season ends, naming the closing date', () => {
      const ws = risks('2023-10-20')(impl);
      expect(ws).toHaveLength(1);
      expect(ws[0].message).toContain('river summer ferry');
      expect(ws[0].message).toContain('2023-10-26');
    });

    it('the window is configurable: 14 days by default, nothing with riskDays 1 two days after the start', () => {
      expect(risks('2023-05-23')(impl)).toHaveLength(1); // 13 days after the start
      expect(risks('2023-05-25')(impl)).toHaveLength(0); // 15 days after
      expect(risks('2023-05-12', 1)(impl)).toHaveLength(0);
    });

    it('says nothing in the middle of the season', () => {
      expect(risks('2023-07-15')(impl)).toHaveLength(0);
    });
  });
}
