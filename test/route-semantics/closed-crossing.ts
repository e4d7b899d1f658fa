/**
 * Rule: a crossing is never used on a date when it is closed (closure,
 * suspension, off season); itineraries either wait for it or go elsewhere.
 *
 * Atlas: a —road 100— b =X= c —road 100— d (crossing X, b and c at the same
 * point) and a —road 300— e =Y= f —road 300— d. Road 50 km/h, $2/km.
 */
import { describe, expect, it } from 'vitest';
import { serviceState } from '../../src/atlas/calendar.ts';
import type { CrossingService } from '../../src/atlas/schema.ts';
import type { RouteResult } from '../../src/routing/schema.ts';
import { testProfile, twoCrossings } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

/** Every use of crossing `id` in the result happens at an instant its service is usable. */
function usesOnlyWhenOpen(r: RouteResult, id: string, svc: CrossingService): void {
  for (const itin of r.itineraries) {
    for (const leg of itin.legs) {
      if (leg.crossing !== id) continue;
      const s = serviceState(svc, new Date(Date.parse(leg.depart)), 'Asia/Yakutsk');
      expect(s.usable, `${id} used at ${leg.depart} while ${s.state}`).toBe(true);
    }
  }
}

export function closedCrossingRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a closed crossing is never used on its closed dates`, () => {
    const closure: Partial<CrossingService> = {
      calendar: { closures: [{ from: '2023-03-01', to: '2023-03-31', reason: 'flood' }] },
    };

    it('takes the other crossing during a closure when optimising time (12 h via Y)', () => {
      const atlas = twoCrossings(closure);
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-03-10',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['y']);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(12, 6);
    });

    it('in the Pareto set, uses the closed crossing only after it reopens', () => {
      const atlas = twoCrossings(closure);
      const svc = atlas.crossings[0].services[0];
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-03-10',
        optimize: 'pareto',
        cargo: 'feu',
      });
      usesOnlyWhenOpen(r, 'x', svc);
      const viaX = r.itineraries.find((i) => i.crossings.some((c) => c.id === 'x'));
      // cheaper ($400 vs $1200) but it must wait until 1 April 00:00 local
      expect(viaX).toBeDefined();
      expect(viaX?.crossings[0].waitHours).toBeGreaterThan(20 * 24);
      expect(viaX?.legs.find((l) => l.crossing === 'x')?.depart.startsWith('2023-04-01T00:00')).toBe(true);
    });

    it('uses it again the day after the closure (4 h via X)', () => {
      const atlas = twoCrossings(closure);
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2023-04-01',
        optimize: 'time',
        cargo: 'feu',
      });
      expect(r.itineraries[0].crossings.map((c) => c.id)).toEqual(['x']);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(4, 6);
    });

    it('never uses a suspended crossing while it is suspended', () => {
      const suspended: Partial<CrossingService> = {
        status: [
          { state: 'open' },
          { state: 'suspended', from: '2020-01-28' },
          { state: 'open', from: '2023-04-01' },
        ],
      };
      const atlas = twoCrossings(suspended);
      const r = impl(atlas, testProfile(), {
        from: 'a',
        to: 'd',
        date: '2021-06-01',
        optimize: 'pareto',
        cargo: 'feu',
      });
      expect(r.itineraries.length).toBeGreaterThan(0);
      for (const itin of r.itineraries) expect(itin.crossings.map((c) => c.id)).not.toContain('x');
    });

    it('never crosses off season or outside opening hours', () => {
      const ferry: Partial<CrossingService> = {
        facility: 'ferry',
        mode: 'river-cargo',
        calendar: {
          seasons: [{ from: '05-10', to: '10-25' }],
          weekdays: [1, 2, 3, 4, 5, 6],
          hours: { open: '09:00', close: '17:00' },
        },
      };
      const atlas = twoCrossings(ferry);
      const svc = atlas.crossings[0].services[0];
      for (const [date, time] of [
        ['2023-05-07', '08:00'],
        ['2023-06-03', '16:30'],
        ['2023-10-24', '20:00'],
      ]) {
        const r = impl(atlas, testProfile(), {
          from: 'a',
          to: 'd',
          date,
          time,
          optimize: 'pareto',
          cargo: 'feu',
        });
        usesOnlyWhenOpen(r, 'x', svc);
      }
    });
  });
}
