/**
 * Rule: a Pareto set has no member dominated by another (beyond the slack)
 * and contains each single-criterion optimum.
 *
 * Atlas: a and d are rail stations and river ports; options from a to d
 * (test profile: road 50 km/h $2/km 100 g; rail 100 km/h $1/km 10 g; river 20 km/h $0.5/km 20 g):
 * - road 400 km: 8 h, $800, 40 kg      ← fastest
 * - rail 1 000 km: 10 h, $1 000, 10 kg ← greenest
 * - river 800 km: 40 h, $400, 16 kg    ← cheapest
 * - road via e, 500 km: 10 h, $1 000, 50 kg (dominated by the 400 km road)
 * - a second road of 402 km (within 5% of the first on every criterion: thinned)
 */
import { describe, expect, it } from 'vitest';
import type { Itinerary, RouteResult } from '../../src/routing/schema.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const hub = {
  kinds: ['city', 'rail-station', 'river-port'] as const,
  capabilities: ['container', 'bulk'] as const,
};
const atlas = atlasOf({
  places: [
    place('a', 'CN', 125, 47, { kinds: [...hub.kinds], capabilities: [...hub.capabilities] }),
    place('d', 'CN', 129, 47, { kinds: [...hub.kinds], capabilities: [...hub.capabilities] }),
    place('e', 'CN', 127, 48),
  ],
  links: [
    link('road', 'a', 'd', 'road', 400),
    link('road-twin', 'a', 'd', 'road', 402),
    link('rail', 'a', 'd', 'rail', 1000),
    link('river', 'a', 'd', 'river', 800),
    link('ae', 'a', 'e', 'road', 250),
    link('ed', 'e', 'd', 'road', 250),
  ],
});

const crit = (it: Itinerary) => [it.totals.hours, it.totals.costUsd, it.totals.co2eKg];

/** Checks the two Pareto properties of a result against the three single-criterion answers. */
export function expectParetoProperties(
  pareto: RouteResult,
  singles: { time: RouteResult; cost: RouteResult; co2: RouteResult },
): void {
  const set = pareto.itineraries;
  expect(set.length).toBeGreaterThan(0);
  // no member weakly worse than another everywhere and more than the slack worse somewhere
  const slack = pareto.query.slack;
  for (const a of set) {
    for (const b of set) {
      if (a === b) continue;
      const [ca, cb] = [crit(a), crit(b)];
      const weakly = ca.every((x, i) => x <= cb[i] + 1e-6);
      const beyond = ca.some((x, i) => x * (1 + slack) < cb[i] - 1e-6);
      expect(weakly && beyond, `${a.summary} dominates ${b.summary}`).toBe(false);
    }
  }
  // each single-criterion optimum is in the set (by value)
  const min = (k: number) => Math.min(...set.map((it) => crit(it)[k]));
  if (singles.time.itineraries[0]) expect(min(0)).toBeCloseTo(singles.time.itineraries[0].totals.hours, 5);
  if (singles.cost.itineraries[0]) expect(min(1)).toBeCloseTo(singles.cost.itineraries[0].totals.costUsd, 5);
  if (singles.co2.itineraries[0]) expect(min(2)).toBeCloseTo(singles.co2.itineraries[0].totals.co2eKg, 5);
}

export function paretoRule(name: string, impl: RouteImpl): void {
  describe(`${name}: Pareto sets`, () => {
    const q = { from: 'a', to: 'd', date: '2023-07-01', cargo: 'feu' as const };

    it('finds each single-criterion optimum worked out by hand', () => {
      const p = testProfile();
      expect(impl(atlas, p, { ...q, optimize: 'time' }).itineraries[0].totals).toMatchObject({
        hours: 8,
        costUsd: 800,
        co2eKg: 40,
      });
      expect(impl(atlas, p, { ...q, optimize: 'cost' }).itineraries[0].totals).toMatchObject({
        hours: 40,
        costUsd: 400,
        co2eKg: 16,
      });
      expect(impl(atlas, p, { ...q, optimize: 'co2' }).itineraries[0].totals).toMatchObject({
        hours: 10,
        costUsd: 1000,
        co2eKg: 10,
      });
    });

    it('holds exactly the three trade-offs: no dominated route, no near-duplicate', () => {
      const p = testProfile();
      const r = impl(atlas, p, { ...q, optimize: 'pareto' });
      expect(r.itineraries.map((i) => i.legs.map((l) => l.mode).join('+')).sort()).toEqual([
        'rail',
        'river',
        'road',
      ]);
      expect(r.itineraries.map((i) => i.legs[0].linkId).sort()).toEqual(['rail', 'river', 'road']);
      expectParetoProperties(r, {
        time: impl(atlas, p, { ...q, optimize: 'time' }),
        cost: impl(atlas, p, { ...q, optimize: 'cost' }),
        co2: impl(atlas, p, { ...q, optimize: 'co2' }),
      });
    });

    it('with slack 0 keeps the 402 km road too only if it is not dominated (it is: 8.04 h, $804)', () => {
      const r = impl(atlas, testProfile(), { ...q, optimize: 'pareto', slack: 0 });
      expect(r.itineraries.some((i) => i.legs[0].linkId === 'road-twin')).toBe(false);
    });
  });
}
