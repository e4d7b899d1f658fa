import { describe, expect, it } from 'vitest';
import { DIFF_LINES, DIFF_OPTIMIZE_NAMES } from './diff-lines.ts';
import { LANGS } from './messages.ts';

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("amur scenario diff's words in en, zh and ru", () => {
  it('has every line in every language with the same placeholders, and no English word in zh or ru', () => {
    for (const [key, texts] of Object.entries({ ...DIFF_LINES, ...DIFF_OPTIMIZE_NAMES }))
      for (const l of LANGS) {
        expect(texts[l], `${key}.${l}`).toMatch(/\S/);
        expect(placeholders(texts[l]), `${key}.${l}`).toEqual(placeholders(texts.en));
        if (l !== 'en')
          // CO₂ is a formula
          expect(texts[l].replace(/\{\w+\}|CO₂/g, '').match(/[A-Za-z]{2,}/g), `${key}.${l}`).toBeNull();
      }
  });
});
