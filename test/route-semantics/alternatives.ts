/**
 * Rule: alternatives differ materially, also where no border is crossed: by
 * their mix of modes or by most of their links, and each says how.
 *
 * Atlas (all CN, like Harbin → Shanghai by land or via Dalian by sea):
 * h —rail 1 000— x —rail 1 000— s (the land route), h —rail 900— d (a seaport)
 * —sea 1 200— s (a seaport), and h —road 2 200— s. Test profile: rail
 * 100 km/h, sea 50 km/h, road 50 km/h; no handling, dwell or transfer times.
 * - best on time: rail by x, 20 h;
 * - alternative 1: rail to d and sea, 9 h + 24 h = 33 h (other modes, no shared link);
 * - alternative 2: road, 44 h.
 */
import { describe, expect, it } from 'vitest';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const port = { kinds: ['city' as const, 'rail-station' as const, 'seaport' as const] };
const atlas = atlasOf({
  places: [
    place('h', 'CN', 126.6, 45.8),
    place('x', 'CN', 117, 39),
    place('s', 'CN', 121.5, 31.2, port),
    place('d', 'CN', 121.6, 38.9, port),
  ],
  links: [
    link('hx', 'h', 'x', 'rail', 1000),
    link('xs', 'x', 's', 'rail', 1000),
    link('hd', 'h', 'd', 'rail', 900),
    link('ds', 'd', 's', 'sea', 1200),
    link('hs-road', 'h', 's', 'road', 2200),
  ],
});

export function alternativesRule(name: string, impl: RouteImpl): void {
  describe(`${name}: alternatives differ materially without a border crossing`, () => {
    it('gives rail by land, then rail and sea via the port, then road, each saying how it differs', () => {
      const r = impl(atlas, testProfile(), {
        from: 'h',
        to: 's',
        date: '2023-06-01',
        cargo: 'feu',
        optimize: 'time',
        alternatives: 2,
      });
      expect(r.itineraries).toHaveLength(3);
      const [land, sea, road] = r.itineraries;
      expect(land.legs.map((l) => l.mode)).toEqual(['rail', 'rail']);
      expect(land.totals.hours).toBeCloseTo(20, 6);
      expect(land.differences).toBeUndefined();

      expect(sea.legs.map((l) => l.mode)).toEqual(['rail', 'sea']);
      expect(sea.totals.hours).toBeCloseTo(33, 6);
      expect(sea.summary).toContain('by rail and sea instead of rail');
      expect(sea.summary).toContain('shares 0% of its distance with itinerary 1');

      expect(road.legs.map((l) => l.mode)).toEqual(['road']);
      expect(road.totals.hours).toBeCloseTo(44, 6);
      expect(road.differences).toContain('by road instead of rail');
    });

    it('stops when nothing materially different is left', () => {
      const r = impl(atlas, testProfile(), {
        from: 'h',
        to: 's',
        date: '2023-06-01',
        cargo: 'feu',
        optimize: 'time',
        alternatives: 5,
      });
      expect(r.itineraries).toHaveLength(3);
    });
  });
}
