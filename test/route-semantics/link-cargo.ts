/**
 * Rule: a link carries only the cargo its record allows. A passenger-only
 * line (`cargo: [passenger]`, e.g. a high-speed railway) carries no freight;
 * a `[bulk]` line carries bulk only.
 *
 * Atlas (CN): a —rail 100 km— b direct, and a —rail 150— c —rail 150— b.
 * Test profile: rail 100 km/h, $1/km, no handling or dwell.
 * - over the direct line: 1 h, $100;
 * - around by c: 3 h, $300.
 */
import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/atlas/schema.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlasWith = (direct: Partial<Link>) =>
  atlasOf({
    places: [place('a', 'CN', 125, 45), place('b', 'CN', 126, 45), place('c', 'CN', 125.5, 46)],
    links: [
      link('ab', 'a', 'b', 'rail', 100, direct),
      link('ac', 'a', 'c', 'rail', 150),
      link('cb', 'c', 'b', 'rail', 150),
    ],
  });

const q = { from: 'a', to: 'b', date: '2023-03-01', optimize: 'time' as const, modes: ['rail' as const] };

export function linkCargoRule(name: string, impl: RouteImpl): void {
  describe(`${name}: a link carries only the cargo it allows`, () => {
    it('takes the direct line when it carries freight (1 h, $100)', () => {
      const it0 = impl(atlasWith({}), testProfile(), { ...q, cargo: 'feu' }).itineraries[0];
      expect(it0.totals.hours).toBeCloseTo(1, 6);
      expect(it0.legs.flatMap((l) => l.linkIds)).toEqual(['ab']);
    });

    it('never puts freight on a passenger-only line: around by c (3 h, $300)', () => {
      const atlas = atlasWith({ cargo: ['passenger'] });
      for (const cargo of ['teu', 'feu', 'bulk'] as const) {
        const it0 = impl(atlas, testProfile(), { ...q, cargo }).itineraries[0];
        expect(it0.legs.flatMap((l) => l.linkIds)).toEqual(['ac', 'cb']);
        expect(it0.totals.hours).toBeCloseTo(3, 6);
        expect(it0.totals.costUsd).toBeCloseTo(300, 6);
      }
    });

    it('a bulk-only line carries bulk but not containers', () => {
      const atlas = atlasWith({ cargo: ['bulk'] });
      const bulk = impl(atlas, testProfile(), { ...q, cargo: 'bulk' }).itineraries[0];
      expect(bulk.legs.flatMap((l) => l.linkIds)).toEqual(['ab']);
      const feu = impl(atlas, testProfile(), { ...q, cargo: 'feu' }).itineraries[0];
      expect(feu.legs.flatMap((l) => l.linkIds)).toEqual(['ac', 'cb']);
    });
  });
}
