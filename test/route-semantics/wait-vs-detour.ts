/**
 * Rule: waiting (for a season, an opening hour) and detouring are both
 * considered: the earlier arrival wins when optimising time, and the Pareto
 * set holds both when the waiting one is cheaper.
 *
 * Atlas (RU origin, Asia/Yakutsk): a —road 100— b =ferry (05-10…10-25)= c —road 100— d
 * and the detour a —road 600— e =bridge= f —road 600— d. Road 50 km/h, $2/km,
 * 100 g CO2e/t-km; 1 t per unit.
 * - direct when the ferry runs: 200 km, 4 h, $400, 20 kg;
 * - detour: 1 200 km, 24 h, $2 400, 120 kg.
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, crossing, service, testProfile, twoWayLinks, twoWayPlaces } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlas = atlasOf({
  places: twoWayPlaces(),
  links: twoWayLinks(600),
  crossings: [
    crossing(
      'ferry',
      ['b', 'c'],
      [
        service('ferry', 'river-cargo', {
          facility: 'ferry',
          calendar: { seasons: [{ from: '05-10', to: '10-25' }] },
        }),
      ],
    ),
    crossing('bridge', ['e', 'f'], [service('bridge', 'road')]),
  ],
});

export function waitVsDetourRule(name: string, impl: RouteImpl): void {
  describe(`${name}: waiting vs detour`, () => {
    it('detours when waiting would arrive later (1 May: the ferry opens 10 May)', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-05-01',
        optimize: 'time',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.crossings.map((c) => c.id)).toEqual(['bridge']);
      expect(it0.totals.hours).toBeCloseTo(24, 6);
      expect(it0.totals.waitHours).toBe(0);
    });

    it('waits when waiting arrives earlier (9 May 20:00: a 2 h wait, 6 h in all)', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-05-09',
        time: '20:00',
        optimize: 'time',
        cargo: 'feu',
      });
      const it0 = r.itineraries[0];
      expect(it0.crossings.map((c) => c.id)).toEqual(['ferry']);
      expect(it0.totals.waitHours).toBeCloseTo(2, 6);
      expect(it0.totals.hours).toBeCloseTo(6, 6);
      expect(it0.warnings.some((w) => w.kind === 'wait' && w.message.includes('2 h'))).toBe(true);
    });

    it('keeps both in the Pareto set when the waiting one is cheaper', () => {
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-05-01',
        optimize: 'pareto',
        cargo: 'feu',
      });
      const ids = r.itineraries.map((i) => i.crossings.map((c) => c.id).join());
      expect(ids).toContain('bridge');
      expect(ids).toContain('ferry');
      const ferry = r.itineraries.find((i) => i.crossings[0]?.id === 'ferry');
      const bridge = r.itineraries.find((i) => i.crossings[0]?.id === 'bridge');
      expect(ferry?.totals.costUsd).toBeCloseTo(400, 6);
      expect(bridge?.totals.costUsd).toBeCloseTo(2400, 6);
      expect(bridge?.bestFor).toContain('time');
      expect(ferry?.bestFor).toEqual(expect.arrayContaining(['cost', 'co2']));
      // the wait is 9 May 10:00 → 10 May 00:00 (local), 8 days 14 h
      expect(ferry?.totals.waitHours).toBeCloseTo(8 * 24 + 14, 6);
    });

    it('charges waiting at the profile rate, so a long enough wait stops being cheaper', () => {
      const expensiveWait = testProfile((p) => {
        p.waiting.usdPerDay = { teu: 300, feu: 300, bulk: 300, liquid: 300, air: 300 };
      });
      const r = impl(atlas, expensiveWait, {
        from: 'a',
        to: 'd',
        date: '2023-05-01',
        optimize: 'cost',
        cargo: 'feu',
      });
      // waiting 8.58 days × $300 = $2 575 + $400 > $2 400
      expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['bridge']);
    });
  });
}
