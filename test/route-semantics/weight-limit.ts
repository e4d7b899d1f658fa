/**
 * Rule: a cargo unit never crosses on a service whose weight limit its loaded
 * truck exceeds, and the itinerary says when the limit forces a detour.
 *
 * Atlas (RU origin): a —road 100— b =ice road (30 t)= c —road 100— d, and the
 * detour a —road 600— e =bridge= f —road 600— d. Road 50 km/h, $2/km; gross
 * weights (profile): TEU truck 24 t, FEU 32 t, bulk 40 t, liquid 40 t.
 * - TEU over the ice road: 200 km, 4 h;
 * - FEU and bulk by the bridge: 1 200 km, 24 h, with a weight-limit warning
 *   (the ice road would arrive 20 h earlier).
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, crossing, service, testProfile, twoWayLinks, twoWayPlaces } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlas = (limitT: number) =>
  atlasOf({
    places: twoWayPlaces(),
    links: twoWayLinks(600),
    crossings: [
      crossing(
        'ice',
        ['b', 'c'],
        [service('ice-road', 'road', { facility: 'ice-road', weightLimitT: limitT })],
      ),
      crossing('bridge', ['e', 'f'], [service('bridge', 'road')]),
    ],
  });

const profile = () =>
  testProfile((p) => {
    p.modes.road.grossWeightT = { teu: 24, feu: 32, bulk: 40, liquid: 40, air: 40 };
  });

const q = { from: 'a', to: 'd', date: '2023-01-20', optimize: 'time' as const };

export function weightLimitRule(name: string, impl: RouteImpl): void {
  describe(`${name}: weight limits of crossing services`, () => {
    it('a loaded TEU truck (24 t) takes the 30 t ice road: 4 h, no warning', () => {
      const it0 = impl(atlas(30), profile(), { ...q, cargo: 'teu' }).itineraries[0];
      expect(it0.crossings.map((c) => c.id)).toEqual(['ice']);
      expect(it0.totals.hours).toBeCloseTo(4, 6);
      expect(it0.warnings.some((w) => w.kind === 'weight-limit')).toBe(false);
    });

    it('a loaded FEU truck (32 t) or a bulk load (40 t) never does: 24 h by the bridge, and says why', () => {
      for (const cargo of ['feu', 'bulk'] as const) {
        const r = impl(atlas(30), profile(), { ...q, cargo, optimize: 'pareto', alternatives: 2 });
        expect(r.itineraries.length).toBeGreaterThan(0);
        for (const it of r.itineraries) expect(it.crossings.map((c) => c.id)).not.toContain('ice');
        const it0 = r.itineraries[0];
        expect(it0.totals.hours).toBeCloseTo(24, 6);
        const w = it0.warnings.find((x) => x.kind === 'weight-limit');
        expect(w?.message).toContain('30 t limit');
        expect(w?.message).toContain(cargo === 'feu' ? '32 t' : '40 t');
        expect(w?.message).toContain('20 h earlier');
      }
    });

    it('a limit above the truck weight changes nothing (FEU over a 35 t ice road: 4 h)', () => {
      const it0 = impl(atlas(35), profile(), { ...q, cargo: 'feu' }).itineraries[0];
      expect(it0.crossings.map((c) => c.id)).toEqual(['ice']);
      expect(it0.totals.hours).toBeCloseTo(4, 6);
    });
  });
}
