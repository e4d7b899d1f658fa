/**
 * Rule: resolution never substitutes a place. What a user types (a name in
 * any script, an id, a UN/LOCODE, a typo) becomes a place of the atlas only
 * when it is certain, through the gazetteer every face uses before routing;
 * the itinerary then starts and ends at exactly the places resolved and names
 * them. A name the atlas does not hold is an error listing candidates, never a
 * plan from a look-alike (the "Chongqing" query once planned from Changling).
 *
 * Atlas: changling —rail 100— harbin —rail 300— suifenhe, all in China, plus
 * two places whose names differ by one letter (abcdef, abcdeh) to make a typo
 * ambiguous.
 */
import { describe, expect, it } from 'vitest';
import { GazetteerError, resolvePlace, resolvePlaceMatch } from '../../src/atlas/gazetteer.ts';
import { atlasOf, link, place, testProfile } from './fixtures.ts';
import type { RouteImpl } from './suite.ts';

const atlas = atlasOf({
  places: [
    place('changling', 'CN', 124, 44.3, {
      names: { en: 'Changling', zh: '长岭', ru: 'Чанлин' },
    }),
    place('harbin', 'CN', 126.6, 45.75, {
      names: { en: 'Harbin', zh: '哈尔滨', ru: 'Харбин', alt: ['Haerbin'] },
      unlocode: 'CNHRN',
    }),
    place('suifenhe', 'CN', 131.15, 44.4, {
      names: { en: 'Suifenhe', zh: '绥芬河', ru: 'Суйфэньхэ' },
    }),
    place('abcdef', 'CN', 127, 46, { names: { en: 'Abcdef', zh: '甲', ru: 'Абвгде' } }),
    place('abcdeh', 'CN', 127.5, 46, { names: { en: 'Abcdeh', zh: '乙', ru: 'Абвгдж' } }),
  ],
  links: [link('ch', 'changling', 'harbin', 'rail', 100), link('hs', 'harbin', 'suifenhe', 'rail', 300)],
});

/** Plans what a user typed: resolve both names, then route between the places resolved. */
function planTyped(impl: RouteImpl, from: string, to: string) {
  const a = resolvePlace(atlas, from);
  const b = resolvePlace(atlas, to);
  return { a, b, r: impl(atlas, testProfile(), { from: a.id, to: b.id, date: '2024-07-01', cargo: 'bulk' }) };
}

export function placeResolutionRule(name: string, impl: RouteImpl): void {
  describe(`${name}: resolution never substitutes a place`, () => {
    it('an unknown name is an error with candidates, not a plan from a look-alike', () => {
      expect(() => planTyped(impl, 'Chongqing', 'Suifenhe')).toThrow(GazetteerError);
      try {
        resolvePlace(atlas, 'Chongqing');
      } catch (e) {
        expect((e as GazetteerError).reason).toBe('unknown');
        expect((e as GazetteerError).candidates.map((c) => c.id)).toContain('changling');
        expect((e as Error).message).toMatch(/^unknown place "Chongqing"; did you mean: changling/);
      }
    });

    it('every exact name, in any script, plans from and to exactly that place and names it', () => {
      for (const p of atlas.places) {
        if (p.id === 'harbin') continue;
        for (const typed of [p.id, p.names.en, p.names.zh, p.names.ru, ...(p.names.alt ?? [])]) {
          const { a, b, r } = planTyped(impl, typed, 'Harbin');
          expect(a.id, typed).toBe(p.id);
          expect(b.id).toBe('harbin');
          if (p.id === 'abcdef' || p.id === 'abcdeh') continue; // not linked: nothing to plan
          const legs = r.itineraries[0]?.legs ?? [];
          expect(legs.length, `${typed} → Harbin`).toBeGreaterThan(0);
          expect(legs[0].from).toBe(p.id);
          expect(legs[0].fromName).toBe(p.names.en);
          expect(legs.at(-1)?.to).toBe('harbin');
          expect(legs.at(-1)?.toName).toBe('Harbin');
        }
      }
      expect(resolvePlace(atlas, 'CNHRN').id).toBe('harbin');
    });

    it('a close, unambiguous typo resolves and says what it matched; an ambiguous one does not', () => {
      const m = resolvePlaceMatch(atlas, 'Harbn');
      expect(m.record.id).toBe('harbin');
      expect(m.note).toMatch(/^"Harbn" → harbin .*: 1 edit from names\.en "Harbin"$/);
      expect(() => resolvePlace(atlas, 'Abcdeg')).toThrow(/^unknown place "Abcdeg"; did you mean: /);
      // a prefix is a candidate, never an answer
      expect(() => resolvePlace(atlas, 'Suif')).toThrow(GazetteerError);
    });
  });
}
