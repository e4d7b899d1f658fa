import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../trade/indicators/index.ts';
import {
  INDICATOR_DEFINITIONS,
  INDICATOR_LIST_LINES,
  INDICATOR_NEEDS,
  indicatorDefinition,
  indicatorNeeds,
  indicatorTexts,
} from './indicators.ts';
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

  it('says what every indicator needs in zh and ru, keeping its codes; the English is the library’s own', () => {
    for (const def of INDICATORS) {
      const t = INDICATOR_NEEDS[def.name];
      // a changed English sentence fails here until its translations follow
      expect(t?.en, `${def.name} needs`).toBe(def.needs);
      for (const lang of ['zh', 'ru'] as const) {
        expect(t?.[lang], `${def.name} needs ${lang}`).toMatch(/\S/);
        expect(t?.[lang]).not.toBe(def.needs);
        expect(symbols(t?.[lang] ?? ''), `${def.name} needs ${lang}`).toEqual(symbols(def.needs));
        // no English word but the codes and the sources' names
        const words = (t?.[lang] ?? '').replace(
          /\b(?:BACI|Comtrade|HS|WLD|TOTAL|UNCTAD)\b|world_totals/g,
          '',
        );
        expect(words.match(/[A-Za-z]{3,}/g), `${def.name} needs ${lang}`).toBeNull();
      }
      expect(indicatorNeeds(def.name, 'en', def.needs)).toBe(def.needs);
      // a sentence the table does not know is said as written, never as another's translation
      expect(indicatorNeeds(def.name, 'ru', 'something else')).toBe('something else');
      expect(indicatorTexts(def, 'en')).toEqual({
        lang: 'en',
        title: def.title,
        definition: def.definition,
        unit: def.unit,
        needs: def.needs,
      });
    }
    expect(Object.keys(INDICATOR_NEEDS).sort()).toEqual(INDICATORS.map((d) => d.name).sort());
    const rca = indicatorTexts(INDICATORS.find((d) => d.name === 'rca')!, 'zh');
    expect(rca.unit).toBe('指数（>1：具有显示性比较优势）');
    expect(rca.needs).toContain('world_totals');
  });

  it('has the --list lines in every language with the same placeholders and no English label', () => {
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, texts] of Object.entries(INDICATOR_LIST_LINES))
      for (const lang of ['zh', 'ru'] as const) {
        expect(placeholders(texts[lang]), `${key}.${lang}`).toEqual(placeholders(texts.en));
        expect(texts[lang].replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g), `${key}.${lang}`).toBeNull();
      }
  });
});
