/**
 * Rule: a rail class with a `scope` runs exactly on the legs that cross one
 * crossing of each of its lists, on their whole way, approach and onward
 * links included; every other leg over the same track keeps the first
 * unscoped class, whichever is faster (the class is the service the cargo is
 * in, not a choice the optimiser makes).
 *
 * Atlas: a1 —rail 1 200 km, 1435— a2 (CN) | crossing x (a2 → b1, 1435 → 1520,
 * transshipment 3 h) | b1 —rail 1 200 km, 1520— b2 (RU) | crossing y (b2 → c1,
 * 1520 → 1435, transshipment 3 h) | c1 —rail 1 200 km, 1435— c2 (KZ).
 * Test profile: rail 2 400 km/day, no dwell (fixtures.ts), and three classes:
 * container block train (TEU/FEU, 1 200 km/day: 24 h a link), bulk unit train
 * (bulk, 600 km/day), and "China–Europe express" (TEU/FEU, 2 400 km/day: 12 h
 * a link, 20 h at each gauge change) scoped to legs over x and y.
 * - a1 → c2 FEU (over x and y): the express on all three links: 3 × 12 h +
 *   2 × (3 + 20) h = 82 h, although the block train would take 3 × 24 + 2 × 3
 *   = 78 h;
 * - b1 → b2 FEU (the middle track alone), a1 → b2 FEU (over x only): the
 *   block train (24 h; 24 + 3 + 24 = 51 h);
 * - a1 → c2 bulk: the bulk unit train (the express carries no bulk).
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/costs/profile.ts';
import { atlasOf, crossing, link, place, service, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const cite = { basis: 'assumption' as const, sources: ['amur-assumption'] };

const profile = (scoped = true) =>
  testProfile((p: Profile) => {
    p.services = [
      {
        id: 'cbt',
        label: 'container block train',
        mode: 'rail',
        cargo: ['teu', 'feu'],
        kmPerDay: 1200,
        cite,
      },
      { id: 'but', label: 'bulk unit train', mode: 'rail', cargo: ['bulk'], kmPerDay: 600, cite },
      {
        id: 'cee',
        label: 'China–Europe express',
        mode: 'rail',
        cargo: ['teu', 'feu'],
        kmPerDay: 2400,
        gaugeChangeDwellHours: 20,
        ...(scoped ? { scope: { crossings: [['x'], ['y']] } } : {}),
        cite,
      },
    ];
  });

const gaugeCrossing = (id: string, sides: [string, string], gauges: [1435 | 1520, 1435 | 1520]) =>
  crossing(id, sides, [
    service('rail', 'rail', {
      gauges,
      gaugeChange: { method: 'transshipment', hours: { typical: 3 } },
    }),
  ]);

const atlas = () =>
  atlasOf({
    places: [
      place('a1', 'CN', 110, 45),
      place('a2', 'CN', 120, 45, { gauges: [1435] }),
      place('b1', 'RU', 120, 45, { gauges: [1520] }),
      place('b2', 'RU', 100, 50, { gauges: [1520] }),
      place('c1', 'KZ', 100, 50, { gauges: [1435] }),
      place('c2', 'KZ', 85, 50),
    ],
    links: [
      link('a12', 'a1', 'a2', 'rail', 1200, { gauge: 1435 }),
      link('b12', 'b1', 'b2', 'rail', 1200, { gauge: 1520 }),
      link('c12', 'c1', 'c2', 'rail', 1200, { gauge: 1435 }),
    ],
    crossings: [
      gaugeCrossing('x', ['a2', 'b1'], [1435, 1520]),
      gaugeCrossing('y', ['b2', 'c1'], [1520, 1435]),
    ],
  });

export function scopedServicesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a scoped service class runs on the legs over its crossings, and only there`, () => {
    const q = (from: string, to: string, cargo: 'feu' | 'bulk' = 'feu') => ({
      from,
      to,
      date: '2024-05-01',
      optimize: 'time' as const,
      cargo,
    });
    const railServices = (r: ReturnType<RouteImpl>) =>
      r.itineraries[0].legs.filter((l) => l.linkId).map((l) => l.service);

    it('runs a leg over one crossing of each list in the class on its whole way, though slower', () => {
      const r = impl(atlas(), profile(), q('a1', 'c2'));
      expect(railServices(r)).toEqual([
        'China–Europe express',
        'China–Europe express',
        'China–Europe express',
      ]);
      expect(r.itineraries[0].totals.hours).toBeCloseTo(3 * 12 + 2 * (3 + 20), 6);
      // the same leg both ways
      const back = impl(atlas(), profile(), q('c2', 'a1'));
      expect(railServices(back)).toEqual([
        'China–Europe express',
        'China–Europe express',
        'China–Europe express',
      ]);
      // without the scope the class is never the first match: the block train, 3 × 24 + 2 × 3 h
      const unscoped = impl(atlas(), profile(false), q('a1', 'c2'));
      expect(railServices(unscoped)).toEqual([
        'container block train',
        'container block train',
        'container block train',
      ]);
      expect(unscoped.itineraries[0].totals.hours).toBeCloseTo(3 * 24 + 2 * 3, 6);
    });

    it('keeps the unscoped class on the same track for a leg that does not cross every list', () => {
      const middle = impl(atlas(), profile(), q('b1', 'b2'));
      expect(railServices(middle)).toEqual(['container block train']);
      expect(middle.itineraries[0].totals.hours).toBeCloseTo(24, 6);
      const overX = impl(atlas(), profile(), q('a1', 'b2'));
      expect(railServices(overX)).toEqual(['container block train', 'container block train']);
      expect(overX.itineraries[0].totals.hours).toBeCloseTo(24 + 3 + 24, 6);
      const overY = impl(atlas(), profile(), q('b1', 'c2'));
      expect(railServices(overY)).toEqual(['container block train', 'container block train']);
    });

    it('leaves cargo the class does not carry in its own class', () => {
      const bulk = impl(atlas(), profile(), q('a1', 'c2', 'bulk'));
      expect(railServices(bulk)).toEqual(['bulk unit train', 'bulk unit train', 'bulk unit train']);
      expect(bulk.itineraries[0].totals.hours).toBeCloseTo(3 * 48 + 2 * 3, 6);
    });
  });
}
