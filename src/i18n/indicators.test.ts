import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../trade/indicators/index.ts';
import { INDICATOR_DEFINITIONS, indicatorDefinition } from './indicators.ts';
import { INDICATOR_NAMES } from './messages.ts';

/** The formula's symbols (x_ik, RCA_ik, usd_per_kg, world_totals, --method …) a translation keeps as written. */
const symbols = (text: string) =>
  [
    ...new Set(
      text.match(/(?:--)?[A-Za-z]+_[A-Za-z0-9{},−]*[A-Za-z0-9}]|\b[A-Z]{2,}\b|\b(?:19|20)\d\d\b/g) ?? [],
    ),
  ]
    .filter((s) => s !== 'US')
    .sort();

describe('indicator texts', () => {
  it('names and defines every indicator in zh and ru, keeping the English formula’s symbols', () => {
    for (const def of INDICATORS) {
      for (const lang of ['zh', 'ru'] as const) {
        expect(INDICATOR_NAMES[def.name]?.[lang], `${def.name} name ${lang}`).toMatch(/\S/);
        const text = INDICATOR_DEFINITIONS[def.name]?.[lang];
        expect(text, `${def.name} definition ${lang}`).toMatch(/\S/);
        // a changed English definition fails here until its translations follow
        expect(symbols(text ?? ''), `${def.name} ${lang}`).toEqual(
          expect.arrayContaining(symbols(def.definition)),
        );
      }
      expect(indicatorDefinition(def.name, 'en', def.definition)).toBe(def.definition);
    }
    expect(Object.keys(INDICATOR_DEFINITIONS).sort()).toEqual(INDICATORS.map((d) => d.name).sort());
  });
});
